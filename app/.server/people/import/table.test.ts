import { describe, expect, it } from "vitest";
import { tableFromSheet } from "./table";

describe("tableFromSheet", () => {
  it("takes the first non-empty row as the header, pads short rows and numbers rows as the sheet does", () => {
    const r = tableFromSheet([[], ["Email", "Name", "Location"], ["a@x.test", "A"], ["", "", ""], ["b@x.test", "B", "Leeds"]]);
    expect(r).toEqual({
      ok: true,
      table: {
        headers: ["Email", "Name", "Location"],
        rows: [
          { line: 3, values: ["a@x.test", "A", ""] },
          { line: 5, values: ["b@x.test", "B", "Leeds"] },
        ],
        problems: [],
      },
    });
  });

  it("reports a row with values beyond the header, an empty sheet, and a sheet over the row limit", () => {
    const r = tableFromSheet([["Email"], ["a@x.test", "stray"], ["b@x.test", ""]]);
    expect(r.ok && r.table.problems).toEqual([{ line: 2, message: "This row has values in 2 columns but the header names 1." }]);
    expect(r.ok && r.table.rows).toEqual([{ line: 3, values: ["b@x.test"] }]);
    expect(tableFromSheet([[""]])).toEqual({ ok: false, message: "The sheet is empty." });
    expect(tableFromSheet([["Email"]])).toEqual({ ok: false, message: "The sheet has a header row but no people in it." });
    expect(tableFromSheet([["Email"], ["a"], ["b"], ["c"]], { maxRows: 2 })).toMatchObject({
      ok: false,
      message: expect.stringContaining("more than 2 people"),
    });
  });
});
