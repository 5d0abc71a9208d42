import { describe, expect, it } from "vitest";
import { readPeopleCsv } from "./csv";
import { sampleCsv } from "./sample";

const HEADER = "email,name,department,job title,manager email,start date";

describe("readPeopleCsv", () => {
  it("reads a comma file and keeps each row's line number", () => {
    const r = readPeopleCsv(`${HEADER}\nana@x.test,Ana Li,Front Desk,Receptionist,,2027-01-04\n\nbo@x.test,Bo Chen,Front Desk,Agent,ana@x.test,2027-01-11\n`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows.map((x) => [x.line, x.email, x.managerEmail])).toEqual([
      [2, "ana@x.test", ""],
      [4, "bo@x.test", "ana@x.test"],
    ]);
    expect(r).toMatchObject({ delimiter: ",", hasRoleColumn: false, problems: [] });
  });

  it("reads semicolons, a byte-order mark, CRLF and header names in any case or spelling", () => {
    const text = "\uFEFFE-Mail Address;Full Name;DEPARTMENT;Job_Title;Manager Email;Start-Date;Role;Cost centre\r\nana@x.test;Ana Li;Front Desk;Receptionist;;2027-01-04;Manager;CC1\r\n";
    // "E-Mail Address" normalises to "emailaddress".
    const r = readPeopleCsv(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.delimiter).toBe(";");
    expect(r.rows[0]).toEqual({ line: 2, email: "ana@x.test", name: "Ana Li", department: "Front Desk", jobTitle: "Receptionist", managerEmail: "", startDate: "2027-01-04", role: "Manager" });
    expect(r.hasRoleColumn).toBe(true);
    expect(r.ignoredColumns).toEqual(["Cost centre"]);
  });

  it("counts lines inside quoted values that span lines", () => {
    const r = readPeopleCsv(`${HEADER}\n"ana@x.test","Ana\nLi",Front Desk,,,\nbo@x.test,Bo,Front Desk,,,\n`);
    expect(r.ok && r.rows.map((x) => x.line)).toEqual([2, 4]);
  });

  it("names a missing required column and what it found", () => {
    const r = readPeopleCsv("email,name,department,manager email,start date\nana@x.test,Ana,FD,,2027-01-04\n");
    expect(r).toEqual({
      ok: false,
      message:
        "The file has no “job title” column. The first line must name the columns: email, name, department, job title, manager email, start date, and optionally role (found: email, name, department, manager email, start date).",
    });
    const two = readPeopleCsv("email,name,department\n");
    expect(two.ok ? "" : two.message).toMatch(/^The file has no “job title”, “manager email”, “start date” columns\./);
  });

  it("refuses two columns meaning the same thing", () => {
    const r = readPeopleCsv(`${HEADER},E-mail\n`);
    expect(r.ok ? "" : r.message).toBe("The columns “email” and “E-mail” both mean email: keep one.");
  });

  it("says an empty file is empty, with or without a BOM or blank lines", () => {
    expect(readPeopleCsv("")).toEqual({ ok: false, message: "The file is empty." });
    expect(readPeopleCsv("\uFEFF\n\n  \n")).toEqual({ ok: false, message: "The file is empty." });
    expect(readPeopleCsv(`${HEADER}\n`)).toEqual({ ok: false, message: "The file has a header line but no people in it." });
  });

  it("reports rows with the wrong number of values or broken quotes by line", () => {
    const r = readPeopleCsv(`${HEADER}\nana@x.test,Ana,FD,,,2027-01-04,extra\nbo@x.test,Bo\ncy@x.test,Cy,FD,,,2027-01-04\n`);
    expect(r.ok && r.problems).toEqual([
      { line: 2, message: "This line has 7 values but the header has 6 columns." },
      { line: 3, message: "This line has 2 values but the header has 6 columns." },
    ]);
    expect(r.ok && r.rows.map((x) => x.email)).toEqual(["cy@x.test"]);
  });

  it("reads a generated 10,000-row file quickly, lines and all", () => {
    const started = performance.now();
    const r = readPeopleCsv(sampleCsv(10_000, { delimiter: ";", bom: true }));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows).toHaveLength(10_000);
    expect(r.rows[9_999]).toMatchObject({ line: 10_001, email: "person9999@import.test" });
    expect(r.problems).toEqual([]);
  });
});
