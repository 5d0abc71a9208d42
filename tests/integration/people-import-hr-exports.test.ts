/**
 * Issue 20: the people import reads what HR systems export — any header row through a column mapping (the
 * proposal, HR's choice or a saved one), split names, managers by name or employee id, local date formats,
 * terminations — and stays all or nothing and idempotent. The CLI applies a saved mapping or a clear proposal.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "~/.server/db";
import { confirmUpload, previewImport, previewView, runImport, storeUpload } from "~/.server/people/import/import";
import { US_EXPORT } from "~/.server/people/import/mapping/sample-exports";
import { listMappings, mappingByName, saveMapping } from "~/.server/people/import/saved-mappings";
import { createTestPerson } from "../factories";

const cli = { actor: null, ip: null };
const opts = (o: Partial<Parameters<typeof runImport>[1]> = {}) => ({ deactivateMissing: false, fileName: "export.csv", source: "cli" as const, ...o });
let n = 0;
const tag = () => `t${++n}`;

/** The first shape of the issue: "Employee #", split names, US dates, "Reports To" as "Last, First", a status. */
function usExport(t: string, rows: { josé?: string; noahStatus?: string } = {}) {
  // Surnames carry the test's tag: a namesake anywhere in Baton would make a manager's name ambiguous.
  const [okafor, lee] = [`Okafor-${t}`, `Lee-${t}`];
  return [
    "Employee #,First Name,Last Name,Work Email,Department,Job Title,Hire Date,Reports To,Employment Status,Location",
    `${t}-1001,Amara,${okafor},amara@${t}.test,Customer Support,Head of Support,03/02/2025,,Full-Time,Leeds`,
    `${t}-1002,Sam,${lee},sam@${t}.test,Customer Support,Team Lead,04/15/2025,"${okafor}, Amara",Full-Time,Leeds`,
    `${t}-1004,José,Núñez,${rows.josé ?? `jose@${t}.test`},Customer Support,Support Advisor,03/02/2026,"${lee}, Sam",Full-Time,Leeds`,
    `${t}-1005,Priya,Shah,priya@${t}.test,Billing,Billing Advisor,02/16/2026,"${okafor.toLowerCase()}, amara",Terminated,Remote`,
    `${t}-1006,Noah,Fischer,noah@${t}.test,Billing,Billing Advisor,02/20/2026,Amara ${okafor},${rows.noahStatus ?? "On Leave"},Leeds`,
  ].join("\r\n");
}

/** The second shape: underscored names, ISO dates, managers by employee id, a column Baton does not read. */
function workdayExport(t: string) {
  return [
    "Employee_ID,Legal_Name_First_Name,Legal_Name_Last_Name,Primary_Work_Email,Supervisory_Organization,Business_Title,Hire_Date,Manager_Employee_ID,Worker_Status,Cost_Center",
    `${t}-W17,Lina,Berg,lina@${t}.test,Field Service,Director Field Service,2024-09-02,,Active,CC-410`,
    `${t}-W23,Tomás,García,tomas@${t}.test,Field Service,Field Engineer,2026-01-12,${t}-W17,Active,CC-410`,
    `${t}-W31,Mei,Chen,mei@${t}.test,Field Service,Field Engineer,2025-06-30,${t}-w17,On Leave,CC-410`,
    `${t}-W44,Ola,Nilsen,ola@${t}.test,Field Service,Dispatcher,2023-11-20,${t}-W17,Terminated,CC-412`,
  ].join("\n");
}

/** A European export: semicolons, surname first, DD.MM.YYYY, a status in German. */
function europeanExport(t: string) {
  return [
    "Employee Number;Surname;First Name;Email Address;Department;Position;Start Date;Manager Email;Status;Office",
    `${t}-042;Müller;Jürgen;juergen@${t}.test;Lager;Lagerleiter;01.03.2024;;Active;Hamburg`,
    `${t}-057;Schmidt;Anna;anna@${t}.test;Lager;Kommissioniererin;15.01.2026;juergen@${t}.test;Active;Hamburg`,
    `${t}-061;Kowalski;Piotr;piotr@${t}.test;Versand;Fahrer;02.02.2026;juergen@${t}.test;Ausgetreten;Bremen`,
  ].join("\n");
}

const people = (t: string) =>
  prisma.person.findMany({
    where: { email: { endsWith: `@${t}.test` } },
    select: { id: true, email: true, name: true, employeeId: true, location: true, startDate: true, deactivatedAt: true, manager: { select: { email: true } } },
    orderBy: { email: "asc" },
  });
const day = (s: string) => new Date(`${s}T00:00:00.000Z`);

describe("importing HR-system exports as they come", () => {
  it("the “Employee #” shape: names joined, managers by name, US dates, a terminated new hire not created; twice changes nothing", async () => {
    const t = tag();
    const preview = await previewImport(usExport(t));
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.plan.problems).toEqual([]);
    expect(preview.dates).toEqual({ order: "mdy", decidedBy: { line: 3, value: "04/15/2025" } });
    expect(preview.columns.mapping).toMatchObject({ employeeId: "Employee #", firstName: "First Name", manager: "Reports To", location: "Location" });
    expect(previewView(preview)).toMatchObject({ counts: { create: 4, skipped: 1 }, skipped: [{ line: 5, email: `priya@${t}.test`, name: "Priya Shah" }] });
    const view = previewView(preview);
    expect(view.mapping.columns.slice(0, 2)).toEqual([
      { header: "Employee #", field: "employeeId", example: `${t}-1001` },
      { header: "First Name", field: "firstName", example: "Amara" },
    ]);
    expect(view.mapping.fields).toContainEqual({ field: "location", label: "location" });

    expect(await runImport(usExport(t), opts(), cli)).toMatchObject({ ok: true, created: 4, updated: 0, deactivated: 0 });
    const created = await people(t);
    expect(created.map((p) => [p.email, p.name, p.employeeId, p.location, p.manager?.email ?? null])).toEqual([
      [`amara@${t}.test`, `Amara Okafor-${t}`, `${t}-1001`, "Leeds", null],
      [`jose@${t}.test`, "José Núñez", `${t}-1004`, "Leeds", `sam@${t}.test`],
      [`noah@${t}.test`, "Noah Fischer", `${t}-1006`, "Leeds", `amara@${t}.test`],
      [`sam@${t}.test`, `Sam Lee-${t}`, `${t}-1002`, "Leeds", `amara@${t}.test`],
    ]);
    expect(created.find((p) => p.email.startsWith("sam"))?.startDate).toEqual(day("2025-04-15"));

    expect(await runImport(usExport(t), opts(), cli)).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 4, deactivated: 0 });
    expect(await people(t)).toEqual(created);
  });

  it("a changed e-mail with the same employee id updates that person; a terminated row deactivates them", async () => {
    const t = tag();
    await runImport(usExport(t), opts(), cli);
    const [josé] = (await people(t)).filter((p) => p.email.startsWith("jose"));

    const moved = usExport(t, { josé: `jose.nunez@${t}.test` });
    const preview = await previewImport(moved);
    expect(preview.ok && preview.plan.updates.map((u) => [u.line, u.changes])).toEqual([[4, [`e-mail: jose@${t}.test → jose.nunez@${t}.test`]]]);
    expect(await runImport(moved, opts(), cli)).toMatchObject({ ok: true, created: 0, updated: 1, unchanged: 3 });
    const after = await prisma.person.findUniqueOrThrow({ where: { id: josé!.id } });
    expect(after.email).toBe(`jose.nunez@${t}.test`);

    const left = usExport(t, { josé: `jose.nunez@${t}.test`, noahStatus: "Terminated" });
    const leaving = await previewImport(left);
    expect(leaving.ok && previewView(leaving).deactivate).toEqual([{ line: 6, email: `noah@${t}.test`, name: "Noah Fischer" }]);
    expect(await runImport(left, opts(), cli)).toMatchObject({ ok: true, created: 0, updated: 0, deactivated: 1 });
    expect((await prisma.person.findUniqueOrThrow({ where: { email: `noah@${t}.test` } })).deactivatedAt).not.toBeNull();
    expect(await runImport(left, opts(), cli)).toMatchObject({ ok: true, created: 0, updated: 0, deactivated: 0 });
  });

  it("refuses a new e-mail that belongs to someone else, naming both", async () => {
    const t = tag();
    await runImport(usExport(t), opts(), cli);
    await createTestPerson({ email: `other@${t}.test`, name: "Olga Other" });
    const preview = await previewImport(usExport(t, { josé: `other@${t}.test` }));
    expect(preview.ok && preview.plan.problems).toEqual([
      {
        line: 4,
        message: `The e-mail other@${t}.test belongs to someone else in Baton (Olga Other), but employee id ${t}-1004 is jose@${t}.test's: correct the e-mail or the employee id.`,
      },
    ]);
  });

  it("the underscored shape: managers by employee id (any case), leavers skipped, unread columns listed; twice changes nothing", async () => {
    const t = tag();
    const preview = await previewImport(workdayExport(t));
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.plan.problems).toEqual([]);
    expect(preview.columns.unmapped).toEqual(["Cost_Center"]);
    expect(preview.columns.unclear).toEqual([]);
    expect(await runImport(workdayExport(t), opts(), cli)).toMatchObject({ ok: true, created: 3 });
    const created = await people(t);
    expect(created.map((p) => [p.name, p.manager?.email ?? null])).toEqual([
      ["Lina Berg", null],
      ["Mei Chen", `lina@${t}.test`],
      ["Tomás García", `lina@${t}.test`],
    ]);
    expect(await runImport(workdayExport(t), opts(), cli)).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 3 });
    expect(await people(t)).toEqual(created);
  });

  it("the European shape: semicolons, DD.MM.YYYY, surname first; twice changes nothing", async () => {
    const t = tag();
    const preview = await previewImport(europeanExport(t));
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.plan.problems).toEqual([]);
    expect(preview.dates).toMatchObject({ order: "dmy" });
    expect(await runImport(europeanExport(t), opts(), cli)).toMatchObject({ ok: true, created: 2 });
    const created = await people(t);
    expect(created.map((p) => [p.name, p.startDate, p.location])).toEqual([
      ["Anna Schmidt", day("2026-01-15"), "Hamburg"],
      ["Jürgen Müller", day("2024-03-01"), "Hamburg"],
    ]);
    expect(await runImport(europeanExport(t), opts(), cli)).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 2 });
  });

  it("old-shape files keep Baton's values for columns they do not have", async () => {
    const t = tag();
    await runImport(usExport(t), opts(), cli);
    const file = `email,name,department,job title,manager email,start date\namara@${t}.test,Amara Okafor-${t},Customer Support,Head of Support,,2025-03-02\n`;
    expect(await runImport(file, opts(), cli)).toMatchObject({ ok: true, updated: 0, unchanged: 1 });
    expect((await prisma.person.findUniqueOrThrow({ where: { email: `amara@${t}.test` } })).employeeId).toBe(`${t}-1001`);
  });
});

describe("bad input: a clear problem on its line, nothing written", () => {
  async function problemsOf(text: string, options: Parameters<typeof previewImport>[2] = {}) {
    const preview = await previewImport(text, undefined, options);
    if (!preview.ok) throw new Error(preview.message);
    const result = await runImport(text, opts(options), cli);
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("Nothing was imported") });
    return preview.plan.problems;
  }

  it("one column chosen for two fields, or a required field not chosen", async () => {
    const t = tag();
    expect(await problemsOf(usExport(t), { mapping: { email: "Work Email", fullName: "Work Email" } })).toEqual([
      { line: 1, message: "The column “Work Email” is chosen for e-mail and full name: choose it for one." },
    ]);
    expect(await problemsOf(usExport(t), { mapping: { firstName: "First Name", lastName: "Last Name" } })).toEqual([
      { line: 1, message: "Choose the column that holds the e-mail: everyone needs one to sign in." },
    ]);
    expect(await people(t)).toEqual([]);
  });

  it("duplicate employee ids, a manager name two people have, and a date that fits neither order", async () => {
    const t = tag();
    const text = [
      "Employee ID,Name,Email,Hire Date,Manager",
      `${t}-1,Sam Lee-${t},sam1@${t}.test,13/01/2026,`,
      `${t}-2,Sam Lee-${t},sam2@${t}.test,14/01/2026,`,
      `${t}-2,Ana Li,ana@${t}.test,13/13/2026,Lee-${t} Sam`,
    ].join("\n");
    expect(await problemsOf(text)).toEqual([
      { line: 4, message: `The start date “13/13/2026” fits neither day/month nor month/day order.` },
      { line: 4, message: `Manager “Lee-${t} Sam” matches 2 people: sam1@${t}.test, sam2@${t}.test. Write the manager's e-mail or employee id instead.` },
      { line: 4, message: `Duplicate employee id ${t}-2: it is also on line 3.` },
    ]);
    expect(await people(t)).toEqual([]);
  });

  it("the sample US export: a manager name matching two people is refused, naming both", async () => {
    const problems = await problemsOf(US_EXPORT);
    expect(problems).toContainEqual({
      line: 5,
      message: "Manager “Lee, Sam” matches 2 people: sam.lee@northwind.test, sam.lee2@northwind.test. Write the manager's e-mail or employee id instead.",
    });
    expect(await prisma.person.count({ where: { email: { endsWith: "@northwind.test" } } })).toBe(0);
  });

  it("dates no value decides are one problem for the file until HR chooses the order", async () => {
    const t = tag();
    const text = ["Email,Name,Start Date", `a@${t}.test,A,03/04/2026`, `b@${t}.test,B,05/06/2026`].join("\n");
    const preview = await previewImport(text);
    expect(preview.ok && preview.dates).toEqual({ order: "ambiguous" });
    expect(await problemsOf(text)).toEqual([{ line: 1, message: "Dates like 03/04/2026 could be 3 April or 4 March: choose the day/month order." }]);
    expect(await runImport(text, opts({ dateOrder: "dmy" }), cli)).toMatchObject({ ok: true, created: 2 });
    expect((await prisma.person.findUniqueOrThrow({ where: { email: `a@${t}.test` } })).startDate).toEqual(day("2026-04-03"));
  });
});

describe("saved mappings", () => {
  const oddHeaders = (t: string) =>
    ['Pers.-Nr.,"Mitarbeiter (Last, First)",Mail,Abteilung,Eintritt,Standort', `${t}-9,"Berg, Lina",lina@${t}.test,Field Service,13.01.2026,Oslo`].join("\n");
  const mapping = {
    employeeId: "Pers.-Nr.",
    fullName: "Mitarbeiter (Last, First)",
    email: "Mail",
    department: "Abteilung",
    startDate: "Eintritt",
    location: "Standort",
  };

  it("saves a mapping under a name (audited, replaced by name), and an import with it reads the columns", async () => {
    const probe = await previewImport(oddHeaders("probe"), undefined, { mapping, dateOrder: "dmy" });
    expect(probe.ok && probe.plan.problems).toEqual([]);
    const hr = await createTestPerson({ role: "HR" });
    const t = tag();
    const name = `Weekly export ${t}`;
    expect(await saveMapping(name, { ...mapping, location: "Ort" }, null, hr)).toMatchObject({ ok: true });
    expect(await saveMapping(name, mapping, "dmy", hr)).toMatchObject({ ok: true, mapping: { name, dateOrder: "dmy" } });
    expect((await listMappings()).filter((m) => m.name === name)).toHaveLength(1);
    const saved = await mappingByName(` ${name} `);
    expect(saved?.mapping).toEqual(mapping);
    expect(await prisma.auditEvent.count({ where: { action: "import_mapping.saved", target: name } })).toBe(2);

    expect(await runImport(oddHeaders(t), opts({ mapping: saved!.mapping, dateOrder: saved!.dateOrder ?? undefined }), cli)).toMatchObject({
      ok: true,
      created: 1,
    });
    expect((await people(t)).map((p) => [p.name, p.employeeId, p.location, p.startDate])).toEqual([["Lina Berg", `${t}-9`, "Oslo", day("2026-01-13")]]);
  });

  it("a web confirmation re-checks the stored file with the mapping HR previewed it with", async () => {
    const hr = await createTestPerson({ role: "HR" });
    const t = tag();
    const text = oddHeaders(t);
    const preview = await previewImport(text, hr.id, { mapping, dateOrder: "dmy" });
    if (!preview.ok) throw new Error(preview.message);
    const upload = await storeUpload(text, "odd.csv", hr.id);
    const ctx = { actor: { id: hr.id, email: hr.email }, ip: null };
    // Without the mapping the file reads differently (no name column), so the confirmation is refused.
    const without = await confirmUpload(upload, { deactivateMissing: false, fingerprint: preview.fingerprint }, ctx);
    expect(without).toMatchObject({ ok: false, message: expect.stringContaining("Nothing was imported") });
    expect(await people(t)).toEqual([]);
    const confirmed = await confirmUpload(upload, { deactivateMissing: false, fingerprint: preview.fingerprint, mapping, dateOrder: "dmy" }, ctx);
    expect(confirmed).toMatchObject({ ok: true, created: 1 });
    expect((await people(t)).map((p) => p.name)).toEqual(["Lina Berg"]);
  });

  it("refuses a mapping naming a field Baton does not import, an empty name or an unknown date order", async () => {
    const hr = await createTestPerson({ role: "HR" });
    expect(await saveMapping("Bad", { salary: "Salary" }, null, hr)).toMatchObject({ ok: false, message: expect.stringContaining("not valid") });
    expect(await saveMapping("  ", mapping, null, hr)).toEqual({ ok: false, message: "Give the mapping a name." });
    expect(await saveMapping("Order", mapping, "ymd", hr)).toMatchObject({ ok: false });
    expect(await mappingByName("Bad")).toBeNull();
  });
});

describe("the import CLI", () => {
  const dir = mkdtempSync(join(tmpdir(), "baton-import-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) =>
    promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/people-import.ts", ...args], { env: { ...process.env } }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("applies a clear proposal and prints the mapping it used and the columns it ignored", async () => {
    const t = tag();
    const out = await run(file("workday.csv", workdayExport(t)));
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("Employee_ID → employee id");
    expect(out.stdout).toContain("Manager_Employee_ID → manager employee id");
    expect(out.stdout).toContain("Ignored columns: Cost_Center");
    expect(out.stdout).toMatch(/3 created/);
    expect(await people(t)).toHaveLength(3);
  }, 60_000);

  it("stops with exit 2 when the proposal is unclear, and applies a saved mapping with --mapping", async () => {
    const hr = await createTestPerson({ role: "HR" });
    const t = tag();
    const path = file("odd.csv", ['Pers.-Nr.,"Mitarbeiter (Last, First)",Mail,Eintritt', `${t}-5,"Chen, Mei",mei@${t}.test,13.01.2026`].join("\n"));
    const unclear = await run(path);
    expect(unclear.code).toBe(2);
    expect(unclear.stderr).toContain("cannot be matched unambiguously");
    expect(await people(t)).toEqual([]);

    await saveMapping(`CLI ${t}`, { employeeId: "Pers.-Nr.", fullName: "Mitarbeiter (Last, First)", email: "Mail", startDate: "Eintritt" }, null, hr);
    const out = await run(path, "--mapping", `CLI ${t}`);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("Mail → e-mail");
    expect((await people(t)).map((p) => [p.name, p.employeeId])).toEqual([["Mei Chen", `${t}-5`]]);

    expect((await run(path, "--mapping", "No such mapping")).code).toBe(2);
  }, 60_000);
});
