/**
 * The stored readiness summary equals the rules' derivation, whatever happens: long random sequences of every
 * write that can change readiness, with time passing in between (docs/decisions/009). After each write the
 * verifier must find no difference (a stale row is allowed: readers freshen first); after freshening, nothing is
 * stale either, and each person's events chain up to their stored state.
 *
 * Half the runs freeze the clock at the injected moment, so writes that read the clock (finishLesson,
 * updatePerson, …) agree with those given `now`; the other half leave those on the real clock, always at or
 * before the injected one, as a server whose requests carry slightly different moments would.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createSession } from "~/.server/auth/session";
import { addAssignmentRule, assignPeople, endAssignmentRule, unassignPerson } from "~/.server/curricula/assignments";
import { archiveCurriculum, createCurriculum, restoreCurriculum, updateCurriculum } from "~/.server/curricula/curricula";
import type { DueRule } from "~/.server/curricula/due-dates";
import type { CurriculumInput } from "~/.server/curricula/schema";
import { prisma } from "~/.server/db";
import { deactivatePerson, reactivatePerson, updatePerson } from "~/.server/people/people";
import type { CatalogCourse } from "~/.server/content/schema";
import { reviewPractice } from "~/.server/practice/submissions";
import { finishLesson, openLesson } from "~/.server/progress/progress";
import { verifyReadiness } from "~/.server/readiness/verify";
import { freshenReadiness } from "~/.server/readiness/upkeep";
import { createTestPerson } from "../factories";
import {
  DAY,
  answerQuiz,
  coursePool,
  dayFrom,
  eventProblems,
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

/** More runs when hunting: READINESS_PROPERTY_RUNS=200 npx vitest run tests/integration/readiness-property.test.ts */
const NUM_RUNS = Number(process.env.READINESS_PROPERTY_RUNS ?? 8);
/** Outcomes and states reached, printed with READINESS_PROPERTY_DEBUG=1 (to see what the runs exercise). */
const seen = new Map<string, number>();
const note = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);

const PEOPLE = 5;
const POOL = 4;
const CURRICULA = 2;

const person = fc.nat(PEOPLE - 1);
const course = fc.nat(POOL - 1);
const curriculum = fc.nat(CURRICULA - 1);
const lesson = fc.nat(9);
/** Few quizzes, so that repeated failures at one of them (out of attempts) happen often enough. */
const quiz = fc.nat(1);

/** One write (or time passing), as plain data: fast-check prints the failing sequence as these. */
const stepArb = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("finish" as const), p: person, c: course, l: lesson }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("open" as const), p: person, c: course, l: lesson }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("quiz" as const), p: person, c: course, l: quiz, right: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("quiz-left-open" as const), p: person, c: course, l: quiz }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("finish-course" as const), p: person, c: course }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("practice" as const), p: person, c: course }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("review" as const), which: fc.nat(3), signOff: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("grant" as const), p: person, c: course, l: quiz, n: fc.integer({ min: 1, max: 3 }), byManager: fc.boolean() }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("extend" as const), p: person, c: course, days: fc.integer({ min: 0, max: 30 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("waive" as const), p: person, c: course }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("assign" as const), p: person, k: curriculum }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("unassign" as const), p: person, k: curriculum }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("rule" as const), k: curriculum, dept: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("end-rule" as const), k: curriculum }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("update" as const),
      p: person,
      field: fc.constantFrom("department" as const, "startDate" as const, "manager" as const),
      v: fc.integer({ min: -20, max: 20 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("sign-in" as const), p: person }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("edit" as const),
      k: curriculum,
      change: fc.constantFrom("toggle-required" as const, "add-course" as const, "remove-course" as const, "due-rule" as const, "grace" as const),
      c: course,
      v: fc.integer({ min: -10, max: 30 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("archive" as const), k: curriculum }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("restore" as const), k: curriculum }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("deactivate" as const), p: person }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("reactivate" as const), p: person }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("time" as const), days: fc.integer({ min: 0, max: 10 }), hours: fc.integer({ min: 0, max: 23 }) }) },
);
type Step = typeof stepArb extends fc.Arbitrary<infer S> ? S : never;

type World = {
  run: number;
  freeze: boolean;
  people: { id: string; email: string; name: string }[];
  manager: Actor;
  curricula: { id: string; input: CurriculumInput }[];
  depts: [string, string];
};

let hr: Actor;
let pool: CatalogCourse[];
let runs = 0;
/** The injected clock: only ever moves forward, across runs too. */
let clock = new Date();

/** Move the clock (never backwards, never behind the real one) and, when frozen, make `new Date()` read it. */
function setClock(world: World, to: Date) {
  clock = new Date(Math.max(to.getTime(), clock.getTime(), Date.now()));
  if (world.freeze) vi.setSystemTime(clock);
  else vi.useRealTimers();
}

beforeAll(async () => {
  const p = await createTestPerson({ role: "HR", name: "Hana HR" });
  hr = { id: p.id, name: p.name, email: p.email, role: "HR" };
  pool = coursePool(POOL);
});
afterAll(() => {
  vi.useRealTimers();
});

const ctx = () => ({ actor: hr, ip: null });

async function buildWorld(freeze: boolean): Promise<World> {
  const run = ++runs;
  const world: World = { run, freeze, people: [], manager: hr, curricula: [], depts: [`Front Desk ${run}`, `Kitchen ${run}`] };
  setClock(world, clock);
  const m = await createTestPerson({ role: "MANAGER", name: `Run ${run} Manager` });
  world.manager = { id: m.id, name: m.name, email: m.email, role: "MANAGER" };
  // Signed in or not, started, starting soon or later, one with no start date.
  const shapes = [
    { signedIn: true, start: -10, dept: 0, managed: true },
    { signedIn: false, start: -2, dept: 1, managed: false },
    { signedIn: false, start: 5, dept: 0, managed: true },
    { signedIn: true, start: 12, dept: 1, managed: true },
    { signedIn: true, start: null, dept: 0, managed: false },
  ];
  for (const [i, s] of shapes.entries()) {
    const p = await createTestPerson({
      name: `Run ${run} Person ${i}`,
      signedIn: s.signedIn,
      department: world.depts[s.dept],
      managerId: s.managed ? m.id : undefined,
      startDate: s.start === null ? undefined : dayFrom(clock, s.start),
    });
    if (s.start === null) await prisma.person.update({ where: { id: p.id }, data: { startDate: null } });
    world.people.push({ id: p.id, email: p.email, name: p.name });
  }
  const inputs: CurriculumInput[] = [
    {
      name: `Run ${run} Onboarding`,
      description: "",
      inOrder: false,
      dueRule: { kind: "days", days: 14 },
      courses: [
        { slug: pool[0]!.slug, required: true, dueRule: null },
        { slug: pool[1]!.slug, required: false, dueRule: null },
      ],
    },
    {
      name: `Run ${run} Service basics`,
      description: "",
      inOrder: true,
      dueRule: { kind: "date", date: dayFrom(clock, 10) },
      courses: [
        { slug: pool[2]!.slug, required: true, dueRule: null },
        { slug: pool[3]!.slug, required: true, dueRule: { kind: "days", days: 20 } },
      ],
    },
  ];
  for (const input of inputs) {
    const created = await createCurriculum(input, ctx(), clock);
    world.curricula.push({ id: created.id, input });
  }
  await assignPeople(
    world.curricula[0]!.id,
    world.people.slice(0, 3).map((p) => p.email),
    ctx(),
    clock,
  );
  await assignPeople(world.curricula[1]!.id, [world.people[3]!.email], ctx(), clock);
  return world;
}

const dueRuleFor = (v: number): DueRule | null => (v < -5 ? null : v < 10 ? { kind: "date", date: dayFrom(clock, v) } : { kind: "days", days: v - 10 });

/** Carry out one step; returns what happened, for the log. A refused write is fine: it writes nothing. */
async function apply(world: World, step: Step): Promise<string> {
  const now = clock;
  const who = "p" in step ? world.people[step.p]! : undefined;
  const c = "c" in step ? pool[step.c]! : undefined;
  const cur = "k" in step ? world.curricula[step.k]! : undefined;
  const pickFrom = <T>(list: T[], i: number) => (list.length ? list[i % list.length] : undefined);
  switch (step.kind) {
    case "finish": {
      const l = pickFrom(plainLessons(c!), step.l);
      if (!l) return "no plain lesson";
      await finishLesson({ personId: who!.id, courseSlug: c!.slug, lessonSlug: l.slug, courseVersion: c!.version });
      return `finished ${l.slug}`;
    }
    case "open": {
      const l = pickFrom(c!.lessons, step.l)!;
      await openLesson({ personId: who!.id, courseSlug: c!.slug, lessonSlug: l.slug, courseVersion: c!.version });
      return `opened ${l.slug}`;
    }
    case "quiz":
    case "quiz-left-open": {
      const l = pickFrom(quizLessons(c!), step.l)!;
      return answerQuiz(who!.id, c!, l, step.kind === "quiz" && step.right ? "right" : "wrong", now, step.kind === "quiz-left-open");
    }
    case "finish-course":
      await finishCourse(who!.id, c!, hr, now);
      return "course worked through";
    case "practice": {
      const l = practiceLessons(c!)[0]!;
      return submitPracticeFor(who!.id, c!, l, now);
    }
    case "review": {
      // Whichever submission of this run waits (one of them): HR acts on the queue, not on a person chosen at random.
      const queue = await prisma.practiceSubmission.findMany({
        where: { personId: { in: world.people.map((p) => p.id) }, status: "WAITING" },
        orderBy: { submittedAt: "asc" },
        select: { id: true },
      });
      const waiting = queue.length ? queue[step.which % queue.length] : undefined;
      if (!waiting) return "nothing waiting";
      return (await reviewPractice(hr, waiting.id, reviewForm(step.signOff ? "sign-off" : "return"), now)).kind;
    }
    case "grant": {
      const l = pickFrom(quizLessons(c!), step.l)!;
      const out = await override(
        step.byManager ? world.manager : hr,
        who!.id,
        { intent: "grant-attempts", quiz: `${c!.slug}/${l.slug}`, attempts: String(step.n) },
        now,
      );
      return out.kind;
    }
    case "extend": {
      const out = await override(hr, who!.id, { intent: "extend-due", course: c!.slug, dueDate: isoDay(dayFrom(now, step.days)) }, now);
      return out.kind === "invalid" ? `invalid ${Object.values(out.fieldErrors).join(" ")}` : out.kind;
    }
    case "waive": {
      const out = await override(hr, who!.id, { intent: "waive", course: c!.slug }, now);
      return out.kind === "invalid" ? `invalid ${Object.values(out.fieldErrors).join(" ")}` : out.kind;
    }
    case "assign": {
      const out = await assignPeople(cur!.id, [who!.email], ctx(), now);
      return out.message;
    }
    case "unassign":
      return (await unassignPerson(cur!.id, who!.id, ctx(), now)).message;
    case "rule":
      return (await addAssignmentRule(cur!.id, { kind: "DEPARTMENT", value: world.depts[step.dept]! }, ctx(), now, { evenIfNobodyMatches: true })).message;
    case "end-rule": {
      const rule = await prisma.assignmentRule.findFirst({ where: { curriculumId: cur!.id, endedAt: null }, select: { id: true } });
      if (!rule) return "no rule";
      return (await endAssignmentRule(cur!.id, rule.id, ctx(), now)).message;
    }
    case "update": {
      const p = await prisma.person.findUniqueOrThrow({ where: { id: who!.id } });
      const input = {
        email: p.email,
        name: p.name,
        role: p.role,
        department: p.department ?? undefined,
        jobTitle: p.jobTitle ?? undefined,
        startDate: p.startDate ?? undefined,
        managerId: p.managerId ?? undefined,
      };
      if (step.field === "department") input.department = world.depts[Math.abs(step.v) % 2];
      if (step.field === "startDate") input.startDate = step.v === 0 ? undefined : dayFrom(now, step.v);
      if (step.field === "manager") input.managerId = step.v % 2 === 0 ? world.manager.id : undefined;
      await updatePerson(who!.id, input, ctx());
      return `${step.field} → ${step.field === "department" ? input.department : step.field === "startDate" ? (input.startDate ? isoDay(input.startDate) : "none") : (input.managerId ?? "none")}`;
    }
    case "sign-in":
      await createSession(who!.id, now);
      return "signed in";
    case "edit": {
      const input = structuredClone(cur!.input);
      const slug = pool[step.c]!.slug;
      const at = input.courses.findIndex((x) => x.slug === slug);
      if (step.change === "toggle-required") {
        if (at < 0) return "course not in curriculum";
        input.courses[at]!.required = !input.courses[at]!.required;
      } else if (step.change === "add-course") {
        if (at >= 0) return "course already in curriculum";
        input.courses.push({ slug, required: step.v % 2 === 0, dueRule: step.v > 20 ? { kind: "days", days: step.v - 20 } : null });
      } else if (step.change === "remove-course") {
        if (at < 0 || input.courses.length === 1) return "nothing to remove";
        input.courses.splice(at, 1);
      } else if (step.change === "due-rule") {
        input.dueRule = dueRuleFor(step.v);
      } else {
        input.graceDays = Math.abs(step.v) % 8;
      }
      await updateCurriculum(cur!.id, input, ctx(), now);
      cur!.input = input;
      return `edited: ${step.change}`;
    }
    case "archive":
      await archiveCurriculum(cur!.id, ctx(), now);
      return "archived";
    case "restore":
      await restoreCurriculum(cur!.id, ctx(), now);
      return "restored";
    case "deactivate":
      await deactivatePerson(who!.id, ctx());
      return "deactivated";
    case "reactivate":
      await reactivatePerson(who!.id, ctx());
      return "reactivated";
    case "time":
      setClock(world, new Date(clock.getTime() + step.days * DAY + step.hours * 60 * 60 * 1000));
      return `now ${clock.toISOString()}`;
  }
}

const show = (step: Step) => JSON.stringify(step);

/** Differences the verifier finds for this run's people (earlier runs are checked by their own runs). */
async function differencesFor(world: World) {
  setClock(world, clock);
  const ids = new Set(world.people.map((p) => p.id));
  const result = await verifyReadiness(clock);
  return { ...result, differences: result.differences.filter((d) => ids.has(d.personId)) };
}

async function runSequence(freeze: boolean, steps: Step[]) {
  const world = await buildWorld(freeze);
  const log: string[] = [`run ${world.run} (${freeze ? "frozen clock" : "real clock for clock-reading writes"}) from ${clock.toISOString()}`];
  const fail = (what: string, detail: unknown) => {
    throw new Error(`${what}\n${JSON.stringify(detail, null, 1)}\nwhat happened:\n${log.join("\n")}`);
  };
  try {
    for (const [i, step] of steps.entries()) {
      const outcome = await apply(world, step);
      log.push(`${i}: ${show(step)} → ${outcome}`);
      note(`${step.kind}: ${outcome.replace(/Run \d+ |\d{4}-\S+|ctx|[0-9a-z]{20,}/g, "")}`);
      const { differences } = await differencesFor(world);
      if (differences.length > 0) fail(`stored readiness differs from the derivation after step ${i} at ${clock.toISOString()}`, differences);
    }
    if (process.env.READINESS_PROPERTY_DEBUG) {
      for (const e of await prisma.readinessEvent.findMany({ where: { personId: { in: world.people.map((p) => p.id) } }, select: { toState: true } }))
        note(`state reached ${e.toState}`);
    }
    const events = await eventProblems(world.people.map((p) => p.id));
    if (events.length > 0) fail("the event history does not match the stored states (before freshening)", events);
    setClock(world, clock);
    await freshenReadiness(clock);
    const after = await verifyReadiness(clock);
    if (after.stale > 0 || after.differences.length > 0) fail(`after freshening at ${clock.toISOString()}: ${after.stale} stale`, after.differences);
    const eventsAfter = await eventProblems();
    if (eventsAfter.length > 0) fail("the event history does not match the stored states (after freshening)", eventsAfter);
  } finally {
    // Leave no wrong row behind for the next run (a failing run, while fast-check shrinks it).
    setClock(world, clock);
    await prisma.readinessSummary.updateMany({
      where: { staleSince: null, personId: { in: world.people.map((p) => p.id) } },
      data: { staleSince: clock, staleCause: "Test run ended" },
    });
    await freshenReadiness(clock);
  }
}

describe("the stored readiness summary", () => {
  it(
    "equals the derivation after any sequence of writes, with time passing in between",
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.boolean(), fc.array(stepArb, { minLength: 15, maxLength: 40 }), async (freeze, steps) => {
          await runSequence(freeze, steps);
        }),
        { numRuns: NUM_RUNS, verbose: 1 },
      );
      if (process.env.READINESS_PROPERTY_DEBUG)
        console.log(
          [...seen.entries()]
            .sort()
            .map(([k, n]) => `${n}\t${k}`)
            .join("\n"),
        );
      vi.useRealTimers();
      expect(runs).toBeGreaterThanOrEqual(8);
    },
    60_000 + NUM_RUNS * 15_000,
  );
});
