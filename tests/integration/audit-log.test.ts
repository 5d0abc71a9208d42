import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listAuditEvents, recordAudit, recordAudits } from "~/.server/audit/audit";
import { AUDIT_PAGE_SIZE, auditLogPage, AuditFilterSchema, localMidnight, parseAuditQuery } from "~/.server/audit/log";
import { purgeOldAudit } from "~/.server/audit/retention";
import { prisma } from "~/.server/db";
import { orgSettings } from "~/.server/notifications/settings";
import { loader as auditLoader } from "~/routes/_app.hr.audit";
import { action as settingsAction, loader as settingsLoader } from "~/routes/_app.hr.settings.audit";
import { loader as csvLoader } from "~/routes/hr.audit[.]csv";
import { createTestPerson, makeRequest, outcomeOf, signedInCookie } from "../factories";

const ctx = { params: {}, context: {} };
const DAY_MS = 86_400_000;
let hr: Awaited<ReturnType<typeof createTestPerson>>;
let hrCookie: string;

beforeAll(async () => {
  hr = await createTestPerson({ role: "HR", name: "Hana HR" });
  hrCookie = (await signedInCookie(hr.id)).cookie;
  await orgSettings();
});
beforeEach(async () => {
  await prisma.auditEvent.deleteMany();
  await prisma.orgSettings.update({ where: { id: 1 }, data: { timeZone: "UTC", auditRetentionDays: 730 } });
});

/** An event written as stored rows are, at a chosen moment. */
function addEvent(fields: {
  at: Date;
  action?: string;
  actorId?: string | null;
  actorEmail?: string | null;
  target?: string | null;
  subjectId?: string | null;
  ip?: string;
  count?: number;
  details?: string;
}) {
  return prisma.auditEvent.create({ data: { action: "person.updated", ...fields } });
}

const byHr = (subject: { email: string }, action = "person.updated") => ({ action, actor: hr, target: subject.email, ip: "203.0.113.5" });
const filter = (raw: Record<string, string> = {}) => AuditFilterSchema.parse(raw);

describe("who an event is about, by id", () => {
  it("finds the person from an e-mail target, one lookup per batch, inside the writer's transaction", async () => {
    const a = await createTestPerson();
    const b = await createTestPerson();
    await recordAudit(byHr(a));
    await recordAudits([
      byHr(b),
      { action: "curriculum.created", actor: hr, target: "Support basics" },
      { action: "x", target: "nobody@test.baton" },
      { action: "y", target: a.email.toUpperCase() },
      { action: "z", target: b.email, subjectId: null },
    ]);
    const rows = await prisma.auditEvent.findMany({ orderBy: { action: "asc" }, select: { action: true, subjectId: true } });
    expect(Object.fromEntries(rows.map((r) => [r.action, r.subjectId]))).toEqual({
      "curriculum.created": null,
      "person.updated": expect.any(String),
      x: null,
      y: a.id,
      z: null,
    });
    expect(await prisma.auditEvent.count({ where: { action: "person.updated", subjectId: { in: [a.id, b.id] } } })).toBe(2);

    // A person created in the same transaction is found through it.
    const created = await prisma.$transaction(async (tx) => {
      const p = await tx.person.create({ data: { email: "brand-new@test.baton", name: "Brand New" } });
      await recordAudit({ action: "person.created", actor: hr, target: p.email }, tx);
      return p;
    });
    expect((await prisma.auditEvent.findFirstOrThrow({ where: { action: "person.created" } })).subjectId).toBe(created.id);
  });

  it("keeps a person's history when their e-mail changes", async () => {
    const p = await createTestPerson({ name: "Erin Early", email: "erin.old@test.baton" });
    await recordAudit(byHr(p, "person.deactivated"));
    await recordAudit(byHr(p, "person.reactivated"));
    await prisma.person.update({ where: { id: p.id }, data: { email: "erin.new@test.baton" } });
    await recordAudit({ action: "person.updated", actor: hr, target: "erin.new@test.baton" });

    expect((await listAuditEvents({ subjectId: p.id })).map((e) => e.action).sort()).toEqual(["person.deactivated", "person.reactivated", "person.updated"]);
    // The person page's old call (by current e-mail) now finds the whole history too.
    expect(await listAuditEvents({ target: "erin.new@test.baton" })).toHaveLength(3);

    const page = await auditLogPage(filter({ subject: "erin.new@test.baton" }), 1);
    expect(page.total).toBe(3);
    expect(page.named.subject).toMatchObject({ id: p.id, name: "Erin Early" });
    const old = page.events.find((e) => e.action === "person.deactivated")!;
    expect(old).toMatchObject({
      subject: { id: p.id, name: "Erin Early", email: "erin.new@test.baton" },
      target: "erin.old@test.baton",
      label: "Deactivated a person",
    });
  });

  it("shows the stored target when the person no longer exists", async () => {
    const gone = await createTestPerson({ email: "gone@test.baton" });
    await recordAudit(byHr(gone));
    await prisma.person.delete({ where: { id: gone.id } });
    const [event] = (await auditLogPage(filter(), 1)).events;
    expect(event).toMatchObject({ subject: null, target: "gone@test.baton", actor: { id: hr.id, name: "Hana HR", email: hr.email } });
  });
});

describe("the audit log page", () => {
  it("filters by who, action and person, and pages 50 at a time newest first", async () => {
    const other = await createTestPerson({ role: "HR", name: "Omar Other" });
    const subject = await createTestPerson({ name: "Sam Subject" });
    const base = Date.parse("2026-11-10T12:00:00Z");
    for (let i = 0; i < AUDIT_PAGE_SIZE + 3; i++)
      await addEvent({ at: new Date(base + i * 60_000), actorId: hr.id, actorEmail: hr.email, action: "sign_in", target: hr.email, subjectId: hr.id });
    await addEvent({ at: new Date(base), actorId: other.id, actorEmail: other.email, action: "person.updated", target: subject.email, subjectId: subject.id });
    await addEvent({ at: new Date(base), actorId: other.id, actorEmail: other.email, action: "curriculum.created", target: "Support basics" });

    const first = await auditLogPage(filter(), 1);
    expect(first).toMatchObject({ total: AUDIT_PAGE_SIZE + 5, page: 1, pages: 2 });
    expect(first.events).toHaveLength(AUDIT_PAGE_SIZE);
    const times = first.events.map((e) => e.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect((await auditLogPage(filter(), 2)).events).toHaveLength(5);
    expect((await auditLogPage(filter(), 99)).page).toBe(2);
    expect(first.actions.map((a) => a.value).sort()).toEqual(["curriculum.created", "person.updated", "sign_in"]);

    expect((await auditLogPage(filter({ actor: other.id }), 1)).total).toBe(2);
    expect((await auditLogPage(filter({ actor: other.email.toUpperCase() }), 1)).total).toBe(2);
    expect((await auditLogPage(filter({ actor: other.email.slice(0, 8) }), 1)).total).toBe(2);
    expect((await auditLogPage(filter({ action: "curriculum.created" }), 1)).events.map((e) => e.target)).toEqual(["Support basics"]);
    expect((await auditLogPage(filter({ subject: subject.id }), 1)).events.map((e) => e.subject?.name)).toEqual(["Sam Subject"]);
    expect((await auditLogPage(filter({ subject: "Support" }), 1)).total).toBe(1);
    expect((await auditLogPage(filter({ actor: other.id, action: "sign_in" }), 1)).total).toBe(0);
  });

  it("reads a date range as whole local days in the organisation's time zone", async () => {
    await prisma.orgSettings.update({ where: { id: 1 }, data: { timeZone: "Pacific/Auckland" } }); // UTC+13 in November
    expect(localMidnight("2026-11-20", "Pacific/Auckland").toISOString()).toBe("2026-11-19T11:00:00.000Z");
    const at = (iso: string, target: string) => addEvent({ at: new Date(iso), target });
    await at("2026-11-19T10:59:00Z", "19th, 23:59 local");
    await at("2026-11-19T11:00:00Z", "20th, 00:00 local");
    await at("2026-11-20T10:59:00Z", "20th, 23:59 local");
    await at("2026-11-20T11:00:00Z", "21st, 00:00 local");

    const day = await auditLogPage(filter({ from: "2026-11-20", to: "2026-11-20" }), 1);
    expect(day.events.map((e) => e.target)).toEqual(["20th, 23:59 local", "20th, 00:00 local"]);
    expect((await auditLogPage(filter({ from: "2026-11-21" }), 1)).events.map((e) => e.target)).toEqual(["21st, 00:00 local"]);
    expect((await auditLogPage(filter({ to: "2026-11-19" }), 1)).events.map((e) => e.target)).toEqual(["19th, 23:59 local"]);
    // Given backwards, the range is swapped rather than refused.
    expect(filter({ from: "2026-11-21", to: "2026-11-20" })).toMatchObject({ from: "2026-11-20", to: "2026-11-21" });
    expect((await auditLogPage(filter({ from: "2026-11-21", to: "2026-11-20" }), 1)).total).toBe(3);
  });

  it("turns bad query values into defaults instead of failing", async () => {
    const params = new URLSearchParams({ page: "abc", from: "2026-13-45", to: "yesterday", action: "<script>", actor: "x".repeat(500), subject: "   " });
    expect(parseAuditQuery(params)).toEqual({ filter: { actor: undefined, action: undefined, subject: undefined, from: undefined, to: undefined }, page: 1 });
    expect(parseAuditQuery(new URLSearchParams("page=-4&from=2026-02-30")).filter.from).toBeUndefined();
    await recordAudit({ action: "sign_in", actor: hr, target: hr.email });
    const result = await outcomeOf(auditLoader({ request: makeRequest(`/hr/audit?${params}`, { cookie: hrCookie }), ...ctx }));
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ total: 1, page: 1, query: "" });
  });

  it("shows how many times a folded event happened", async () => {
    await addEvent({
      at: new Date(),
      action: "sign_in.failed",
      target: "someone@test.baton",
      ip: "198.51.100.1",
      count: 7,
      details: JSON.stringify({ reason: "unknown_email" }),
    });
    const [event] = (await auditLogPage(filter(), 1)).events;
    expect(event).toMatchObject({ count: 7, label: "Sign-in failed", details: "reason: unknown_email", actor: null });
  });
});

describe("the CSV export", () => {
  it("holds exactly the filtered rows, formula-safe, as a download", async () => {
    const target = await createTestPerson({ name: '=HYPERLINK("x")' });
    await recordAudit({ action: "curriculum.created", actor: hr, target: "=cmd|' /C calc'!A0" });
    await recordAudit(byHr(target));
    await recordAudit({ action: "sign_in", actor: hr, target: hr.email });
    await addEvent({ at: new Date(), action: "curriculum.created", target: "+folded", count: 4 });

    const result = await outcomeOf(csvLoader({ request: makeRequest("/hr/audit.csv?action=curriculum.created&page=3", { cookie: hrCookie }), ...ctx }));
    expect(result.status).toBe(200);
    expect(result.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(result.headers.get("Content-Disposition")).toMatch(/^attachment; filename="baton-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = result.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toMatch(
      /^When \(UTC\),When \(UTC\),Who,Who \(e-mail\),Action,Action code,About,About \(e-mail\),Target as recorded,IP address,Times,Details$/,
    );
    expect(lines).toHaveLength(3);
    expect(lines.join("\n")).toContain(",'=cmd|' /C calc'!A0,");
    expect(lines.join("\n")).toContain("'+folded");
    expect(lines.find((l) => l.includes("folded"))).toMatch(/,4,$/);
    expect(lines.join("\n")).not.toContain("sign_in");

    const about = await outcomeOf(csvLoader({ request: makeRequest(`/hr/audit.csv?subject=${target.id}`, { cookie: hrCookie }), ...ctx }));
    const body = about.body;
    expect(body.trim().split("\r\n")).toHaveLength(2);
    expect(body).toContain(`"'=HYPERLINK(""x"")"`);
  });
});

describe("HR only", () => {
  it("refuses a manager everywhere with 403 and records each refusal", async () => {
    const manager = await createTestPerson({ role: "MANAGER" });
    const { cookie } = await signedInCookie(manager.id);
    const calls = [
      ["/hr/audit", () => auditLoader({ request: makeRequest("/hr/audit", { cookie }), ...ctx })],
      ["/hr/audit.csv", () => csvLoader({ request: makeRequest("/hr/audit.csv", { cookie }), ...ctx })],
      ["/hr/settings/audit", () => settingsLoader({ request: makeRequest("/hr/settings/audit", { cookie }), ...ctx })],
      ["/hr/settings/audit", () => settingsAction({ request: makeRequest("/hr/settings/audit", { cookie, form: { auditRetentionDays: "0" } }), ...ctx })],
    ] as const;
    for (const [path, call] of calls) {
      const result = await outcomeOf(call());
      expect(result.status, path).toBe(403);
    }
    expect(await prisma.auditEvent.count({ where: { action: "authorization.refused", actorId: manager.id, target: "/hr/audit" } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "authorization.refused", actorId: manager.id, target: "/hr/audit.csv" } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "authorization.refused", actorId: manager.id, target: "/hr/settings/audit" } })).toBe(2);
    expect((await prisma.orgSettings.findUniqueOrThrow({ where: { id: 1 } })).auditRetentionDays).toBe(730);
  });
});

describe("retention", () => {
  const now = new Date("2026-11-24T03:00:00Z");

  it("purges only events older than the setting, and 0 keeps everything", async () => {
    await addEvent({ at: new Date(now.getTime() - 731 * DAY_MS), target: "old" });
    await addEvent({ at: new Date(now.getTime() - 800 * DAY_MS), target: "older" });
    await addEvent({ at: new Date(now.getTime() - 729 * DAY_MS), target: "recent" });

    await prisma.orgSettings.update({ where: { id: 1 }, data: { auditRetentionDays: 0 } });
    expect(await purgeOldAudit(now)).toBe(0);
    expect(await prisma.auditEvent.count()).toBe(3);

    await prisma.orgSettings.update({ where: { id: 1 }, data: { auditRetentionDays: 730 } });
    expect(await purgeOldAudit(now)).toBe(2);
    expect((await prisma.auditEvent.findMany({ where: { action: "person.updated" } })).map((e) => e.target)).toEqual(["recent"]);
    const purged = await prisma.auditEvent.findFirstOrThrow({ where: { action: "audit.purged" } });
    expect(JSON.parse(purged.details!)).toMatchObject({ count: 2, retentionDays: 730 });
    expect(await purgeOldAudit(now)).toBe(0);
  });

  it("is set on its own settings page, validated and audited", async () => {
    const bad = await outcomeOf(
      settingsAction({ request: makeRequest("/hr/settings/audit", { cookie: hrCookie, form: { auditRetentionDays: "4000" } }), ...ctx }),
    );
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toHaveProperty("auditRetentionDays", expect.stringMatching(/0 to 3650/));
    const blank = await outcomeOf(
      settingsAction({ request: makeRequest("/hr/settings/audit", { cookie: hrCookie, form: { auditRetentionDays: "" } }), ...ctx }),
    );
    expect(blank.status).toBe(400);

    const ok = await outcomeOf(
      settingsAction({ request: makeRequest("/hr/settings/audit", { cookie: hrCookie, form: { auditRetentionDays: "90" } }), ...ctx }),
    );
    expect(ok).toMatchObject({ status: 200, data: { ok: true } });
    expect((await outcomeOf(settingsLoader({ request: makeRequest("/hr/settings/audit", { cookie: hrCookie }), ...ctx }))).data).toEqual({
      auditRetentionDays: 90,
    });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "settings.audit.updated" } });
    expect(event).toMatchObject({ actorId: hr.id, subjectId: null });
    expect(JSON.parse(event.details!)).toEqual({ before: 730, after: 90 });
  });
});
