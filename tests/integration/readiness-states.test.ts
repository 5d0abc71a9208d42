/**
 * Every readiness state and the moves between them, as the stored summary shows them: each write updates the
 * summary and records the change (from, to, cause, moment) in its own transaction; time passing is written by
 * freshenReadiness, dated the moment it happened. The team view and the HR report read the same rows.
 *
 * The clock is frozen at injected moments (vi.setSystemTime mocks only Date), so writes that read the clock
 * agree with those given `now`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createSession } from "~/.server/auth/session";
import { assignPeople, unassignPerson } from "~/.server/curricula/assignments";
import { createCurriculum } from "~/.server/curricula/curricula";
import type { CurriculumInput } from "~/.server/curricula/schema";
import { prisma } from "~/.server/db";
import { updatePerson } from "~/.server/people/people";
import { reviewPractice } from "~/.server/practice/submissions";
import { openLesson } from "~/.server/progress/progress";
import { hrReadinessReport, teamReadiness } from "~/.server/readiness/hr-report";
import { readinessFor } from "~/.server/readiness/load";
import { formatDay } from "~/.server/readiness/rules";
import { PAGE_SIZE, ReportFilterSchema } from "~/.server/readiness/summary-query";
import { freshenReadiness, readinessChanged } from "~/.server/readiness/upkeep";
import { verifyReadiness } from "~/.server/readiness/verify";
import { createTestPerson } from "../factories";
import {
  DAY,
  answerQuiz,
  coursePool,
  dayFrom,
  eventProblems,
  eventsInOrder,
  finishCourse,
  isoDay,
  override,
  plainLessons,
  practiceLessons,
  quizLessons,
  reviewForm,
  submitPracticeFor,
  type Actor,
} from "./helpers/readiness-world";

const HOUR = 60 * 60 * 1000;
/** Day 0 of every scenario: tomorrow, so nothing here is in the real past. */
const D0 = dayFrom(new Date(), 1);
/** `days` after D0, plus some hours into that day. */
const at = (days: number, hours = 9) => new Date(D0.getTime() + days * DAY + hours * HOUR);

let hr: Actor;
let course: ReturnType<typeof coursePool>[number];
let other: ReturnType<typeof coursePool>[number];
let unique = 0;

beforeAll(async () => {
  const p = await createTestPerson({ role: "HR", name: "Hana HR" });
  hr = { id: p.id, name: p.name, email: p.email, role: "HR" };
  [course, other] = coursePool(2) as [typeof course, typeof other];
});
afterEach(() => {
  vi.useRealTimers();
});
afterAll(() => {
  vi.useRealTimers();
});

const ctx = () => ({ actor: hr, ip: null });
/** Freeze `new Date()` at this moment and return it. */
const freeze = (moment: Date) => {
  vi.setSystemTime(moment);
  return moment;
};

async function curriculum(input: Partial<CurriculumInput> & { courses?: CurriculumInput["courses"] }, now: Date) {
  unique += 1;
  return createCurriculum(
    { name: `States ${unique}`, description: "", inOrder: false, dueRule: null, courses: [{ slug: course.slug, required: true, dueRule: null }], ...input },
    ctx(),
    now,
  );
}

async function lastEvent(personId: string) {
  return (await eventsInOrder([personId])).at(-1);
}

/**
 * The stored summary already equals the derivation at `now` (no freshening: the write itself kept it) and
 * the verifier agrees; with `event`, the latest recorded change is that one. Returns the derivation.
 */
async function expectStored(personId: string, now: Date, event?: { fromState: string | null; toState: string; cause: string | RegExp; at: Date }) {
  const derived = (await readinessFor([personId], now))[0]!;
  const stored = await prisma.readinessSummary.findUniqueOrThrow({ where: { personId } });
  expect({
    state: stored.state,
    reasons: JSON.parse(stored.reasons),
    since: stored.since,
    nextChangeAt: stored.nextChangeAt,
    stale: stored.staleSince,
  }).toEqual({
    state: derived.state,
    reasons: derived.reasons,
    since: derived.since,
    nextChangeAt: derived.nextChangeAt,
    stale: null,
  });
  const verified = await verifyReadiness(now);
  expect(verified.differences.filter((d) => d.personId === personId)).toEqual([]);
  if (event) {
    const { cause, ...rest } = event;
    const last = await lastEvent(personId);
    expect(last).toMatchObject(rest);
    if (cause instanceof RegExp) expect(last!.cause).toMatch(cause);
    else expect(last!.cause).toBe(cause);
  }
  return derived;
}

/** Time passes with no write: the stored row is stale (not wrong) until freshened, which records the move. */
async function expectTimePassed(personId: string, now: Date, from: string, to: string, moment: Date) {
  freeze(now);
  const before = await prisma.readinessSummary.findUniqueOrThrow({ where: { personId } });
  expect(before.state).toBe(from);
  expect(before.nextChangeAt!.getTime()).toBeLessThanOrEqual(now.getTime());
  expect((await verifyReadiness(now)).differences.filter((d) => d.personId === personId)).toEqual([]);
  await freshenReadiness(now);
  return expectStored(personId, now, { fromState: from, toState: to, cause: "Time passed", at: moment });
}

describe("each state, and how a person moves between them", () => {
  it("No curriculum: someone who holds nothing", async () => {
    const now = freeze(at(0));
    const p = await createTestPerson({ name: "Nora Nothing" });
    await updatePerson(p.id, { email: p.email, name: p.name, role: "LEARNER", department: "Stores", startDate: p.startDate ?? undefined }, ctx());
    const r = await expectStored(p.id, now, { fromState: null, toState: "NO_CURRICULUM", cause: "Person details changed", at: now });
    expect(r).toMatchObject({ state: "NO_CURRICULUM", reasons: ["No onboarding curriculum assigned yet"], since: null, nextChangeAt: null });
  });

  it("Starts later → Invited → Not started → On track → At risk → Overdue → Ready", async () => {
    const start = dayFrom(D0, 10);
    const due = dayFrom(start, 20);
    const t0 = freeze(at(0));
    const p = await createTestPerson({ name: "Jo Journey", signedIn: false, startDate: start });
    const c = await curriculum({ dueRule: { kind: "days", days: 20 } }, t0);
    await assignPeople(c.id, [p.email], ctx(), t0);
    let r = await expectStored(p.id, t0, { fromState: null, toState: "STARTS_LATER", cause: `Assigned ${c.name}`, at: t0 });
    expect(r).toMatchObject({ since: null, nextChangeAt: start });
    expect(r.reasons[0]).toBe(`Starts on ${formatDay(start)}`);

    // The start date passes: nobody writes anything, the row goes stale, and freshening dates the move at the start.
    r = await expectTimePassed(p.id, at(10, 1), "STARTS_LATER", "INVITED", start);
    expect(r.reasons[0]).toBe("Has not signed in yet");
    expect(r.since).toEqual(t0); // invited since they were assigned

    const t2 = freeze(at(11));
    await createSession(p.id, t2);
    r = await expectStored(p.id, t2, { fromState: "INVITED", toState: "NOT_STARTED", cause: "First sign-in", at: t2 });
    expect(r.since).toEqual(start); // the later of the assignment and the start date

    const t3 = freeze(at(12));
    await openLesson({ personId: p.id, courseSlug: course.slug, lessonSlug: course.lessons[0]!.slug, courseVersion: course.version });
    r = await expectStored(p.id, t3, { fromState: "NOT_STARTED", toState: "ON_TRACK", cause: "Lesson opened", at: t3 });
    expect(r).toMatchObject({ since: null, nextChangeAt: new Date(due.getTime() - 7 * DAY) });

    // Seven days before the due day (the 3-day grace ended long ago): At risk, dated the first moment of that day.
    const window = new Date(due.getTime() - 7 * DAY);
    r = await expectTimePassed(p.id, new Date(window.getTime() + 2 * HOUR), "ON_TRACK", "AT_RISK", window);
    expect(r.since).toEqual(window);
    expect(r.reasons[0]).toMatch(new RegExp(`^${course.title} due ${formatDay(due)} — 0 of ${course.lessons.length} lessons done$`));

    // The due day is on time all day; the day after, Overdue.
    const dayAfter = new Date(due.getTime() + DAY);
    freeze(new Date(due.getTime() + 23 * HOUR));
    expect((await readinessFor([p.id], new Date(due.getTime() + 23 * HOUR)))[0]!.state).toBe("AT_RISK");
    r = await expectTimePassed(p.id, new Date(dayAfter.getTime() + HOUR), "AT_RISK", "OVERDUE", dayAfter);
    expect(r.since).toEqual(dayAfter);
    expect(r.reasons[0]).toMatch(new RegExp(`^${course.title} overdue since ${formatDay(due)} — `));
    expect((await prisma.readinessSummary.findUniqueOrThrow({ where: { personId: p.id } })).overdueCount).toBe(1);

    const t6 = freeze(new Date(dayAfter.getTime() + 5 * HOUR));
    await finishCourse(p.id, course, hr, t6);
    r = await expectStored(p.id, t6, { fromState: "OVERDUE", toState: "READY", cause: /./, at: t6 });
    expect(r).toMatchObject({ state: "READY", reasons: [], since: t6, nextChangeAt: null });
    const stored = await prisma.readinessSummary.findUniqueOrThrow({ where: { personId: p.id } });
    expect(stored).toMatchObject({ readyAt: t6, overdueCount: 0 });
    expect((await eventsInOrder([p.id])).map((e) => e.toState)).toEqual(["STARTS_LATER", "INVITED", "NOT_STARTED", "ON_TRACK", "AT_RISK", "OVERDUE", "READY"]);
    expect(await eventProblems([p.id])).toEqual([]);
  });

  it("holds At risk back during the curriculum's grace period, and dates it when the grace ends", async () => {
    const t0 = freeze(at(0));
    const p = await createTestPerson({ name: "Gus Grace", startDate: dayFrom(D0, -30) });
    const c = await curriculum({ dueRule: { kind: "date", date: dayFrom(D0, 5) }, graceDays: 3 }, t0);
    await assignPeople(c.id, [p.email], ctx(), t0);
    const r = await expectStored(p.id, t0, { fromState: null, toState: "NOT_STARTED", cause: `Assigned ${c.name}`, at: t0 });
    expect(r.nextChangeAt).toEqual(dayFrom(D0, 3));
    await expectTimePassed(p.id, at(3, 0), "NOT_STARTED", "AT_RISK", dayFrom(D0, 3));
  });

  it("Blocked by a quiz with no attempts left, until more attempts are granted", async () => {
    const t0 = freeze(at(0));
    const p = await createTestPerson({ name: "Bea Blocked" });
    const c = await curriculum({ dueRule: { kind: "date", date: dayFrom(D0, 60) } }, t0);
    await assignPeople(c.id, [p.email], ctx(), t0);
    const quiz = quizLessons(course)[0]!;
    let last = t0;
    for (let n = 1; n <= course.attemptLimit; n++) {
      last = freeze(at(n));
      expect(await answerQuiz(p.id, course, quiz, "wrong", last)).toBe("graded failed");
    }
    let r = await expectStored(p.id, last, { fromState: "ON_TRACK", toState: "BLOCKED", cause: `Quiz not passed in ${quiz.title}`, at: last });
    expect(r.since).toEqual(last);
    expect(r.reasons).toContain(`Quiz in ${quiz.title} failed with no attempts left — best 0 %, needs ${quiz.quiz!.passMark} %`);
    expect(await answerQuiz(p.id, course, quiz, "right", last)).toBe("limit-reached");

    const t1 = freeze(at(10));
    expect(await override(hr, p.id, { intent: "grant-attempts", quiz: `${course.slug}/${quiz.slug}`, attempts: "1" }, t1)).toMatchObject({ kind: "created" });
    r = await expectStored(p.id, t1, { fromState: "BLOCKED", toState: "ON_TRACK", cause: "More attempts granted by Hana HR", at: t1 });
    expect(r.reasons).toContain(
      `Quiz in ${quiz.title} not passed — best 0 %, needs ${quiz.quiz!.passMark} % (1 more attempt granted by Hana HR on ${formatDay(t1)})`,
    );
    expect(await answerQuiz(p.id, course, quiz, "right", t1)).toBe("graded passed");
    r = await expectStored(p.id, t1);
    expect(r.reasons.filter((x) => x.startsWith("Quiz in"))).toEqual([]);
  });

  it("Blocked by practice returned with notes, until it is submitted again", async () => {
    const t0 = freeze(at(0));
    const p = await createTestPerson({ name: "Rae Returned" });
    const c = await curriculum({ dueRule: { kind: "date", date: dayFrom(D0, 60) } }, t0);
    await assignPeople(c.id, [p.email], ctx(), t0);
    const task = practiceLessons(course)[0]!;
    const t1 = freeze(at(1));
    expect(await submitPracticeFor(p.id, course, task, t1)).toBe("submitted");
    let r = await expectStored(p.id, t1, { fromState: "NOT_STARTED", toState: "ON_TRACK", cause: `Practice submitted: ${task.practice!.title}`, at: t1 });
    expect(r.reasons).toContain(`Waiting for sign-off: ${task.practice!.title} (submitted ${formatDay(t1)})`);

    const t2 = freeze(at(3));
    const waiting = await prisma.practiceSubmission.findFirstOrThrow({ where: { personId: p.id, status: "WAITING" } });
    expect(await reviewPractice(hr, waiting.id, reviewForm("return"), t2)).toEqual({ kind: "returned" });
    r = await expectStored(p.id, t2, { fromState: "ON_TRACK", toState: "BLOCKED", cause: `${task.practice!.title} returned with notes by Hana HR`, at: t2 });
    expect(r.since).toEqual(t2);
    expect(r.reasons).toContain(`Practice returned with notes on ${formatDay(t2)}: ${task.practice!.title}`);

    const t3 = freeze(at(4));
    expect(await submitPracticeFor(p.id, course, task, t3)).toBe("submitted");
    r = await expectStored(p.id, t3, { fromState: "BLOCKED", toState: "ON_TRACK", cause: `Practice submitted: ${task.practice!.title}`, at: t3 });
    expect(r.reasons).toContain(`Waiting for sign-off: ${task.practice!.title} (submitted ${formatDay(t3)})`);
    expect(r.reasons.join("\n")).not.toMatch(/returned with notes/);
  });

  it("shows a waived course as waived: satisfied for Ready, named in the reasons, never completed", async () => {
    const t0 = freeze(at(0));
    const p = await createTestPerson({ name: "Wes Waived" });
    const c = await curriculum(
      {
        dueRule: { kind: "date", date: dayFrom(D0, 30) },
        courses: [
          { slug: course.slug, required: true, dueRule: null },
          { slug: other.slug, required: true, dueRule: null },
        ],
      },
      t0,
    );
    await assignPeople(c.id, [p.email], ctx(), t0);
    const t1 = freeze(at(1));
    await finishCourse(p.id, course, hr, t1);
    await expectStored(p.id, t1, { fromState: "NOT_STARTED", toState: "ON_TRACK", cause: /./, at: t1 });

    const t2 = freeze(at(2));
    expect(await override(hr, p.id, { intent: "waive", course: other.slug, reason: "Completed the same programme elsewhere" }, t2)).toMatchObject({
      kind: "created",
    });
    const r = await expectStored(p.id, t2, { fromState: "ON_TRACK", toState: "READY", cause: "Course waived by Hana HR", at: t2 });
    expect(r).toMatchObject({
      state: "READY",
      since: t2,
      reasons: [`${other.title} waived by Hana HR on ${formatDay(t2)}: Completed the same programme elsewhere`],
    });

    const stored = await prisma.readinessCourse.findMany({ where: { personId: p.id } });
    const bySlug = new Map(
      stored.map((s) => [
        s.courseSlug,
        JSON.parse(s.data) as { completed: boolean; waived: { by: string; at: string; reason: string } | null; completedAt: string | null },
      ]),
    );
    expect(bySlug.get(other.slug)).toMatchObject({
      completed: false,
      completedAt: null,
      waived: { by: "Hana HR", at: t2.toISOString(), reason: "Completed the same programme elsewhere" },
    });
    expect(bySlug.get(course.slug)).toMatchObject({ completed: true, waived: null });
    expect(await prisma.readinessCurriculum.findMany({ where: { personId: p.id } })).toMatchObject([
      { curriculumId: c.id, requiredDone: 1, requiredWaived: 1, requiredTotal: 2 },
    ]);
  });

  it("records a change only with the write that caused it: a write rolled back leaves no event", async () => {
    const now = freeze(at(0));
    const p = await createTestPerson({ name: "Rolf Rollback" });
    const c = await curriculum({ dueRule: { kind: "date", date: dayFrom(D0, -3) } }, now);
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.assignment.create({ data: { personId: p.id, curriculumId: c.id, assignedAt: now, assignedById: hr.id } });
        await readinessChanged(tx, [p.id], "Assigned, then failed", now);
        throw new Error("the write failed after readiness was recomputed");
      }),
    ).rejects.toThrow(/write failed/);
    expect(await prisma.readinessEvent.count({ where: { personId: p.id } })).toBe(0);
    expect(await prisma.readinessSummary.findUnique({ where: { personId: p.id } })).toBeNull();
    await assignPeople(c.id, [p.email], ctx(), now);
    expect(await prisma.readinessEvent.findMany({ where: { personId: p.id } })).toMatchObject([
      { fromState: null, toState: "OVERDUE", cause: `Assigned ${c.name}`, at: now },
    ]);
  });
});

describe("since: never earlier than the assignment it comes from", () => {
  it("Overdue, At risk and Not started count from the assignment for someone assigned late", async () => {
    const now = freeze(at(0));
    const late = await createTestPerson({ name: "Lou Late", startDate: dayFrom(D0, -90) });
    const soon = await createTestPerson({ name: "Sid Soon", startDate: dayFrom(D0, -90) });
    const fresh = await createTestPerson({ name: "Fay Fresh", startDate: dayFrom(D0, -90) });
    await assignPeople((await curriculum({ dueRule: { kind: "date", date: dayFrom(D0, -20) } }, now)).id, [late.email], ctx(), now);
    await assignPeople((await curriculum({ dueRule: { kind: "date", date: dayFrom(D0, 2) }, graceDays: 0 }, now)).id, [soon.email], ctx(), now);
    await assignPeople((await curriculum({ dueRule: null }, now)).id, [fresh.email], ctx(), now);
    expect(await expectStored(late.id, now)).toMatchObject({ state: "OVERDUE", since: now });
    expect(await expectStored(soon.id, now)).toMatchObject({ state: "AT_RISK", since: now });
    expect(await expectStored(fresh.id, now)).toMatchObject({ state: "NOT_STARTED", since: now });
  });

  // Found by this suite: Blocked once counted from the failed attempt even when the assignment came later.
  it("Blocked counts from the assignment when the quiz ran out of attempts before it", async () => {
    const t0 = freeze(at(0));
    const p = await createTestPerson({ name: "Ola Old-Fail" });
    const first = await curriculum({ dueRule: null }, t0);
    await assignPeople(first.id, [p.email], ctx(), t0);
    const quiz = quizLessons(course)[0]!;
    for (let n = 1; n <= course.attemptLimit; n++) await answerQuiz(p.id, course, quiz, "wrong", freeze(at(n)));
    expect((await expectStored(p.id, at(course.attemptLimit))).state).toBe("BLOCKED");
    const t1 = freeze(at(20));
    await unassignPerson(first.id, p.id, ctx(), t1);
    const t2 = freeze(at(30));
    const second = await curriculum({ dueRule: null }, t2);
    await assignPeople(second.id, [p.email], ctx(), t2);
    const r = await expectStored(p.id, t2, { fromState: "NO_CURRICULUM", toState: "BLOCKED", cause: `Assigned ${second.name}`, at: t2 });
    expect(r.since!.getTime()).toBeGreaterThanOrEqual(t2.getTime());
  });
});

describe("time passing over more than one change at once", () => {
  // Found by this suite: when several moments passed unread, each state passed through is recorded when it began.
  it("records every state passed through, each at the moment the person entered it", async () => {
    const t0 = freeze(at(0));
    const p = await createTestPerson({ name: "Tim Skipped", startDate: dayFrom(D0, -30) });
    const due = dayFrom(D0, 20);
    await assignPeople((await curriculum({ dueRule: { kind: "date", date: due } }, t0)).id, [p.email], ctx(), t0);
    expect((await expectStored(p.id, t0)).state).toBe("NOT_STARTED");
    // Nobody reads anything until well after the due day: At risk (13 days on) and Overdue (21 days on) both passed.
    const later = freeze(at(40));
    await freshenReadiness(later);
    await expectStored(p.id, later, { fromState: "AT_RISK", toState: "OVERDUE", cause: "Time passed", at: new Date(due.getTime() + DAY) });
    const history = await prisma.readinessEvent.findMany({
      where: { personId: p.id },
      orderBy: { at: "asc" },
      select: { fromState: true, toState: true, at: true, cause: true },
    });
    expect(history.slice(-2)).toEqual([
      { fromState: "NOT_STARTED", toState: "AT_RISK", at: dayFrom(D0, 13), cause: "Time passed" },
      { fromState: "AT_RISK", toState: "OVERDUE", at: new Date(due.getTime() + DAY), cause: "Time passed" },
    ]);
  });

  it("dates the event at the passed moment when only one passed", async () => {
    const t0 = freeze(at(0));
    const p = await createTestPerson({ name: "Una One-Step", startDate: dayFrom(D0, -30) });
    const due = dayFrom(D0, 20);
    await assignPeople((await curriculum({ dueRule: { kind: "date", date: due } }, t0)).id, [p.email], ctx(), t0);
    await expectTimePassed(p.id, at(15), "NOT_STARTED", "AT_RISK", dayFrom(D0, 13));
  });

  // Found by this suite: concurrent callers once shared one run whatever moment they asked about.
  it("freshens for the moment each caller asks about, even while another run is under way", async () => {
    const t0 = freeze(at(0));
    const p = await createTestPerson({ name: "Cora Concurrent", startDate: dayFrom(D0, -30) });
    const due = dayFrom(D0, 20);
    await assignPeople((await curriculum({ dueRule: { kind: "date", date: due } }, t0)).id, [p.email], ctx(), t0);
    const later = new Date(due.getTime() + 2 * DAY);
    freeze(later);
    await Promise.all([freshenReadiness(t0), freshenReadiness(later)]);
    expect((await verifyReadiness(later)).stale).toBe(0);
  });
});

describe("the team view and the HR report read the same summary as the rules derive", () => {
  let now: Date;
  let manager: Actor;
  let dept: string;
  let curriculumId: string;
  const people: Record<string, { id: string; email: string }> = {};

  beforeAll(async () => {
    now = freeze(at(200));
    dept = `Reports ${Math.random().toString(36).slice(2, 7)}`;
    const m = await createTestPerson({ role: "MANAGER", name: "Max Manager", department: dept });
    manager = { id: m.id, name: m.name, email: m.email, role: "MANAGER" };
    const c = await curriculum({ dueRule: { kind: "date", date: dayFrom(now, 30) } }, now);
    curriculumId = c.id;
    const cohortStart = new Date("2031-03-02T00:00:00Z");
    const make = async (key: string, o: Parameters<typeof createTestPerson>[0]) => {
      const p = await createTestPerson({ department: dept, name: `Team ${key}`, ...o });
      people[key] = { id: p.id, email: p.email };
    };
    await make("invited", { signedIn: false, managerId: m.id, startDate: dayFrom(now, -3) });
    await make("invited2", { signedIn: false, startDate: dayFrom(now, -3) });
    await make("later", { signedIn: false, managerId: m.id, startDate: cohortStart });
    await make("started", { managerId: m.id, startDate: dayFrom(now, -10) });
    await make("idle", { startDate: dayFrom(now, -10) });
    await assignPeople(
      curriculumId,
      ["invited", "invited2", "later", "started"].map((k) => people[k]!.email),
      ctx(),
      now,
    );
    await openLesson({
      personId: people.started!.id,
      courseSlug: course.slug,
      lessonSlug: plainLessons(course)[0]?.slug ?? course.lessons[0]!.slug,
      courseVersion: course.version,
    });
  });

  it("the team view lists the manager's direct reports with the derived state and reasons", async () => {
    freeze(now);
    const team = await teamReadiness(manager.id, false, now);
    const ids = [people.invited!.id, people.later!.id, people.started!.id];
    expect(team.people.map((p) => p.personId).sort()).toEqual([...ids].sort());
    const derived = await readinessFor(ids, now);
    expect(team.people.map((p) => ({ id: p.personId, state: p.state, reasons: p.reasons, since: p.since }))).toEqual(
      derived.map((d) => ({ id: d.personId, state: d.state, reasons: d.reasons, since: d.since })),
    );
    expect(team.people.map((p) => p.state)).toEqual(["INVITED", "ON_TRACK", "STARTS_LATER"]); // who needs help first
    expect(team.counts).toMatchObject({ total: 3, INVITED: 1, ON_TRACK: 1, STARTS_LATER: 1 });
  });

  const report = (filter: Record<string, string>) => hrReadinessReport(ReportFilterSchema.parse({ department: dept, ...filter }), now);
  const names = (r: Awaited<ReturnType<typeof report>>) => r.people.map((p) => p.name).sort();

  it("filters by state, account, manager, cohort and curriculum, each row as derived", async () => {
    freeze(now);
    const all = await report({});
    const derived = await readinessFor(
      all.people.map((p) => p.personId),
      now,
    );
    const byId = new Map(derived.map((d) => [d.personId, d]));
    for (const row of all.people)
      expect({ state: row.state, reasons: row.reasons, since: row.since }).toEqual({
        state: byId.get(row.personId)!.state,
        reasons: byId.get(row.personId)!.reasons,
        since: byId.get(row.personId)!.since,
      });
    // Learners are covered; the manager holds no curriculum and is not.
    expect(names(all)).toEqual(["Team idle", "Team invited", "Team invited2", "Team later", "Team started"]);
    expect(all.counts).toMatchObject({ total: 5, INVITED: 2, STARTS_LATER: 1, ON_TRACK: 1, NO_CURRICULUM: 1 });

    const invited = await report({ state: "INVITED" });
    expect(names(invited)).toEqual(["Team invited", "Team invited2"]);
    expect(invited.shown).toBe(2);
    expect(invited.counts.total).toBe(5); // the tiles still count every state

    expect(names(await report({ account: "invited" }))).toEqual(["Team invited", "Team invited2", "Team later"]);
    expect(names(await report({ manager: manager.id }))).toEqual(["Team invited", "Team later", "Team started"]);
    expect(names(await report({ cohort: "2031-03" }))).toEqual(["Team later"]);
    expect(names(await report({ curriculum: curriculumId }))).toEqual(["Team invited", "Team invited2", "Team later", "Team started"]);
    expect(names(await report({ curriculum: curriculumId, manager: manager.id, state: "INVITED" }))).toEqual(["Team invited"]);
  });

  it("follows a write at once: signing in moves someone out of the invited filter", async () => {
    freeze(now);
    await createSession(people.invited2!.id, now);
    expect(names(await report({ state: "INVITED" }))).toEqual(["Team invited"]);
    expect(names(await report({ state: "NOT_STARTED" }))).toEqual(["Team invited2"]);
    expect(await lastEvent(people.invited2!.id)).toMatchObject({ fromState: "INVITED", toState: "NOT_STARTED", cause: "First sign-in", at: now });
  });

  it("holds 50 people a page, computing summaries on the first read", async () => {
    freeze(now);
    const big = `Big ${Math.random().toString(36).slice(2, 7)}`;
    await prisma.person.createMany({
      data: Array.from({ length: 55 }, (_, i) => ({
        email: `bulk${i}-${big.replace(" ", "").toLowerCase()}@test.baton`,
        name: `Bulk ${String(i).padStart(2, "0")}`,
        role: "LEARNER" as const,
        department: big,
        startDate: dayFrom(now, -5),
      })),
    });
    const ids = (await prisma.person.findMany({ where: { department: big }, select: { id: true } })).map((p) => p.id);
    expect(await prisma.readinessSummary.count({ where: { personId: { in: ids } } })).toBe(0);

    const first = await hrReadinessReport(ReportFilterSchema.parse({ department: big, sort: "name" }), now);
    expect(PAGE_SIZE).toBe(50);
    expect(first).toMatchObject({ shown: 55, pages: 2, page: 1, counts: { total: 55, NO_CURRICULUM: 55 } });
    expect(first.people).toHaveLength(50);
    const second = await hrReadinessReport(ReportFilterSchema.parse({ department: big, sort: "name", page: "2" }), now);
    expect(second.people).toHaveLength(5);
    const seen = [...first.people, ...second.people].map((p) => p.name);
    expect(new Set(seen).size).toBe(55);
    expect(seen).toEqual([...seen].sort((a, b) => a.localeCompare(b)));
    expect(
      await prisma.readinessEvent.count({ where: { personId: { in: ids }, fromState: null, toState: "NO_CURRICULUM", cause: "First computed", at: now } }),
    ).toBe(55);
    // Past the last page: the last page.
    expect((await hrReadinessReport(ReportFilterSchema.parse({ department: big, page: "9" }), now)).page).toBe(2);
  });

  it("leaves nothing stale or different, and every person's events end at their stored state", async () => {
    freeze(now);
    await freshenReadiness(now);
    const verified = await verifyReadiness(now);
    expect(verified).toMatchObject({ stale: 0, differences: [] });
    expect(await eventProblems()).toEqual([]);
    expect(isoDay(now)).toBe(isoDay(at(200)));
  });
});
