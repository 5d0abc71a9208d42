import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { csvTable, formulaSafe } from "./csv";

const PAYLOADS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1", 'Ana\n=HYPERLINK("http://evil.test")', "ok\r\n+1", "fine\n@x"];

describe("formula-safe CSV", () => {
  it("neutralises a cell when any line could start a formula", () => {
    for (const p of PAYLOADS) expect(formulaSafe(p), JSON.stringify(p)).toBe(`'${p}`);
  });

  it("leaves ordinary text and Baton's own numbers alone", () => {
    for (const v of ["Ana Li", "Front Desk", "a-b", "x=y", "-3", "-0.25", 42, null]) expect(formulaSafe(v)).toBe(v);
  });

  it("a written table reads back with every risky cell and header as text (a leading quote), the rest unchanged", () => {
    const rows = PAYLOADS.map((p) => [p, "Front Desk", "-3"]);
    const text = csvTable(["Name", "=evil header", "Days"], rows);
    const back = Papa.parse<string[]>(text.slice(0, -2), { newline: "\r\n" }).data;
    expect(back[0]).toEqual(["Name", "'=evil header", "Days"]);
    expect(back.slice(1)).toEqual(rows.map(([p]) => [`'${p}`, "Front Desk", "-3"]));
  });
});
