import { beforeAll, describe, expect, it } from "vitest";
import { getCourse } from "~/.server/content/catalog";
import { assignPeople } from "~/.server/curricula/assignments";
import { createCurriculum } from "~/.server/curricula/curricula";
import { prisma } from "~/.server/db";
import { remindPerson } from "~/.server/notifications/nudge";
import { orgSettings } from "~/.server/notifications/settings";
import { deactivatePerson } from "~/.server/people/people";
import { action as teamPersonAction } from "~/routes/_app.team.$personId";
import { createTestPerson, having, makeRequest, outcomeOf, signedInCookie } from "../factories";

type Person = Awaited<ReturnType<typeof createTestPerson>>;
const SLUG = "internal-customer-service";
const at = (iso: string) => new Date(iso);

let hr: Person;
let manager: Person;
let curriculumId: string;
const ctx = () => ({ actor: hr, ip: null });
const asManager = () => ({ ...manager, role: "MANAGER" as const });

beforeAll(async () => {
  hr = await createTestPerson({ role: "HR", name: "Hana HR" });
  manager = await createTestPerson({ role: "MANAGER", name: "Mo Manager" });
  curriculumId = (
    await createCurriculum(
      {
        name: "Welcome aboard",
        description: "",
        inOrder: false,
        dueRule: { kind: "days", days: 30 },
        courses: [{ slug: SLUG, required: true, dueRule: null }],
      },
      ctx(),
      at("2026-10-01T09:00:00Z"),
    )
  ).id;
  // The organisation's day is New York's: 03:00 UTC is still the evening before there.
  await orgSettings();
  await prisma.orgSettings.update({ where: { id: 1 }, data: { timeZone: "America/New_York" } });
});

/** A team member with a course due 10 Dec (assigned 10 Nov, 30 days). */
async function report(managerId = manager.id) {
  const person = await createTestPerson({ name: "Rae Report", managerId });
  await assignPeople(curriculumId, [person.email], ctx(), at("2026-11-10T14:00:00Z"));
  return person;
}

const nudges = (personId: string) => prisma.notification.findMany({ where: { personId, kind: "manager_nudge" }, orderBy: { createdAt: "asc" } });
const audits = (email: string) => prisma.auditEvent.findMany({ where: { action: "person.reminded", target: email } });

describe("a manager reminds a team member", () => {
  it("sends once a day (the organisation's day) with what is overdue, audited; the next day it may send again", async () => {
    const rae = await report();
    expect(await remindPerson(asManager(), rae.id, "Let's finish this week.", at("2026-12-20T15:00:00Z"))).toEqual({ kind: "sent", name: "Rae Report" });
    const [first] = await nudges(rae.id);
    expect(first).toMatchObject({ title: "A reminder from Mo Manager", link: "/learn", key: `manager_nudge:${rae.id}:2026-12-20` });
    expect(first!.body).toContain("“Let's finish this week.”");
    expect(first!.body).toMatch(new RegExp(`• ${getCourse(SLUG)!.title} \\(overdue since 10 Dec — 0 of \\d+ lessons done\\)`));
    const [audit] = await audits(rae.email);
    expect(audit).toMatchObject({ actorId: manager.id });
    expect(JSON.parse(audit!.details!)).toMatchObject({ day: "2026-12-20", note: "Let's finish this week." });

    // Later the same local day (03:00 UTC on the 21st is 22:00 on the 20th in New York), by anyone: already reminded.
    expect(await remindPerson(asManager(), rae.id, null, at("2026-12-21T03:00:00Z"))).toEqual({ kind: "already-reminded", name: "Rae Report" });
    expect(await remindPerson({ ...hr, role: "HR" }, rae.id, null, at("2026-12-20T18:00:00Z"))).toEqual({ kind: "already-reminded", name: "Rae Report" });
    expect(await nudges(rae.id)).toHaveLength(1);
    expect(await audits(rae.email)).toHaveLength(1);

    expect(await remindPerson(asManager(), rae.id, null, at("2026-12-21T15:00:00Z"))).toEqual({ kind: "sent", name: "Rae Report" });
    const both = await nudges(rae.id);
    expect(both).toHaveLength(2);
    expect(both[1]!.body).not.toContain("“");
    expect(await audits(rae.email)).toHaveLength(2);
  });

  it("refuses someone outside the team and writes nothing; HR may remind anyone active; nobody reminds a leaver", async () => {
    const otherManager = await createTestPerson({ role: "MANAGER" });
    const stranger = await report(otherManager.id);
    expect(await remindPerson(asManager(), stranger.id, null, at("2026-12-20T15:00:00Z"))).toEqual({ kind: "not-in-team" });
    expect(await remindPerson(asManager(), "no-such-person", null, at("2026-12-20T15:00:00Z"))).toEqual({ kind: "not-in-team" });
    expect(await remindPerson(asManager(), manager.id, null, at("2026-12-20T15:00:00Z"))).toEqual({ kind: "not-in-team" });
    expect(await nudges(stranger.id)).toHaveLength(0);
    expect(await audits(stranger.email)).toHaveLength(0);

    expect(await remindPerson({ ...hr, role: "HR" }, stranger.id, null, at("2026-12-20T15:00:00Z"))).toEqual({ kind: "sent", name: "Rae Report" });
    expect((await nudges(stranger.id))[0]).toMatchObject({ title: "A reminder from Hana HR" });

    const leaver = await report();
    await deactivatePerson(leaver.id, ctx());
    expect(await remindPerson(asManager(), leaver.id, null, at("2026-12-20T15:00:00Z"))).toEqual({ kind: "inactive", name: "Rae Report" });
    expect(await audits(leaver.email)).toHaveLength(0);
  });

  it("works from the team page: confirmation, a note too long refused beside the field, other intents unchanged", async () => {
    const rae = await report();
    const cookie = (await signedInCookie(manager.id)).cookie;
    const post = (form: Record<string, string>, personId = rae.id) =>
      outcomeOf(teamPersonAction({ request: makeRequest(`/team/${personId}`, { cookie, form }), params: { personId }, context: {} }));

    const tooLong = await post({ intent: "remind", note: "x".repeat(501) });
    expect(tooLong.status).toBe(400);
    expect(having(tooLong.data, "fieldErrors").fieldErrors.note).toMatch(/500 characters/);

    expect((await post({ intent: "remind", note: "" })).data).toMatchObject({ intent: "remind", reminded: "sent", message: "Reminder sent to Rae Report." });
    expect((await post({ intent: "remind" })).data).toMatchObject({
      reminded: "already-reminded",
      message: expect.stringContaining("Rae Report was already reminded today"),
    });

    const stranger = await report((await createTestPerson({ role: "MANAGER" })).id);
    expect((await post({ intent: "remind" }, stranger.id)).status).toBe(404);

    // The overrides on the same page still answer as before.
    const waived = await post({ intent: "waive", course: SLUG, reason: "Did it at a sister company." });
    expect(waived.data).toMatchObject({ ok: true, message: expect.stringContaining("waived") });
  });
});
