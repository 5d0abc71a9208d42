import { describe, expect, it } from "vitest";
import { readPeopleCsv, type CsvRow } from "./csv";
import { planImport, type ExistingPerson, type ImportPlan, type PlanRow } from "./plan";
import { sampleCsv } from "./sample";

const HEADER = "email,name,department,job title,manager email,start date,role";
async function rowsOf(body: string): Promise<CsvRow[]> {
  const r = await readPeopleCsv(`${HEADER}\n${body}`);
  if (!r.ok) throw new Error(r.message);
  return r.rows;
}
const existing = (o: Partial<ExistingPerson> & { email: string }): ExistingPerson => ({
  id: `id-${o.email}`,
  name: "Someone",
  role: "LEARNER",
  department: null,
  jobTitle: null,
  startDate: null,
  managerEmail: null,
  deactivatedAt: null,
  ...o,
});
const boss = existing({ email: "boss@x.test", name: "Boss", role: "MANAGER" });
const lines = (plan: ImportPlan) => plan.problems.map((p) => [p.line, p.message]);

describe("planImport", () => {
  it("creates new people, makes people who manage someone managers, and links managers within the file", async () => {
    const plan = await planImport(await rowsOf("Ana@X.test,Ana,FD,Lead,boss@x.test,2027-01-04,\nbo@x.test,Bo,FD,Agent,ana@x.test,2027-01-11,\n"), [boss]);
    expect(plan.problems).toEqual([]);
    expect(plan.creates.map((c) => [c.email, c.role, c.managerEmail, c.startDate?.toISOString().slice(0, 10)])).toEqual([
      ["ana@x.test", "MANAGER", "boss@x.test", "2027-01-04"],
      ["bo@x.test", "LEARNER", "ana@x.test", "2027-01-11"],
    ]);
  });

  it("sorts existing people into updated (saying what changes) and unchanged", async () => {
    const people = [
      boss,
      existing({
        email: "ana@x.test",
        name: "Ana",
        department: "FD",
        jobTitle: "Agent",
        startDate: new Date("2027-01-04T00:00:00Z"),
        managerEmail: "boss@x.test",
      }),
      existing({ email: "bo@x.test", name: "Bo", department: "FD", jobTitle: "Agent", startDate: null, managerEmail: "boss@x.test" }),
    ];
    const plan = await planImport(await rowsOf("ana@x.test,Ana,FD,Agent,boss@x.test,2027-01-04,\nbo@x.test,Bo,Warehouse,Agent,,2027-02-01,\n"), people);
    expect(plan.creates).toEqual([]);
    expect(plan.unchanged).toBe(1);
    expect(plan.updates.map((u) => u.changes)).toEqual([["department: FD → Warehouse", "start date: none → 2027-02-01", "manager: boss@x.test → none"]]);
  });

  it("reports every bad row with its line and reason, and plans nothing for them", async () => {
    const plan = await planImport(
      await rowsOf(
        [
          "not-an-email,Ana,FD,,,2027-01-04,", // 2
          "bo@x.test,Bo,FD,,,04/01/2027,", // 3
          "cy@x.test,Cy,FD,,ghost@x.test,2027-02-30,", // 4
          "bo@x.test,Bo again,FD,,,2027-01-04,", // 5
          "di@x.test,,FD,,,2027-01-04,wizard", // 6
          "",
        ].join("\n"),
      ),
      [boss],
    );
    expect(lines(plan)).toEqual([
      [2, "Bad email “not-an-email”."],
      [3, "Bad start date “04/01/2027”: use YYYY-MM-DD, e.g. 2027-01-04."],
      [4, "Bad start date “2027-02-30”: use YYYY-MM-DD, e.g. 2027-01-04."],
      [4, "Unknown manager ghost@x.test: they are neither in this file nor in Baton."],
      [5, "Duplicate email bo@x.test: it is also on line 3."],
      [6, "The name is missing."],
      [6, "Unknown role “wizard”: use learner, manager or HR (or leave it empty)."],
    ]);
    expect(plan.creates).toEqual([]);
  });

  it("finds manager cycles, in the file and through people already in Baton", async () => {
    const inFile = await planImport(
      await rowsOf("a@x.test,A,FD,,b@x.test,,\nb@x.test,B,FD,,c@x.test,,\nc@x.test,C,FD,,a@x.test,,\nd@x.test,D,FD,,a@x.test,,\n"),
      [],
    );
    expect(lines(inFile)).toEqual([
      [2, "Manager cycle: a@x.test → b@x.test → c@x.test → a@x.test."],
      [3, "Manager cycle: a@x.test → b@x.test → c@x.test → a@x.test."],
      [4, "Manager cycle: a@x.test → b@x.test → c@x.test → a@x.test."],
    ]);
    const self = await planImport(await rowsOf("a@x.test,A,FD,,a@x.test,,manager\n"), []);
    expect(lines(self)).toEqual([[2, "Manager cycle: a@x.test is listed as their own manager."]]);
    // Baton says boss reports to ana; the file makes ana report to boss.
    const viaBaton = await planImport(await rowsOf("ana@x.test,Ana,FD,,boss@x.test,,manager\n"), [
      { ...boss, managerEmail: "ana@x.test" },
      existing({ email: "ana@x.test", role: "MANAGER" }),
    ]);
    expect(lines(viaBaton)).toEqual([[2, "Manager cycle: ana@x.test → boss@x.test → ana@x.test."]]);
  });

  it("refuses managers who cannot manage: deactivated, or a new hire in Baton", async () => {
    const people = [existing({ email: "gone@x.test", role: "MANAGER", deactivatedAt: new Date() }), existing({ email: "kid@x.test" })];
    const plan = await planImport(
      await rowsOf("a@x.test,A,FD,,gone@x.test,,\nb@x.test,B,FD,,kid@x.test,,\nc@x.test,C,FD,,d@x.test,,\nd@x.test,D,FD,,,,learner\n"),
      people,
    );
    expect(lines(plan)).toEqual([
      [2, "The manager gone@x.test is deactivated in Baton."],
      [3, "The manager kid@x.test is a new hire in Baton: add them to the file with the role manager."],
      [4, "The manager d@x.test has the role learner on line 5: a manager needs the role manager or HR."],
    ]);
  });

  it("lists active people missing from the file, but never HR or the importer", async () => {
    const people = [
      boss,
      existing({ email: "hr@x.test", role: "HR" }),
      existing({ email: "me@x.test", role: "MANAGER", id: "me" }),
      existing({ email: "old@x.test", deactivatedAt: new Date() }),
    ];
    const plan = await planImport(await rowsOf("new@x.test,New,FD,,,,\n"), people, { actorId: "me" });
    expect(plan.missing.map((m) => m.email)).toEqual(["boss@x.test"]);
  });

  it("is idempotent: a file planned against what it created changes nothing", async () => {
    const rows = await rowsOf("ana@x.test,Ana,FD,Lead,,2027-01-04,\nbo@x.test,Bo,FD,Agent,ana@x.test,2027-01-11,\n");
    const first = await planImport(rows, []);
    const after: ExistingPerson[] = first.creates.map((c) => ({ ...c, id: c.email, deactivatedAt: null }));
    const second = await planImport(rows, after);
    expect(second).toMatchObject({ creates: [], updates: [], unchanged: 2, problems: [] });
  });

  // How fast is for the benchmark (npm run bench:import previews a generated file at scale), not for a unit test.
  it("plans a generated 10,000-row file without a problem", async () => {
    const r = await readPeopleCsv(sampleCsv(10_000));
    if (!r.ok) throw new Error(r.message);
    const plan = await planImport(r.rows, []);
    expect(plan.problems).toEqual([]);
    expect(plan.creates).toHaveLength(10_000);
    expect(plan.creates.filter((c) => c.role === "MANAGER")).toHaveLength(200);
  });

  it("matches people by employee id before e-mail: a changed e-mail updates the same person, unless it is someone else's", async () => {
    const people = [
      boss,
      existing({ email: "ana@x.test", name: "Ana", employeeId: "00042", department: "FD" }),
      existing({ email: "bo@x.test", name: "Bo", employeeId: "7" }),
    ];
    const row = (o: Partial<PlanRow>): PlanRow => ({ line: 2, email: "", name: "Ana", role: "", ...o });
    const moved = await planImport([row({ email: "ana.li@x.test", employeeId: "42" })], people);
    expect(moved.problems).toEqual([]);
    expect(moved.updates.map((u) => [u.id, u.email, u.department, u.changes])).toEqual([
      ["id-ana@x.test", "ana.li@x.test", "FD", ["e-mail: ana@x.test → ana.li@x.test", "employee id: 00042 → 42"]],
    ]);
    expect(moved.missing.map((m) => m.email)).toEqual(["boss@x.test", "bo@x.test"]);

    const taken = await planImport([row({ email: "bo@x.test", employeeId: "00042" })], people);
    expect(lines(taken)).toEqual([
      [2, "The e-mail bo@x.test belongs to someone else in Baton (Bo), but employee id 00042 is ana@x.test's: correct the e-mail or the employee id."],
    ]);
    const twice = await planImport([row({ email: "a2@x.test", employeeId: "9" }), row({ line: 3, email: "b2@x.test", employeeId: "09" })], []);
    expect(lines(twice)).toEqual([[3, "Duplicate employee id 09: it is also on line 2."]]);
  });

  it("deactivates people who left, does not create new ones who did, and refuses a leaver as a manager", async () => {
    const people = [boss, existing({ email: "ana@x.test", name: "Ana" })];
    const row = (o: Partial<PlanRow>): PlanRow => ({ line: 2, email: "", name: "X", role: "", status: "active", ...o });
    const plan = await planImport(
      [row({ email: "ana@x.test", name: "Ana", status: "inactive" }), row({ line: 3, email: "cy@x.test", status: "inactive" })],
      people,
    );
    expect(plan).toMatchObject({ creates: [], updates: [], unchanged: 0, problems: [] });
    expect(plan.deactivate).toEqual([{ line: 2, id: "id-ana@x.test", email: "ana@x.test", name: "Ana" }]);
    expect(plan.skipped).toEqual([{ line: 3, email: "cy@x.test", name: "X" }]);
    const again = await planImport([row({ email: "ana@x.test", name: "Ana", status: "inactive" })], [{ ...people[1]!, deactivatedAt: new Date() }]);
    expect(again).toMatchObject({ deactivate: [], unchanged: 1 });

    const managed = await planImport([row({ email: "cy@x.test", status: "inactive" }), row({ line: 3, email: "di@x.test", managerEmail: "cy@x.test" })], []);
    expect(lines(managed)).toEqual([[3, "The manager cy@x.test has left (employment status on line 2): name their successor as the manager."]]);
    const hr = await planImport([row({ email: "hr@x.test", status: "inactive" })], [existing({ email: "hr@x.test", role: "HR" })]);
    expect(lines(hr)).toEqual([[2, "hr@x.test has the role HR in Baton: an import does not deactivate HR accounts; do it on their People page."]]);
  });
});
