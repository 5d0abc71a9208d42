import { describe, expect, it } from "vitest";
import { assignedCoursesFor } from "~/.server/curricula/assigned-courses";
import { prisma } from "~/.server/db";
import { isUniqueViolation } from "~/.server/db-errors";
import { applyImportPlan, loadExistingPeople } from "~/.server/people/import/apply";
import { readPeopleCsv } from "~/.server/people/import/csv";
import { runImport } from "~/.server/people/import/import";
import { importJobSettled } from "~/.server/people/import/jobs";
import { planImport } from "~/.server/people/import/plan";
import { sampleCsv } from "~/.server/people/import/sample";
import { action as importAction, loader as importLoader } from "~/routes/_app.hr.import";
import { createTestPerson, having, makeRequest, outcomeOf, signedInCookie } from "../factories";
import { previewOf } from "./helpers/import-preview";
import { uploadRequest } from "./upload-request";

const ctx = { context: {} };
const HEADER = "Email;Name;Department;Job Title;Manager Email;Start Date";
let n = 0;

async function hr() {
  const person = await createTestPerson({ role: "HR" });
  return { person, cookie: (await signedInCookie(person.id)).cookie };
}

/** A small organisation under its own domain, so tests in this file never see each other's people. */
function org(rows: string[] = []) {
  const d = `org${++n}.test`;
  const body = [
    `lead@${d};Lena Lead;Front Desk;Lead;;2026-10-05`,
    `ana@${d};Ana Li;Front Desk;Receptionist;lead@${d};2027-01-04`,
    ...rows.map((r) => r.replaceAll("@D", `@${d}`)),
  ];
  return { domain: d, csv: `\uFEFF${HEADER}\r\n${body.join("\r\n")}\r\n` };
}

/** Follow a confirmation's redirect to its job, wait for the job, and read the page as the browser would. */
async function finishedJob(cookie: string, location: string | null) {
  const id = new URL(location ?? "", "http://localhost:3000").searchParams.get("job") ?? "";
  await importJobSettled(id);
  return (await outcomeOf(importLoader({ request: makeRequest(`/hr/import?job=${id}`, { cookie }), params: {}, ...ctx }))).data;
}

const countIn = (domain: string) => prisma.person.count({ where: { email: { endsWith: `@${domain}` } } });
const cli = { actor: null, ip: null };
const opts = (o: Partial<Parameters<typeof runImport>[1]> = {}) => ({ deactivateMissing: false, fileName: "people.csv", source: "cli" as const, ...o });

describe("importing people", () => {
  it("creates people under the right manager, with managers made managers, and audits the import", async () => {
    const { domain, csv } = org([`bo@D;Bo Chen;Front Desk;Agent;ana@D;2027-01-11`]);
    const result = await runImport(csv, opts({ fileName: "hris.csv" }), cli);
    expect(result).toMatchObject({ ok: true, created: 3, updated: 0, unchanged: 0 });
    const people = await prisma.person.findMany({
      where: { email: { endsWith: `@${domain}` } },
      select: { email: true, role: true, manager: { select: { email: true } }, startDate: true },
    });
    expect(people.sort((a, b) => a.email.localeCompare(b.email))).toEqual([
      { email: `ana@${domain}`, role: "MANAGER", manager: { email: `lead@${domain}` }, startDate: new Date("2027-01-04T00:00:00Z") },
      { email: `bo@${domain}`, role: "LEARNER", manager: { email: `ana@${domain}` }, startDate: new Date("2027-01-11T00:00:00Z") },
      { email: `lead@${domain}`, role: "MANAGER", manager: null, startDate: new Date("2026-10-05T00:00:00Z") },
    ]);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "people.imported", target: "hris.csv" }, orderBy: { at: "desc" } });
    expect(JSON.parse(audit.details ?? "{}")).toMatchObject({ source: "cli", rows: 3, created: 3 });
  });

  it("re-importing the same file changes nothing", async () => {
    const { domain, csv } = org([`bo@D;Bo Chen;Front Desk;Agent;ana@D;2027-01-11`]);
    await runImport(csv, opts(), cli);
    const before = await prisma.person.findMany({ where: { email: { endsWith: `@${domain}` } }, orderBy: { email: "asc" } });
    const again = await runImport(csv, opts(), cli);
    expect(again).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 3, deactivated: 0 });
    expect(await prisma.person.findMany({ where: { email: { endsWith: `@${domain}` } }, orderBy: { email: "asc" } })).toEqual(before);
  });

  it("a later file updates exactly what changed, and a role change signs the person out", async () => {
    const { domain, csv } = org([`bo@D;Bo Chen;Front Desk;Agent;ana@D;2027-01-11`]);
    await runImport(csv, opts(), cli);
    const bo = await prisma.person.findUniqueOrThrow({ where: { email: `bo@${domain}` } });
    const lead = await prisma.person.findUniqueOrThrow({ where: { email: `lead@${domain}` } });
    await prisma.session.create({ data: { id: `s-${lead.id}`, personId: lead.id, expiresAt: new Date(Date.now() + 3_600_000) } });
    const changed = csv
      .replace(`bo@${domain};Bo Chen;Front Desk;Agent;ana@${domain};2027-01-11`, `bo@${domain};Bo Chen-Li;Warehouse;Picker;lead@${domain};2027-02-01`)
      .replace(/Start Date\r\n/, "Start Date;Role\r\n")
      .replace(`lead@${domain};Lena Lead;Front Desk;Lead;;2026-10-05`, `lead@${domain};Lena Lead;Front Desk;Lead;;2026-10-05;HR`)
      .replace(/(ana@[^\r]*)/, "$1;")
      .replace(/(bo@[^\r]*)/, "$1;");
    const result = await runImport(changed, opts(), cli);
    expect(result).toMatchObject({ ok: true, created: 0, updated: 2, unchanged: 1 });
    const after = await prisma.person.findUniqueOrThrow({
      where: { id: bo.id },
      select: { name: true, department: true, jobTitle: true, startDate: true, managerId: true, createdAt: true },
    });
    expect(after).toEqual({
      name: "Bo Chen-Li",
      department: "Warehouse",
      jobTitle: "Picker",
      startDate: new Date("2027-02-01T00:00:00Z"),
      managerId: lead.id,
      createdAt: bo.createdAt,
    });
    expect((await prisma.person.findUniqueOrThrow({ where: { id: lead.id } })).role).toBe("HR");
    expect(await prisma.session.count({ where: { personId: lead.id } })).toBe(0);
  });

  it("a file with a bad row imports nothing at all, and says which line and why", async () => {
    const { domain, csv } = org([`bo@D;Bo Chen;Front Desk;Agent;ghost@D;2027-01-11`, `cy@D;Cy;Front Desk;Agent;;2027-02-30`]);
    const result = await runImport(csv, opts(), cli);
    expect(result.ok).toBe(false);
    if (result.ok || !result.preview?.ok) throw new Error("expected a preview with problems");
    expect(result.message).toBe("2 rows need fixing first. Nothing was imported.");
    expect(result.preview.plan.problems).toEqual([
      { line: 4, message: `Unknown manager ghost@${domain}: they are neither in this file nor in Baton.` },
      { line: 5, message: "The start date “2027-02-30” is not a day in the calendar." },
    ]);
    expect(await countIn(domain)).toBe(0);
  });

  it("a failure half-way through the writing rolls back everything already written", async () => {
    const domain = `org${++n}.test`;
    const read = await readPeopleCsv(sampleCsv(1_200, { domain }));
    if (!read.ok) throw new Error(read.message);
    const plan = await planImport(read.rows, await loadExistingPeople());
    // Someone takes the email of a person in the last insert batch after the plan was made.
    await prisma.person.create({ data: { email: `person1199@${domain}`, name: "Got There First" } });
    const failure = await applyImportPlan(plan, { deactivateMissing: false }).catch((e: unknown) => e);
    expect(isUniqueViolation(failure)).toBe(true);
    expect(await countIn(domain)).toBe(1);
  });

  it("people missing from a later file stay, unless HR chooses to deactivate them", async () => {
    const { domain, csv } = org([`bo@D;Bo Chen;Front Desk;Agent;ana@D;2027-01-11`]);
    await runImport(csv, opts(), cli);
    const without = csv.replace(/\r\nbo@[^\r]*/, "");
    expect(await runImport(without, opts(), cli)).toMatchObject({ ok: true, deactivated: 0 });
    expect((await prisma.person.findUniqueOrThrow({ where: { email: `bo@${domain}` } })).deactivatedAt).toBeNull();
    const bo = await prisma.person.findUniqueOrThrow({ where: { email: `bo@${domain}` } });
    await prisma.session.create({ data: { id: `s-${bo.id}`, personId: bo.id, expiresAt: new Date(Date.now() + 3_600_000) } });
    const result = await runImport(without, opts({ deactivateMissing: true }), cli);
    expect(result.ok).toBe(true);
    expect((await prisma.person.findUniqueOrThrow({ where: { email: `bo@${domain}` } })).deactivatedAt).not.toBeNull();
    expect(await prisma.session.count({ where: { personId: bo.id } })).toBe(0);
    expect(await prisma.person.count({ where: { email: { endsWith: `@${domain}` }, deactivatedAt: null } })).toBe(2);
  });

  it("group assignment rules apply to imported people, and to people an import moves into the group", async () => {
    const { person } = await hr();
    const group = `Concierge ${++n}`;
    const curriculum = await prisma.curriculum.create({
      data: { name: `Concierge path ${n}`, dueDays: 10, courses: { create: [{ courseSlug: "internal-customer-service", position: 1, required: true }] } },
    });
    await prisma.assignmentRule.create({ data: { curriculumId: curriculum.id, kind: "DEPARTMENT", value: group, createdById: person.id } });
    const { domain, csv } = org([`new@D;New Hire;${group};Concierge;lead@D;2027-03-01`]);
    await runImport(csv, opts(), cli);
    const hire = await prisma.person.findUniqueOrThrow({ where: { email: `new@${domain}` } });
    const [held] = await assignedCoursesFor(hire.id);
    expect(held?.courses.map((c) => c.dueDate?.toISOString().slice(0, 10))).toEqual(["2027-03-11"]);

    const ana = await prisma.person.findUniqueOrThrow({ where: { email: `ana@${domain}` } });
    expect(await assignedCoursesFor(ana.id)).toEqual([]);
    const moved = csv.replace(`Ana Li;Front Desk`, `Ana Li;${group}`);
    expect(await runImport(moved, opts(), cli)).toMatchObject({ ok: true, updated: 1, assigned: 1 });
    expect((await assignedCoursesFor(ana.id)).map((c) => c.curriculumId)).toEqual([curriculum.id]);
  });
});

describe("the import page", () => {
  it("previews without writing, then imports what the server re-checks on confirmation", async () => {
    const { cookie } = await hr();
    const { domain, csv } = org();
    const preview = await outcomeOf(importAction({ request: uploadRequest(cookie, csv), params: {}, ...ctx }));
    expect(preview.status).toBe(200);
    expect(preview.data).toMatchObject({ kind: "preview", fileName: "people.csv", preview: { counts: { create: 2, update: 0, problems: 0 } } });
    expect(await countIn(domain)).toBe(0);

    const confirm = (form: Record<string, string>) =>
      outcomeOf(importAction({ request: makeRequest("/hr/import", { cookie, form: { intent: "confirm", ...form } }), params: {}, ...ctx }));
    // A forged fingerprint (a preview the server never made) is refused, and nothing is written.
    const shown = previewOf(preview.data);
    const forged = await confirm({ upload: shown.upload, fingerprint: "0".repeat(64) });
    expect((await finishedJob(cookie, forged.location)).job).toMatchObject({ state: "failed", message: expect.stringContaining("changed since this preview") });
    expect(await countIn(domain)).toBe(0);

    const started = await confirm(shown.confirm);
    expect(started.location).toMatch(/^\/hr\/import\?job=[0-9a-f-]{36}$/);
    const page = await finishedJob(cookie, started.location);
    expect(page.job).toMatchObject({ state: "done", fileName: "people.csv", result: { created: 2 } });
    expect(await countIn(domain)).toBe(2);
    // The stored upload is used up.
    const replay = await confirm(shown.confirm);
    expect(replay.data).toEqual({ kind: "error", message: "This preview has expired. Upload the file again." });
  });

  it("shows every bad row with its line, and a confirmation of that file writes nothing", async () => {
    const { cookie } = await hr();
    const { domain, csv } = org([`ana@D;Ana Again;Front Desk;Agent;;2027-01-04`, `not-an-email;X;Front Desk;Agent;;2027-01-04`]);
    const out = await outcomeOf(importAction({ request: uploadRequest(cookie, csv), params: {}, ...ctx }));
    expect(out.status).toBe(400);
    expect(previewOf(out.data).preview.problems).toEqual([
      { line: 4, message: `Duplicate email ana@${domain}: it is also on line 3.` },
      { line: 5, message: "Bad email “not-an-email”." },
    ]);
    // The file is kept (other columns or another date order may fix it), but a confirmation re-checks and refuses it.
    const confirmed = await outcomeOf(
      importAction({
        request: makeRequest("/hr/import", { cookie, form: previewOf(out.data).confirm }),
        params: {},
        ...ctx,
      }),
    );
    const job = await finishedJob(cookie, confirmed.headers.get("Location"));
    expect(job.job).toMatchObject({ state: "failed", message: "2 rows need fixing first. Nothing was imported." });
    expect(await countIn(domain)).toBe(0);
  });

  it("refuses a file without a required column, or not in UTF-8, with a clear message", async () => {
    const { cookie } = await hr();
    const noName = await outcomeOf(
      importAction({ request: uploadRequest(cookie, "email,department,manager email,start date\na@x.test,D,,\n"), params: {}, ...ctx }),
    );
    expect(noName.status).toBe(400);
    expect(previewOf(noName.data).preview.problems).toEqual([
      { line: 1, message: "Choose the column that holds the full name, or the first and last name columns." },
    ]);
    const latin1 = new Uint8Array([...new TextEncoder().encode("email,name\n"), 0xe9, 0x0a]);
    const form = new FormData();
    form.append("file", new File([latin1], "latin1.csv", { type: "text/csv" }));
    const request = new Request("http://localhost:3000/hr/import", {
      method: "POST",
      headers: { Origin: "http://localhost:3000", Cookie: cookie },
      body: form,
    });
    const notUtf8 = await outcomeOf(importAction({ request, params: {}, ...ctx }));
    expect(having(notUtf8.data, "message").message).toBe("The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8” and upload it again.");
  });

  it("refuses to confirm a preview that Baton has since outdated, showing the new one instead", async () => {
    const { cookie } = await hr();
    const { domain, csv } = org();
    const preview = await outcomeOf(importAction({ request: uploadRequest(cookie, csv), params: {}, ...ctx }));
    await prisma.person.create({ data: { email: `ana@${domain}`, name: "Ana (added by hand)" } });
    const out = await outcomeOf(
      importAction({
        request: makeRequest("/hr/import", { cookie, form: previewOf(preview.data).confirm }),
        params: {},
        ...ctx,
      }),
    );
    const page = await finishedJob(cookie, out.location);
    expect(page.job).toMatchObject({
      state: "failed",
      message: expect.stringContaining("changed since this preview"),
      retry: { upload: previewOf(preview.data).upload, preview: { counts: { create: 1, update: 1 } } },
    });
    expect(await countIn(domain)).toBe(1);
  });
});
