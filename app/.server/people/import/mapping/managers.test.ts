import { describe, expect, it } from "vitest";
import { employeeIdKey, resolveManagers, type KnownPerson, type ManagerRow } from "./managers";
import { personName } from "./names";
import { EUROPEAN_EXPORT, US_EXPORT, WORKDAY_EXPORT, readExport } from "./sample-exports";

/** A file's rows as the import hands them over, given the columns of its shape. */
function rowsOf(text: string, c: { id: number; email: number; first: number; last: number; manager: number }): ManagerRow[] {
  return readExport(text).rows.map(({ line, values }) => ({
    line,
    email: values[c.email]!,
    name: personName({ first: values[c.first], last: values[c.last] }),
    employeeId: values[c.id],
    manager: values[c.manager]!,
  }));
}
const US = rowsOf(US_EXPORT, { id: 0, first: 1, last: 2, email: 3, manager: 7 });
const WORKDAY = rowsOf(WORKDAY_EXPORT, { id: 0, first: 1, last: 2, email: 3, manager: 7 });
const EUROPEAN = rowsOf(EUROPEAN_EXPORT, { id: 0, last: 1, first: 2, email: 3, manager: 7 });
const summary = (r: Awaited<ReturnType<typeof resolveManagers>>) => ({
  managers: r.managers.map((m) => [m.line, m.managerEmail, m.matchedBy]),
  problems: r.problems.map((p) => [p.line, p.message]),
});

describe("resolveManagers", () => {
  it("finds managers by name in the US export, and names the candidates when a name fits two people", async () => {
    expect(summary(await resolveManagers(US, []))).toEqual({
      managers: [
        [2, null, null],
        [3, "amara.okafor@northwind.test", "name"],
        [4, "amara.okafor@northwind.test", "name"],
        [5, null, null],
        [6, "amara.okafor@northwind.test", "name"],
        [7, "amara.okafor@northwind.test", "name"],
      ],
      problems: [
        [5, "Manager “Lee, Sam” matches 2 people: sam.lee@northwind.test, sam.lee2@northwind.test. Write the manager's e-mail or employee id instead."],
      ],
    });
  });

  it("counts Baton's people too, once each, and a namesake in Baton makes a name ambiguous", async () => {
    const people: KnownPerson[] = [
      { email: "Amara.Okafor@northwind.test", name: "Amara Okafor" },
      { email: "amara.o@partner.test", name: "Amara Okafor" },
    ];
    const r = await resolveManagers(US.slice(0, 2), people);
    expect(summary(r).problems).toEqual([
      [3, "Manager “Okafor, Amara” matches 2 people: amara.okafor@northwind.test, amara.o@partner.test. Write the manager's e-mail or employee id instead."],
    ]);
    const inBatonOnly = await resolveManagers([{ line: 2, email: "new@northwind.test", name: "New Hire", manager: "Okafor, Amara" }], people.slice(0, 1));
    expect(summary(inBatonOnly).managers).toEqual([[2, "amara.okafor@northwind.test", "name"]]);
  });

  it("matches names without case, accents or word order", async () => {
    const rows: ManagerRow[] = [
      ...US.slice(0, 5),
      { line: 8, email: "a@northwind.test", name: "A", manager: "jose nunez" },
      { line: 9, email: "b@northwind.test", name: "B", manager: "Okafor Amara" },
      { line: 10, email: "c@northwind.test", name: "C", manager: "NÚÑEZ, JOSÉ" },
    ];
    expect(summary(await resolveManagers(rows, [])).managers.slice(5)).toEqual([
      [8, "jose.nunez@northwind.test", "name"],
      [9, "amara.okafor@northwind.test", "name"],
      [10, "jose.nunez@northwind.test", "name"],
    ]);
  });

  it("does not take someone for their own manager when a namesake is meant", async () => {
    const rows: ManagerRow[] = [US[1]!, { ...US[2]!, manager: "Lee, Sam" }];
    expect(summary(await resolveManagers(rows, [{ email: "amara.okafor@northwind.test", name: "Amara Okafor" }])).managers).toEqual([
      [3, "amara.okafor@northwind.test", "name"],
      [4, "sam.lee@northwind.test", "name"],
    ]);
  });

  it("says when no one has the name, or only someone deactivated", async () => {
    const rows: ManagerRow[] = [
      { line: 2, email: "a@x.test", name: "A", manager: "Jordan Blake" },
      { line: 3, email: "b@x.test", name: "B", manager: "Old Boss" },
    ];
    const r = await resolveManagers(rows, [{ email: "old.boss@x.test", name: "Old Boss", deactivatedAt: new Date("2025-01-01T00:00:00Z") }]);
    expect(summary(r).problems).toEqual([
      [2, "No one called “Jordan Blake” (the manager) is in this file or in Baton."],
      [3, "Manager “Old Boss” matches only someone deactivated in Baton: old.boss@x.test."],
    ]);
  });

  it("finds managers by employee id in the Workday export, in the file first and then in Baton", async () => {
    expect(summary(await resolveManagers(WORKDAY, [], { column: "managerEmployeeId" }))).toEqual({
      managers: [
        [2, null, null],
        [3, "lina.berg@contoso.test", "employeeId"],
        [4, "lina.berg@contoso.test", "employeeId"],
        [5, "lina.berg@contoso.test", "employeeId"],
        [6, null, null],
      ],
      problems: [[6, "No one has the employee id “W-00099” (the manager's), in this file or in Baton."]],
    });
    const people: KnownPerson[] = [
      { email: "head.of.service@contoso.test", name: "Kari Dahl", employeeId: "W-00099" },
      // Lina's e-mail changed since the last import: the file's row is her, not a second W-00017.
      { email: "lberg@contoso.test", name: "Lina Berg", employeeId: "W-00017" },
    ];
    expect(summary(await resolveManagers(WORKDAY, people, { column: "managerEmployeeId" }))).toEqual({
      managers: [
        [2, null, null],
        [3, "lina.berg@contoso.test", "employeeId"],
        [4, "lina.berg@contoso.test", "employeeId"],
        [5, "lina.berg@contoso.test", "employeeId"],
        [6, "head.of.service@contoso.test", "employeeId"],
      ],
      problems: [],
    });
  });

  it("reports an employee id two people share", async () => {
    const rows: ManagerRow[] = [
      { line: 2, email: "a@x.test", name: "A", employeeId: "E1", manager: "" },
      { line: 3, email: "b@x.test", name: "B", employeeId: "e1", manager: "" },
      { line: 4, email: "c@x.test", name: "C", employeeId: "E2", manager: "E1" },
    ];
    expect(summary(await resolveManagers(rows, [], { column: "managerEmployeeId" })).problems).toEqual([
      [4, "Manager employee id “E1” belongs to 2 people: a@x.test, b@x.test."],
    ]);
  });

  it("reads a mixed manager column value by value: e-mail, employee id, then name", async () => {
    const rows: ManagerRow[] = [
      ...US.slice(0, 3),
      { line: 8, email: "a@northwind.test", name: "A", manager: "Sam.Lee@Northwind.test" },
      { line: 9, email: "b@northwind.test", name: "B", manager: "1002" },
      { line: 10, email: "c@northwind.test", name: "C", manager: "E-9999" },
    ];
    expect(summary(await resolveManagers(rows, []))).toEqual({
      managers: [
        [2, null, null],
        [3, "amara.okafor@northwind.test", "name"],
        [4, "amara.okafor@northwind.test", "name"],
        [8, "sam.lee@northwind.test", "email"],
        [9, "sam.lee@northwind.test", "employeeId"],
        [10, null, null],
      ],
      problems: [[10, "No one has the employee id or name “E-9999” (the manager's), in this file or in Baton."]],
    });
  });

  it("passes manager e-mails through as written, lower-cased (the plan checks they exist)", async () => {
    expect(summary(await resolveManagers(EUROPEAN, [], { column: "managerEmail" })).managers).toEqual([
      [2, null, null],
      [3, "juergen.mueller@fabrikam.test", "email"],
      [4, "juergen.mueller@fabrikam.test", "email"],
      [5, "juergen.mueller@fabrikam.test", "email"],
    ]);
  });

  it("lists at most five candidates", async () => {
    const people: KnownPerson[] = Array.from({ length: 7 }, (_, i) => ({ email: `sam${i}@x.test`, name: "Sam Lee" }));
    const r = await resolveManagers([{ line: 2, email: "a@x.test", name: "A", manager: "Sam Lee" }], people, { column: "managerName" });
    expect(r.problems).toEqual([
      {
        line: 2,
        message:
          "Manager “Sam Lee” matches 7 people: sam0@x.test, sam1@x.test, sam2@x.test, sam3@x.test, sam4@x.test and 2 more. Write the manager's e-mail or employee id instead.",
      },
    ]);
  });
});

describe("employeeIdKey", () => {
  it("ignores case, spaces and the leading zeros a spreadsheet drops", () => {
    expect(["00042", " 42 ", "w-00017", "W-00017", "0"].map(employeeIdKey)).toEqual(["42", "42", "w-00017", "w-00017", "0"]);
  });
});
