import { afterEach, describe, expect, it } from "vitest";
import { changePassword } from "~/.server/auth/change-password";
import { getCourse } from "~/.server/content/catalog";
import { prisma } from "~/.server/db";
import { applyImportPlan } from "~/.server/people/import/apply";
import type { CsvRow } from "~/.server/people/import/csv";
import { planImport } from "~/.server/people/import/plan";
import { deactivatePerson, endPersonSessions, LAST_HR_MESSAGE, OWN_ROLE_MESSAGE, PersonInputError, updatePerson } from "~/.server/people/people";
import { action as feedbackAction } from "~/routes/learn.$courseSlug.$lessonSlug.feedback";
import { action as lessonAction } from "~/routes/_app.learn.$courseSlug.$lessonSlug";
import { action as personAction } from "~/routes/_app.hr.people.$personId";
import { action as storiesAction } from "~/routes/_app.stories._index";
import { TEST_PASSWORD, createTestPerson, makeRequest, outcomeOf, signedInCookie } from "../factories";
import { failInserts, stopFailing } from "./helpers/database";

type Person = Awaited<ReturnType<typeof createTestPerson>>;
const ctx = { context: {} };
const asActor = (p: Person) => ({ actor: { id: p.id, email: p.email }, ip: null });
const inputOf = (p: Person, change: Partial<Parameters<typeof updatePerson>[1]> = {}) => ({
  email: p.email,
  name: p.name,
  role: p.role,
  department: p.department ?? undefined,
  startDate: p.startDate ?? undefined,
  managerId: p.managerId ?? undefined,
  ...change,
});

const sessionsOf = (personId: string) => prisma.session.findMany({ where: { personId }, orderBy: { id: "asc" } });
const personRow = (id: string) => prisma.person.findUniqueOrThrow({ where: { id } });

/**
 * A real failure in the last step of a write: the audit insert for `action` is aborted by the database itself, the way a
 * full disk or a constraint would abort it, so nothing is mocked between the code and the database.
 */
async function failAuditOf(action: string) {
  await failInserts("AuditEvent", "action", action);
}
afterEach(async () => {
  await stopFailing("AuditEvent");
});

/** Only the given people are active HR: the "last HR" rule counts every active HR in Baton. */
async function onlyActiveHr(...keep: Person[]) {
  await prisma.person.updateMany({ where: { role: "HR", deactivatedAt: null, id: { notIn: keep.map((p) => p.id) } }, data: { deactivatedAt: new Date() } });
}

describe("a failure in the last step leaves everything as it was", () => {
  it("password change: the hash and every session stay exactly as before", async () => {
    const person = await createTestPerson();
    const here = await signedInCookie(person.id);
    await signedInCookie(person.id);
    await signedInCookie(person.id);
    const [before, sessionsBefore] = [await personRow(person.id), await sessionsOf(person.id)];
    await failAuditOf("password.changed");

    const change = { personId: person.id, sessionId: here.sessionId, currentPassword: TEST_PASSWORD, newPassword: "a brand new passphrase", ip: null };
    await expect(changePassword(change)).rejects.toThrow();
    expect((await personRow(person.id)).passwordHash).toBe(before.passwordHash);
    expect(await sessionsOf(person.id)).toEqual(sessionsBefore);

    await stopFailing("AuditEvent");
    expect(await changePassword(change)).toEqual({ ok: true });
    expect((await sessionsOf(person.id)).map((s) => s.id)).toEqual([here.sessionId]);
    expect(await prisma.auditEvent.count({ where: { action: "password.changed", subjectId: person.id } })).toBe(1);
  });

  it("role change: role, details and sessions unchanged", async () => {
    const hr = await createTestPerson({ role: "HR" });
    const manager = await createTestPerson({ role: "MANAGER" });
    await signedInCookie(manager.id);
    await signedInCookie(manager.id);
    const [before, sessionsBefore] = [await personRow(manager.id), await sessionsOf(manager.id)];
    await failAuditOf("person.updated");

    await expect(updatePerson(manager.id, inputOf(manager, { role: "LEARNER", name: "Renamed" }), asActor(hr))).rejects.toThrow();
    expect(await personRow(manager.id)).toEqual(before);
    expect(await sessionsOf(manager.id)).toEqual(sessionsBefore);
  });

  it("deactivation: still active, sessions and invitations untouched", async () => {
    const hr = await createTestPerson({ role: "HR" });
    const person = await createTestPerson();
    await signedInCookie(person.id);
    await prisma.invitation.create({ data: { tokenHash: `hash-${person.id}`, personId: person.id, expiresAt: new Date(Date.now() + 86_400_000) } });
    const [before, sessionsBefore, invitationsBefore] = [
      await personRow(person.id),
      await sessionsOf(person.id),
      await prisma.invitation.findMany({ where: { personId: person.id } }),
    ];
    await failAuditOf("person.deactivated");

    await expect(deactivatePerson(person.id, asActor(hr))).rejects.toThrow();
    expect(await personRow(person.id)).toEqual(before);
    expect(await sessionsOf(person.id)).toEqual(sessionsBefore);
    expect(await prisma.invitation.findMany({ where: { personId: person.id } })).toEqual(invitationsBefore);
  });

  it("HR's 'end sessions': the sessions survive a failed audit", async () => {
    const hr = await createTestPerson({ role: "HR" });
    const person = await createTestPerson();
    await signedInCookie(person.id);
    const sessionsBefore = await sessionsOf(person.id);
    await failAuditOf("person.sessions_ended");
    await expect(endPersonSessions(person.id, asActor(hr))).rejects.toThrow();
    expect(await sessionsOf(person.id)).toEqual(sessionsBefore);
  });
});

function hrAction(personId: string, cookie: string, form: Record<string, string>) {
  return outcomeOf(personAction({ request: makeRequest(`/hr/people/${personId}`, { cookie, form }), params: { personId }, ...ctx }));
}
const saveForm = (p: Person, change: Record<string, string> = {}) => ({
  intent: "save",
  email: p.email,
  name: p.name,
  role: p.role,
  department: p.department ?? "",
  startDate: p.startDate?.toISOString().slice(0, 10) ?? "",
  managerId: p.managerId ?? "",
  ...change,
});

describe("who may change HR", () => {
  it("HR cannot change their own role (400 beside the role, nothing changed)", async () => {
    const hr = await createTestPerson({ role: "HR" });
    await createTestPerson({ role: "HR" });
    const { cookie } = await signedInCookie(hr.id);
    const out = await hrAction(hr.id, cookie, saveForm(hr, { role: "LEARNER" }));
    expect(out).toMatchObject({ status: 400, data: { kind: "invalid", errors: { role: OWN_ROLE_MESSAGE } } });
    expect((await personRow(hr.id)).role).toBe("HR");
    // Their other details they may still change.
    expect(await hrAction(hr.id, cookie, saveForm(hr, { name: "Hana Renamed" }))).toMatchObject({ status: 200, data: { kind: "done" } });
  });

  it("the last active HR can be neither demoted nor deactivated", async () => {
    const last = await createTestPerson({ role: "HR" });
    const manager = await createTestPerson({ role: "MANAGER" });
    await onlyActiveHr(last);
    // Whoever asks (a script, or someone who was HR a moment ago).
    await expect(updatePerson(last.id, inputOf(last, { role: "MANAGER" }), asActor(manager))).rejects.toThrow(LAST_HR_MESSAGE);
    expect(await deactivatePerson(last.id, asActor(manager))).toEqual({ kind: "refused", message: LAST_HR_MESSAGE });
    expect(await personRow(last.id)).toMatchObject({ role: "HR", deactivatedAt: null });
  });

  it("deactivating the last HR through the page is a 400 with the reason", async () => {
    const [a, b] = [await createTestPerson({ role: "HR" }), await createTestPerson({ role: "HR" })];
    await onlyActiveHr(a, b);
    const { cookie } = await signedInCookie(a.id);
    // b is demoted by a, so a is the last one: b's page cannot take a away any more (b is no longer HR anyway).
    await updatePerson(b.id, inputOf(b, { role: "MANAGER" }), asActor(a));
    expect(await deactivatePerson(a.id, asActor(b))).toEqual({ kind: "refused", message: LAST_HR_MESSAGE });
    expect(await hrAction(a.id, cookie, { intent: "deactivate" })).toMatchObject({
      status: 400,
      data: { kind: "error", message: "You cannot deactivate yourself." },
    });
    expect(await personRow(a.id)).toMatchObject({ role: "HR", deactivatedAt: null });
  });

  it("two HR demoting each other at the same moment leave one HR", async () => {
    const [a, b] = [await createTestPerson({ role: "HR" }), await createTestPerson({ role: "HR" })];
    await onlyActiveHr(a, b);
    const results = await Promise.allSettled([
      updatePerson(b.id, inputOf(b, { role: "MANAGER" }), asActor(a)),
      updatePerson(a.id, inputOf(a, { role: "MANAGER" }), asActor(b)),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.status === "rejected" && refused.reason).toBeInstanceOf(PersonInputError);
    expect(await prisma.person.count({ where: { role: "HR", deactivatedAt: null } })).toBe(1);
  });

  it("two saves taking the same new e-mail at once: one succeeds, the other is told why (400, not 500)", async () => {
    const hr = await createTestPerson({ role: "HR" });
    const { cookie } = await signedInCookie(hr.id);
    const [p1, p2] = [await createTestPerson(), await createTestPerson()];
    const wanted = `taken-${p1.id}@test.baton`;
    const outs = await Promise.all([hrAction(p1.id, cookie, saveForm(p1, { email: wanted })), hrAction(p2.id, cookie, saveForm(p2, { email: wanted }))]);
    expect(outs.map((o) => o.status).sort()).toEqual([200, 400]);
    expect(outs.find((o) => o.status === 400)?.data).toEqual({ kind: "invalid", errors: { email: "Someone already has this email." } });
    expect(await prisma.person.count({ where: { email: wanted } })).toBe(1);
  });
});

const chainRow = (i: number, domain: string, length: number): CsvRow => ({
  line: length - i + 1,
  email: `p${i}@${domain}`,
  name: `Person ${i}`,
  department: "Chain",
  jobTitle: "Link",
  // p0 heads the chain; p1 reports to p0, p2 to p1, …
  managerEmail: i === 0 ? "" : `p${i - 1}@${domain}`,
  startDate: "",
  role: "",
});

describe("very long manager chains", () => {
  const LENGTH = 20_000;

  it("a 20,000-deep chain plans and imports without a stack overflow; a cycle through it is then refused", async () => {
    const domain = "chain.test";
    // The deepest person first: a recursive walk from the first row would go 20,000 calls deep.
    const rows = Array.from({ length: LENGTH }, (_, k) => chainRow(LENGTH - 1 - k, domain, LENGTH));
    const plan = await planImport(rows, []);
    expect(plan.problems).toEqual([]);
    expect(plan.creates).toHaveLength(LENGTH);
    const result = await applyImportPlan(plan, { deactivateMissing: false });
    expect(result.created).toBe(LENGTH);

    // The head of the chain may not report to someone 19,998 levels below them.
    const head = await prisma.person.findUniqueOrThrow({ where: { email: `p0@${domain}` } });
    const deep = await prisma.person.findUniqueOrThrow({ where: { email: `p${LENGTH - 2}@${domain}` } });
    const hr = await createTestPerson({ role: "HR" });
    await expect(updatePerson(head.id, inputOf(head, { managerId: deep.id }), asActor(hr))).rejects.toThrow("That would make a person manage themselves.");
    expect((await personRow(head.id)).managerId).toBeNull();
  }, 120_000);

  it("a file whose chain closes on itself 20,000 people long is reported, briefly, on every row", async () => {
    const domain = "ring.test";
    const rows = Array.from({ length: LENGTH }, (_, i) => chainRow(i, domain, LENGTH));
    rows[0] = { ...rows[0]!, managerEmail: `p${LENGTH - 1}@${domain}` };
    const plan = await planImport(rows, []);
    expect(plan.problems).toHaveLength(LENGTH);
    expect(plan.problems[0]?.message).toMatch(/^Manager cycle: .* → … → .* \(20000 people\)\.$/);
    expect(Math.max(...plan.problems.map((p) => p.message.length))).toBeLessThan(400);
  }, 60_000);

  it("an imported name holding a NUL is a problem on its line", async () => {
    const row = { ...chainRow(0, "nul.test", 1), name: "Nu\u0000ll" };
    const plan = await planImport([row], []);
    expect(plan.problems).toEqual([{ line: row.line, message: expect.stringMatching(/control character/) }]);
    expect(plan.creates).toEqual([]);
  });
});

describe("what a learner may store", () => {
  const COURSE = "internal-customer-service";
  const lessonSlug = () => getCourse(COURSE)!.lessons[0]!.slug;

  it("a reflection id that is not one of this lesson's is refused, and nothing is stored", async () => {
    const learner = await createTestPerson();
    const { cookie } = await signedInCookie(learner.id);
    const send = (form: Record<string, string>) =>
      outcomeOf(
        lessonAction({
          request: makeRequest(`/learn/${COURSE}/${lessonSlug()}`, { cookie, form }),
          params: { courseSlug: COURSE, lessonSlug: lessonSlug() },
          ...ctx,
        }),
      );
    // "open-loop" is a reflection of another course's lesson.
    for (const reflectionId of ["open-loop", "made-up-note"]) {
      expect(await send({ intent: "reflection", reflectionId, text: "Note" })).toMatchObject({
        status: 400,
        data: { message: "This lesson has no such reflection." },
      });
    }
    expect(await prisma.reflectionNote.count({ where: { personId: learner.id } })).toBe(0);
    const nul = await send({ intent: "reflection", reflectionId: "one-internal-customer", text: "Null\u0000byte" });
    expect(nul.status).toBe(400);
    expect(await prisma.reflectionNote.count({ where: { personId: learner.id } })).toBe(0);
    expect(await send({ intent: "reflection", reflectionId: "one-internal-customer", text: "Line one\nline two" })).toMatchObject({ status: 200 });
    expect(await prisma.reflectionNote.findMany({ where: { personId: learner.id }, select: { reflectionId: true, text: true } })).toEqual([
      { reflectionId: "one-internal-customer", text: "Line one\nline two" },
    ]);
  });

  it("a story or a feedback comment holding a NUL is refused beside the field", async () => {
    const [author, colleague] = [await createTestPerson(), await createTestPerson()];
    const { cookie } = await signedInCookie(author.id);
    const story = await outcomeOf(
      storiesAction({
        request: makeRequest("/stories", {
          cookie,
          form: { intent: "post", subject: colleague.id, behaviour: "owned-it", text: "Stayed late\u0000 to help." },
        }),
        params: {},
        ...ctx,
      }),
    );
    expect(story).toMatchObject({ status: 400, data: { ok: false, fieldErrors: { text: expect.stringMatching(/control character/) } } });
    expect(await prisma.serviceStory.count({ where: { authorId: author.id } })).toBe(0);

    const feedback = await outcomeOf(
      feedbackAction({
        request: makeRequest(`/learn/${COURSE}/${lessonSlug()}/feedback`, { cookie, form: { rating: "4", comment: "Good\u001b[31m red" } }),
        params: { courseSlug: COURSE, lessonSlug: lessonSlug() },
        ...ctx,
      }),
    );
    expect(feedback).toMatchObject({ status: 400, data: { ok: false, errors: { comment: expect.stringMatching(/control character/) } } });
    expect(await prisma.lessonFeedback.count({ where: { personId: author.id } })).toBe(0);
  });
});
