import { describe, expect, it } from "vitest";
import { mapRows } from "./mapped-rows";
import { EUROPEAN_EXPORT, US_EXPORT, WORKDAY_EXPORT, readExport } from "./mapping/sample-exports";

const table = (text: string) => ({ ...readExport(text), problems: [] });

describe("mapRows", () => {
  it("reads the US export through the proposal: names joined, managers by name, US dates detected", async () => {
    const r = await mapRows(table(US_EXPORT), []);
    expect(r.dates).toEqual({ order: "mdy", decidedBy: { line: 3, value: "04/15/2025" } });
    expect(r.columns.mapping).toMatchObject({ employeeId: "Employee #", firstName: "First Name", lastName: "Last Name", manager: "Reports To" });
    expect(r.columns.unmapped).toEqual([]);
    expect(r.rows.slice(0, 2)).toEqual([
      {
        line: 2,
        email: "amara.okafor@northwind.test",
        name: "Amara Okafor",
        department: "Customer Support",
        jobTitle: "Head of Support",
        startDate: new Date("2025-03-02T00:00:00Z"),
        managerEmail: "",
        role: "",
        employeeId: "1001",
        location: "Leeds",
        status: "active",
      },
      expect.objectContaining({ line: 3, managerEmail: "amara.okafor@northwind.test", startDate: new Date("2025-04-15T00:00:00Z") }),
    ]);
    expect(r.rows.find((x) => x.line === 6)?.status).toBe("inactive");
    expect(r.problems).toEqual([
      {
        line: 5,
        message: "Manager “Lee, Sam” matches 2 people: sam.lee@northwind.test, sam.lee2@northwind.test. Write the manager's e-mail or employee id instead.",
      },
      { line: 7, message: "The start date “02/30/2026” is not a day in the calendar." },
    ]);
  });

  it("reads managers by employee id and lists the columns no field reads", async () => {
    const r = await mapRows(table(WORKDAY_EXPORT), []);
    expect(r.columns.unmapped).toEqual(["Cost_Center"]);
    expect(r.columns.unclear).toEqual([]);
    expect(r.rows.map((x) => x.managerEmail)).toEqual(["", "lina.berg@contoso.test", "lina.berg@contoso.test", "lina.berg@contoso.test", ""]);
    expect(r.problems).toEqual([{ line: 6, message: "No one has the employee id “W-00099” (the manager's), in this file or in Baton." }]);
  });

  it("reads DD.MM.YYYY as day/month and refuses a status it does not know", async () => {
    const r = await mapRows(table(EUROPEAN_EXPORT), []);
    expect(r.dates).toMatchObject({ order: "dmy" });
    expect(r.rows[1]).toMatchObject({ name: "Anna Schmidt", startDate: new Date("2026-01-15T00:00:00Z"), location: "Hamburg" });
    expect(r.rows[2]?.status).toBe("inactive");
    expect(r.problems).toEqual([
      { line: 5, message: "The start date “31.02.2026” is not a day in the calendar." },
      { line: 5, message: "Unknown employment status “Sabbatical”: Baton reads values such as Active, On Leave, Terminated or Resigned." },
    ]);
  });

  it("asks once for the order when no date decides it, and reads the dates in the order HR gives", async () => {
    const ambiguous = table("Email,Name,Start Date\na@x.test,A,03/04/2026\nb@x.test,B,05/06/2026\nc@x.test,C,");
    const asked = await mapRows(ambiguous, []);
    expect(asked.dates).toEqual({ order: "ambiguous" });
    expect(asked.problems).toEqual([{ line: 1, message: "Dates like 03/04/2026 could be 3 April or 4 March: choose the day/month order." }]);
    const given = await mapRows(ambiguous, [], { dateOrder: "mdy" });
    expect(given.dates).toEqual({ order: "mdy" });
    expect(given.problems).toEqual([]);
    expect(given.rows.map((x) => x.startDate)).toEqual([new Date("2026-03-04T00:00:00Z"), new Date("2026-05-06T00:00:00Z"), null]);
  });

  it("reads no row through a mapping with a problem, and leaves fields without a column undefined", async () => {
    const bad = await mapRows(table(US_EXPORT), [], { mapping: { email: "Work Email", fullName: "Work Email" } });
    expect(bad.rows).toEqual([]);
    expect(bad.problems).toEqual([{ line: 1, message: "The column “Work Email” is chosen for e-mail and full name: choose it for one." }]);
    expect(bad.columns.proposal).toMatchObject({ email: "Work Email" });

    const small = await mapRows(table(US_EXPORT), [], { mapping: { email: "Work Email", firstName: "First Name", lastName: "Last Name" } });
    expect(small.problems).toEqual([]);
    expect(small.rows[0]).toEqual({
      line: 2,
      email: "amara.okafor@northwind.test",
      name: "Amara Okafor",
      role: "",
      department: undefined,
      jobTitle: undefined,
      startDate: undefined,
      managerEmail: undefined,
      employeeId: undefined,
      location: undefined,
      status: null,
    });
    expect(small.columns.unmapped).toContain("Employee #");
  });
});
