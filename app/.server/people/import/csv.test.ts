import { describe, expect, it } from "vitest";
import { readCsvTable, readPeopleCsv } from "./csv";
import { MAX_IMPORT_ROWS } from "./limits";
import { sampleCsv } from "./sample";

const HEADER = "email,name,department,job title,manager email,start date";

describe("readPeopleCsv", () => {
  it("reads a comma file and keeps each row's line number", async () => {
    const r = await readPeopleCsv(
      `${HEADER}\nana@x.test,Ana Li,Front Desk,Receptionist,,2027-01-04\n\nbo@x.test,Bo Chen,Front Desk,Agent,ana@x.test,2027-01-11\n`,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows.map((x) => [x.line, x.email, x.managerEmail])).toEqual([
      [2, "ana@x.test", ""],
      [4, "bo@x.test", "ana@x.test"],
    ]);
    expect(r).toMatchObject({ delimiter: ",", hasRoleColumn: false, problems: [] });
  });

  it("reads semicolons, a byte-order mark, CRLF and header names in any case or spelling", async () => {
    const text =
      "\uFEFFE-Mail Address;Full Name;DEPARTMENT;Job_Title;Manager Email;Start-Date;Role;Cost centre\r\nana@x.test;Ana Li;Front Desk;Receptionist;;2027-01-04;Manager;CC1\r\n";
    // "E-Mail Address" normalises to "emailaddress".
    const r = await readPeopleCsv(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.delimiter).toBe(";");
    expect(r.rows[0]).toEqual({
      line: 2,
      email: "ana@x.test",
      name: "Ana Li",
      department: "Front Desk",
      jobTitle: "Receptionist",
      managerEmail: "",
      startDate: "2027-01-04",
      role: "Manager",
    });
    expect(r.hasRoleColumn).toBe(true);
    expect(r.ignoredColumns).toEqual(["Cost centre"]);
  });

  it("counts lines inside quoted values that span lines", async () => {
    const r = await readPeopleCsv(`${HEADER}\n"ana@x.test","Ana\nLi",Front Desk,,,\nbo@x.test,Bo,Front Desk,,,\n`);
    expect(r.ok && r.rows.map((x) => x.line)).toEqual([2, 4]);
  });

  it("names a missing required column and what it found", async () => {
    const r = await readPeopleCsv("email,name,department,manager email,start date\nana@x.test,Ana,FD,,2027-01-04\n");
    expect(r).toEqual({
      ok: false,
      message:
        "The file has no “job title” column. The first line must name the columns: email, name, department, job title, manager email, start date, and optionally role (found: email, name, department, manager email, start date).",
    });
    const two = await readPeopleCsv("email,name,department\n");
    expect(two.ok ? "" : two.message).toMatch(/^The file has no “job title”, “manager email”, “start date” columns\./);
  });

  it("refuses two columns meaning the same thing", async () => {
    const r = await readPeopleCsv(`${HEADER},E-mail\n`);
    expect(r.ok ? "" : r.message).toBe("The columns “email” and “E-mail” both mean email: keep one.");
  });

  it("says an empty file is empty, with or without a BOM or blank lines", async () => {
    expect(await readPeopleCsv("")).toEqual({ ok: false, message: "The file is empty." });
    expect(await readPeopleCsv("\uFEFF\n\n  \n")).toEqual({ ok: false, message: "The file is empty." });
    expect(await readPeopleCsv(`${HEADER}\n`)).toEqual({ ok: false, message: "The file has a header line but no people in it." });
  });

  it("reports rows with the wrong number of values or broken quotes by line", async () => {
    const r = await readPeopleCsv(`${HEADER}\nana@x.test,Ana,FD,,,2027-01-04,extra\nbo@x.test,Bo\ncy@x.test,Cy,FD,,,2027-01-04\n`);
    expect(r.ok && r.problems).toEqual([
      { line: 2, message: "This line has 7 values but the header has 6 columns." },
      { line: 3, message: "This line has 2 values but the header has 6 columns." },
    ]);
    expect(r.ok && r.rows.map((x) => x.email)).toEqual(["cy@x.test"]);
  });

  it("reads a generated 10,000-row file quickly, lines and all", async () => {
    const started = performance.now();
    const r = await readPeopleCsv(sampleCsv(10_000, { delimiter: ";", bom: true }));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows).toHaveLength(10_000);
    expect(r.rows[9_999]).toMatchObject({ line: 10_001, email: "person9999@import.test" });
    expect(r.problems).toEqual([]);
  });

  it("reads a file in slices exactly as in one piece: quoted line breaks, broken rows and blank lines across slice ends", async () => {
    const tricky = [
      `${HEADER},notes`,
      `"ana@x.test","Ana\nLi",Front Desk,,,2027-01-04,"two\nlines"`,
      "",
      `bo@x.test,Bo,FD,,,2027-01-04,"a ""quoted"" word"`,
      "cy@x.test,Cy",
      `di@x.test,"Di, Jr",FD,Agent,ana@x.test,2027-01-04,"x\n\ny"`,
      "   ",
      `ed@x.test,Ed,FD,,,2027-01-04,5'10"`,
      `fi@x.test,Fi,FD,,,2027-01-04,"never closed\ngi@x.test,Gi,FD,,,2027-01-04,`,
    ];
    for (const eol of ["\n", "\r\n", "\r"]) {
      const text = tricky.join(eol) + eol;
      const whole = await readPeopleCsv(text, { sliceChars: Number.MAX_SAFE_INTEGER });
      expect(whole.ok).toBe(true);
      for (const sliceChars of [1, 7, 31, 64, 200]) expect(await readPeopleCsv(text, { sliceChars })).toEqual(whole);
    }
    const sample = sampleCsv(3_000, { delimiter: ";" });
    expect(await readPeopleCsv(sample, { sliceChars: 4_096 })).toEqual(await readPeopleCsv(sample, { sliceChars: Number.MAX_SAFE_INTEGER }));
  });

  it("refuses a file with more people than an import takes, with the limit in the message", async () => {
    expect(MAX_IMPORT_ROWS).toBeGreaterThanOrEqual(200_000);
    const body = (n: number) => `${HEADER}\n${Array.from({ length: n }, (_, i) => `p${i}@x.test,P,FD,,,2027-01-04`).join("\n")}\n`;
    expect((await readPeopleCsv(body(5), { maxRows: 5 })).ok).toBe(true);
    // Rows that are broken count too: the limit is on the file's size, not on its good rows.
    expect(await readPeopleCsv(`${body(5)}bad,row\n`, { maxRows: 5 })).toEqual({
      ok: false,
      message: "The file lists more than 5 people, the most one import can take. Split it into smaller files and import each: nothing was imported.",
    });
  });
});

describe("readCsvTable", () => {
  it("reads any header row and each row's values with its line, semicolons and quoted commas included", async () => {
    const r = await readCsvTable('\uFEFFEmployee #;"Name (Last, First)";Hire Date\r\n1001;"Okafor; Amara";03/02/2025\r\n\r\n1002;Lee, Sam;04/15/2025\r\n');
    expect(r).toEqual({
      ok: true,
      delimiter: ";",
      table: {
        headers: ["Employee #", "Name (Last, First)", "Hire Date"],
        rows: [
          { line: 2, values: ["1001", "Okafor; Amara", "03/02/2025"] },
          { line: 4, values: ["1002", "Lee, Sam", "04/15/2025"] },
        ],
        problems: [],
      },
    });
  });

  it("keeps the reader's limits and row problems", async () => {
    expect(await readCsvTable("A,B\n1\n2,3\n")).toMatchObject({
      ok: true,
      table: { problems: [{ line: 2, message: "This line has 1 values but the header has 2 columns." }] },
    });
    expect(await readCsvTable("A,B\n1,2\n3,4\n", { maxRows: 1 })).toMatchObject({ ok: false, message: expect.stringContaining("more than 1 people") });
    expect(await readCsvTable("A,B\n")).toEqual({ ok: false, message: "The file has a header line but no people in it." });
  });
});
