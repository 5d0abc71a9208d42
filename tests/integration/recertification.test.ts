/**
 * Recertification with an injected clock (vi.setSystemTime mocks only Date, so writes that read the clock agree
 * with the `now` given): a curriculum valid 12 months with 30 days' notice. Completing it issues a certificate
 * valid until the issue day plus 12 months; at the notice the renewal course opens again (once), readiness says
 * Expiring, then Expired at the end; completing the renewal issues a new certificate. A revoked certificate is
 * never renewed nor re-issued.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { verifyCertificate } from "~/.server/certificates/certificates";
import { openDueRenewals } from "~/.server/certificates/renewal";
import { revokeCertificate } from "~/.server/certificates/revoke";
import { assignPeople, unassignPerson } from "~/.server/curricula/assignments";
import { createCurriculum } from "~/.server/curricula/curricula";
import { prisma } from "~/.server/db";
import { readinessFor } from "~/.server/readiness/load";
import { apiCurriculum } from "~/.server/api/curricula";
import { action as curriculumAction, loader as curriculumLoader } from "~/routes/_app.hr.curricula.$curriculumId";
import { action as newCurriculumAction } from "~/routes/_app.hr.curricula.new";
import { createTestPerson, makeRequest, outcomeOf, signedInCookie } from "../factories";
import { coursePool, finishCourse, type Actor } from "./helpers/readiness-world";

let hr: Actor;
let renewed: ReturnType<typeof coursePool>[number];
let kept: ReturnType<typeof coursePool>[number];
let unique = 0;

/** Completion day: in the future, so nothing here is in the real past; 2028 is a leap year. */
const ISSUED = new Date("2027-03-10T09:00:00Z");
const VALID_UNTIL = new Date("2028-03-10T00:00:00Z");
/** 30 days before the end: 10 March 2028 − 30 days = 9 February 2028. */
const NOTICE = new Date("2028-02-09T00:00:00Z");
const HOUR = 60 * 60 * 1000;

beforeAll(async () => {
  const p = await createTestPerson({ role: "HR", name: "Hana HR" });
  hr = { id: p.id, name: p.name, email: p.email, role: "HR" };
  [renewed, kept] = coursePool(2) as [typeof renewed, typeof kept];
});
afterEach(() => {
  vi.useRealTimers();
});

const ctx = () => ({ actor: hr, ip: null });
/** Freeze `new Date()` at this moment and return it. */
const freeze = (moment: Date) => {
  if (!vi.isFakeTimers()) vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(moment);
  return moment;
};

/** A person who completed both courses of a fresh 12-month curriculum (the first marked for renewal) at ISSUED. */
async function certifiedPerson() {
  unique += 1;
  freeze(new Date(ISSUED.getTime() - 30 * 24 * HOUR));
  const curriculum = await createCurriculum(
    {
      name: `Food safety ${unique}`,
      description: "",
      inOrder: false,
      dueRule: null,
      validityMonths: 12,
      renewalNoticeDays: 30,
      courses: [
        { slug: renewed.slug, required: true, renew: true, dueRule: null },
        { slug: kept.slug, required: true, dueRule: null },
      ],
    },
    ctx(),
    new Date(),
  );
  const person = await createTestPerson({ name: `Rita Renew ${unique}` });
  await assignPeople(curriculum.id, [person.email], ctx(), new Date());
  freeze(ISSUED);
  await finishCourse(person.id, renewed, hr, ISSUED);
  await finishCourse(person.id, kept, hr, ISSUED);
  return { person, curriculumId: curriculum.id };
}

/**
 * The learner takes the renewal course again: lessons read, quizzes passed in a fresh round of attempts, and each
 * practice task submitted and observed again (a sign-off made before the renewal no longer stands).
 */
async function finishRenewal(personId: string, course: typeof renewed, now: Date) {
  await finishCourse(personId, course, hr, now);
  for (const lesson of course.lessons.filter((l) => l.completion === "signoff"))
    expect(await prisma.practiceSubmission.count({ where: { personId, courseSlug: course.slug, lessonSlug: lesson.slug, status: "SIGNED_OFF" } })).toBe(2);
}

const certificatesOf = (personId: string) => prisma.certificate.findMany({ where: { personId }, orderBy: { issuedAt: "asc" } });
const stateAt = async (personId: string, now: Date) => (await readinessFor([personId], now))[0]!.state;
const completedLessons = (personId: string, courseSlug: string) => prisma.lessonProgress.count({ where: { personId, courseSlug, status: "COMPLETED" } });
/** openDueRenewals at `now`, counting only what it did for this person (other tests' people may be due too). */
async function renewalsAt(now: Date, personId: string) {
  freeze(now);
  const before = await prisma.lessonReopening.count({ where: { personId } });
  await openDueRenewals(now);
  return (await prisma.lessonReopening.count({ where: { personId } })) - before;
}

describe("recertification", () => {
  it("issues a certificate valid 12 months, renews exactly the renewal course at the notice, expires, and re-issues on completion", async () => {
    const { person } = await certifiedPerson();
    const [first] = await certificatesOf(person.id);
    expect(first).toMatchObject({ issuedAt: ISSUED, validUntil: VALID_UNTIL, renewalOpenedAt: null });
    expect((await verifyCertificate(first!.code, ISSUED))?.status).toBe("valid");
    const issuedNote = await prisma.notification.findFirstOrThrow({ where: { personId: person.id, kind: "certificate_issued" } });
    expect(issuedNote.body).toContain("valid until 10 March 2028");

    // Before the notice: nothing opens, the person stays Ready.
    const dayBefore = new Date(NOTICE.getTime() - 2 * HOUR);
    expect(await renewalsAt(dayBefore, person.id)).toBe(0);
    expect(await stateAt(person.id, dayBefore)).toBe("READY");
    expect(await completedLessons(person.id, renewed.slug)).toBe(renewed.lessons.length);

    // At the notice: every lesson of the renewal course opens again, the other course stays done.
    const noticeMorning = new Date(NOTICE.getTime() + 8 * HOUR);
    expect(await renewalsAt(noticeMorning, person.id)).toBe(renewed.lessons.length);
    const reopenings = await prisma.lessonReopening.findMany({ where: { personId: person.id } });
    expect(new Set(reopenings.map((r) => r.courseSlug))).toEqual(new Set([renewed.slug]));
    expect(reopenings.map((r) => r.lessonSlug).sort()).toEqual(renewed.lessons.map((l) => l.slug).sort());
    for (const r of reopenings)
      expect(r).toMatchObject({ cause: "RENEWAL", certificateId: first!.id, changedOn: NOTICE, dueDate: VALID_UNTIL, resolvedAt: null });
    expect(await completedLessons(person.id, renewed.slug)).toBe(0);
    expect(await completedLessons(person.id, kept.slug)).toBe(kept.lessons.length);
    expect((await prisma.certificate.findUniqueOrThrow({ where: { id: first!.id } })).renewalOpenedAt).toEqual(noticeMorning);
    const due = await prisma.notification.findMany({ where: { personId: person.id, kind: "certificate_renewal_due" } });
    expect(due).toHaveLength(1);
    expect(due[0]!.body).toContain(`expires on 10 March 2028: take ${renewed.title} again`);
    expect(due[0]!.body).not.toContain(kept.title);
    expect(due[0]!.link).toBe("/learn");
    expect(await stateAt(person.id, noticeMorning)).toBe("EXPIRING");

    // A second run (the refresher every few minutes, or a later day) opens nothing more.
    expect(await renewalsAt(new Date(noticeMorning.getTime() + HOUR), person.id)).toBe(0);
    expect(await renewalsAt(new Date(NOTICE.getTime() + 10 * 24 * HOUR), person.id)).toBe(0);
    expect(await prisma.notification.count({ where: { personId: person.id, kind: "certificate_renewal_due" } })).toBe(1);

    // At the end: Expired, and the verification page says so.
    const end = new Date(VALID_UNTIL.getTime() + HOUR);
    expect(await stateAt(person.id, new Date(VALID_UNTIL.getTime() - HOUR))).toBe("EXPIRING");
    expect(await stateAt(person.id, end)).toBe("EXPIRED");
    expect((await verifyCertificate(first!.code, end))?.status).toBe("expired");
    expect(await certificatesOf(person.id)).toHaveLength(1);

    // Completing the renewal course again: a new certificate, valid 12 months from that day; Ready again.
    const renewedOn = freeze(new Date("2028-03-14T10:00:00Z"));
    await finishRenewal(person.id, renewed, renewedOn);
    const all = await certificatesOf(person.id);
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({ issuedAt: renewedOn, validUntil: new Date("2029-03-14T00:00:00Z"), renewalOpenedAt: null, revokedAt: null });
    expect(all[1]!.code).not.toBe(first!.code);
    expect(await stateAt(person.id, renewedOn)).toBe("READY");
    expect(await prisma.lessonReopening.count({ where: { personId: person.id, resolvedAt: null } })).toBe(0);
    expect(await prisma.notification.count({ where: { personId: person.id, kind: "certificate_issued" } })).toBe(2);
    // The old one stays as it was: expired, never re-issued again.
    expect((await verifyCertificate(first!.code, renewedOn))?.status).toBe("expired");
    expect(await renewalsAt(renewedOn, person.id)).toBe(0);
    await finishCourse(person.id, kept, hr, renewedOn);
    expect(await certificatesOf(person.id)).toHaveLength(2);
  });

  it("never renews nor re-issues a revoked certificate", async () => {
    const { person } = await certifiedPerson();
    const [certificate] = await certificatesOf(person.id);
    freeze(new Date(ISSUED.getTime() + 24 * HOUR));
    expect(await revokeCertificate({ certificateId: certificate!.id, reason: "Audit found the sign-off missing" }, ctx(), new Date())).toMatchObject({
      kind: "revoked",
    });

    expect(await renewalsAt(new Date(NOTICE.getTime() + 8 * HOUR), person.id)).toBe(0);
    expect(await renewalsAt(new Date(VALID_UNTIL.getTime() + 8 * HOUR), person.id)).toBe(0);
    expect((await prisma.certificate.findUniqueOrThrow({ where: { id: certificate!.id } })).renewalOpenedAt).toBeNull();
    expect(await prisma.notification.count({ where: { personId: person.id, kind: "certificate_renewal_due" } })).toBe(0);
    // A revoked certificate has no end to renew: readiness does not say Expiring or Expired.
    expect(await stateAt(person.id, new Date(VALID_UNTIL.getTime() + 8 * HOUR))).toBe("READY");

    freeze(new Date(VALID_UNTIL.getTime() + 9 * HOUR));
    await finishCourse(person.id, renewed, hr, new Date());
    expect(await certificatesOf(person.id)).toHaveLength(1);
  });

  it("opens no renewal for someone who no longer holds the curriculum, or has left", async () => {
    const left = await certifiedPerson();
    const unassigned = await certifiedPerson();
    freeze(new Date(ISSUED.getTime() + 24 * HOUR));
    expect(await unassignPerson(unassigned.curriculumId, unassigned.person.id, ctx(), new Date())).toMatchObject({ ok: true });
    await prisma.person.update({ where: { id: left.person.id }, data: { deactivatedAt: new Date() } });

    for (const p of [left, unassigned]) {
      expect(await renewalsAt(new Date(NOTICE.getTime() + 8 * HOUR), p.person.id)).toBe(0);
      const [c] = await certificatesOf(p.person.id);
      expect(c!.renewalOpenedAt).toBeNull();
    }
  });

  it("tells webhooks about a certificate issued and revoked, with its validity", async () => {
    const endpoint = await prisma.webhookEndpoint.create({
      data: {
        url: "https://hooks.example.com/baton",
        events: JSON.stringify(["certificate.issued", "certificate.revoked"]),
        secretSealed: "x",
        createdAt: new Date(),
      },
    });
    const { person, curriculumId } = await certifiedPerson();
    const [certificate] = await certificatesOf(person.id);
    freeze(new Date(ISSUED.getTime() + 24 * HOUR));
    await revokeCertificate({ certificateId: certificate!.id, reason: "Issued in error" }, ctx(), new Date());
    await revokeCertificate({ certificateId: certificate!.id, reason: "Twice" }, ctx(), new Date());

    const messages = await prisma.outboxMessage.findMany({ where: { channel: "webhook", recipient: endpoint.id, personId: person.id } });
    const bodies = messages.map((m) => (JSON.parse(m.payload) as { body: { type: string; data: Record<string, unknown> } }).body);
    expect(bodies.map((b) => b.type).sort()).toEqual(["certificate.issued", "certificate.revoked"]);
    const shared = {
      certificateId: certificate!.id,
      personId: person.id,
      curriculumId,
      curriculumName: certificate!.curriculumName,
      issuedAt: ISSUED.toISOString(),
      validUntil: VALID_UNTIL.toISOString(),
    };
    expect(bodies.find((b) => b.type === "certificate.issued")!.data).toMatchObject(shared);
    expect(bodies.find((b) => b.type === "certificate.revoked")!.data).toMatchObject({ ...shared, reason: "Issued in error" });
    await prisma.webhookEndpoint.delete({ where: { id: endpoint.id } });
  });
});

describe("the curriculum form", () => {
  const routeCtx = { context: {} };
  const fields = (extra: Record<string, string>) => ({
    intent: "save",
    name: `Hygiene ${++unique}`,
    [`course.${renewed.slug}.include`]: "on",
    [`course.${renewed.slug}.required`]: "on",
    [`course.${kept.slug}.include`]: "on",
    [`course.${kept.slug}.required`]: "on",
    ...extra,
  });

  it("saves the validity, the notice and the renewal courses, refuses 0 or negative months, and shows them on the curriculum page", async () => {
    const { cookie } = await signedInCookie(hr.id);
    const post = (form: Record<string, string>) =>
      outcomeOf(newCurriculumAction({ request: makeRequest("/hr/curricula/new", { cookie, form }), params: {}, ...routeCtx }));
    const before = await prisma.curriculum.count();
    for (const months of ["0", "-12"]) {
      const refused = await post(fields({ validityMonths: months }));
      expect(refused.status).toBe(400);
      expect(refused.data.errors).toHaveProperty("validityMonths", "Use at least 1 month, or leave it empty for no end.");
      expect(refused.data.values.validityMonths).toBe(months);
    }
    expect(await prisma.curriculum.count()).toBe(before);

    const created = await post(fields({ validityMonths: "12", renewalNoticeDays: "45", [`course.${renewed.slug}.renew`]: "on" }));
    expect(created.status).toBe(302);
    const id = created.location!.split("/").pop()!.split("?")[0]!;
    const stored = await prisma.curriculum.findUniqueOrThrow({ where: { id }, include: { courses: { orderBy: { courseSlug: "asc" } } } });
    expect(stored).toMatchObject({ validityMonths: 12, renewalNoticeDays: 45 });
    expect(Object.fromEntries(stored.courses.map((c) => [c.courseSlug, c.renew]))).toEqual({ [renewed.slug]: true, [kept.slug]: false });
    expect(await apiCurriculum(id)).toMatchObject({ validityMonths: 12, renewalNoticeDays: 45 });

    const page = await outcomeOf(curriculumLoader({ request: makeRequest(`/hr/curricula/${id}`, { cookie }), params: { curriculumId: id }, ...routeCtx }));
    expect(page.data.curriculum).toMatchObject({ validityMonths: 12, renewalNoticeDays: 45 });
    expect(page.data.values).toMatchObject({
      validityMonths: "12",
      renewalNoticeDays: "45",
      [`course.${renewed.slug}.renew`]: "on",
      [`course.${kept.slug}.renew`]: "",
    });

    // Editing: emptying the validity means no end; the change is audited.
    const edit = (form: Record<string, string>) =>
      outcomeOf(curriculumAction({ request: makeRequest(`/hr/curricula/${id}`, { cookie, form }), params: { curriculumId: id }, ...routeCtx }));
    const zero = await edit({ ...fields({ validityMonths: "0" }), name: stored.name });
    expect(zero.status).toBe(400);
    expect((await prisma.curriculum.findUniqueOrThrow({ where: { id } })).validityMonths).toBe(12);
    const saved = await edit({ ...fields({ validityMonths: "", renewalNoticeDays: "45" }), name: stored.name });
    expect(saved.status).toBe(200);
    const after = await prisma.curriculum.findUniqueOrThrow({ where: { id }, include: { courses: true } });
    expect(after.validityMonths).toBeNull();
    expect(after.courses.every((c) => !c.renew)).toBe(true);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "curriculum.updated", target: stored.name }, orderBy: { at: "desc" } });
    expect(JSON.parse(audit.details!)).toMatchObject({ curriculumId: id, validityMonths: { from: 12, to: null }, renewCourses: [] });
  });
});
