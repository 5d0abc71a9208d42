/**
 * Driving readiness in tests: quizzes answered whatever attempt comes next, whole courses finished the way a
 * learner and an observer would, practice reviewed, and the state-change history checked against the summary.
 */
import { getCatalog } from "~/.server/content/catalog";
import type { CatalogCourse, CatalogLesson } from "~/.server/content/schema";
import { prisma } from "~/.server/db";
import { makeOverride } from "~/.server/overrides/create";
import { reviewPractice, submitPractice } from "~/.server/practice/submissions";
import { finishLesson } from "~/.server/progress/progress";
import { answerForm } from "~/.server/quiz/answering";
import { startAttempt, submitAttempt } from "~/.server/quiz/attempts";
import type { Role } from "~/generated/prisma/enums";
import { storedSet } from "./quiz";
import { idsInWrittenOrder } from "./database";

export const DAY = 24 * 60 * 60 * 1000;
const startOfDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
/** Midnight UTC `offset` days from the day of `from`. */
export const dayFrom = (from: Date, offset: number) => new Date(startOfDay(from).getTime() + offset * DAY);
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export type Actor = { id: string; name: string; email: string; role: Role };

export const quizLessons = (c: CatalogCourse) => c.lessons.filter((l) => l.quiz);
export const practiceLessons = (c: CatalogCourse) => c.lessons.filter((l) => l.completion === "signoff" && l.practice);
export const plainLessons = (c: CatalogCourse) => c.lessons.filter((l) => l.completion === "view" || l.completion === "acknowledge");

/** Courses with a quiz and a practice task, those that also have a lesson to read first, then fewest lessons first. */
export function coursePool(n: number): CatalogCourse[] {
  const usable = getCatalog().courses.filter((c) => quizLessons(c).length > 0 && practiceLessons(c).length > 0);
  const pool = [...usable]
    .sort((a, b) => Number(plainLessons(b).length > 0) - Number(plainLessons(a).length > 0) || a.lessons.length - b.lessons.length)
    .slice(0, n);
  if (pool.length < n) throw new Error(`the library has only ${pool.length} courses with a quiz and a practice task`);
  return pool;
}

/**
 * The learner's next move at a quiz: submit the attempt left open, or start the next one (and submit it unless
 * `leaveOpen`). Returns what happened, e.g. "graded passed", "graded failed", "limit-reached", "started".
 */
export async function answerQuiz(
  personId: string,
  course: CatalogCourse,
  lesson: CatalogLesson,
  pick: "right" | "wrong",
  now: Date,
  leaveOpen = false,
): Promise<string> {
  const ref = { personId, course, lesson };
  const last = await prisma.quizAttempt.findFirst({
    where: { personId, courseSlug: course.slug, lessonSlug: lesson.slug },
    orderBy: { attemptNumber: "desc" },
    select: { attemptNumber: true, submittedAt: true },
  });
  let attemptNumber = last?.attemptNumber ?? 0;
  if (!last || last.submittedAt) {
    attemptNumber += 1;
    const started = await startAttempt({ ...ref, attemptNumber });
    if (started.kind !== "started") return started.kind;
    if (leaveOpen) return "started";
  }
  const form = answerForm(await storedSet(ref, attemptNumber), attemptNumber, pick);
  const out = await submitAttempt({ ...ref, attemptNumber, form }, now);
  return out.kind === "graded" ? `graded ${out.passed ? "passed" : "failed"}` : out.kind;
}

export const reviewForm = (decision: "sign-off" | "return") => {
  const form = new FormData();
  form.set("decision", decision);
  if (decision === "return") form.set("comment", "Show the hand-off once more, with the note.");
  return form;
};

export async function submitPracticeFor(personId: string, course: CatalogCourse, lesson: CatalogLesson, now: Date) {
  const person = await prisma.person.findUniqueOrThrow({ where: { id: personId }, select: { email: true } });
  return (await submitPractice({ personId, personEmail: person.email, course, lesson, note: "Done at the desk today.", link: "" }, now)).kind;
}

/** Finish every lesson of a course: read, pass the quiz (while attempts last), practice submitted and signed off. */
export async function finishCourse(personId: string, course: CatalogCourse, reviewer: Actor, now: Date) {
  for (const lesson of course.lessons) {
    if (lesson.quiz) {
      for (let i = 0; i < 12; i++) {
        const out = await answerQuiz(personId, course, lesson, "right", now);
        if (out !== "graded failed") break;
      }
    } else if (lesson.completion === "signoff" && lesson.practice) {
      await submitPracticeFor(personId, course, lesson, now);
      const waiting = await prisma.practiceSubmission.findFirst({
        where: { personId, courseSlug: course.slug, lessonSlug: lesson.slug, status: "WAITING" },
        select: { id: true },
      });
      if (waiting) await reviewPractice(reviewer, waiting.id, reviewForm("sign-off"), now);
    } else {
      await finishLesson({ personId, courseSlug: course.slug, lessonSlug: lesson.slug, courseVersion: course.version });
    }
  }
}

/** An override made through its form, as a manager or HR sends it. */
export async function override(actor: Actor, personId: string, fields: Record<string, string>, now: Date) {
  const form = new FormData();
  for (const [k, v] of Object.entries({ reason: "Agreed in the weekly check-in.", ...fields })) form.set(k, v);
  return makeOverride(actor, personId, form, { ip: null }, now);
}

/** Every readiness event, in the order written (not by `at`: it may be a past moment, e.g. "Time passed"). */
export async function eventsInOrder(personIds?: string[]) {
  const order = await idsInWrittenOrder("ReadinessEvent");
  const rows = await prisma.readinessEvent.findMany({ where: personIds ? { personId: { in: personIds } } : {} });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return order.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

/**
 * Problems with the history of state changes: each person's events must chain (first from nothing, each
 * next from the last one's state, never to the same state) and end at the stored state.
 */
export async function eventProblems(personIds?: string[]): Promise<string[]> {
  const [events, summaries] = await Promise.all([
    eventsInOrder(personIds),
    prisma.readinessSummary.findMany({ where: personIds ? { personId: { in: personIds } } : {}, select: { personId: true, state: true, name: true } }),
  ]);
  const problems: string[] = [];
  const last = new Map<string, string>();
  for (const e of events) {
    const before = last.get(e.personId) ?? null;
    if (e.fromState !== before) problems.push(`${e.personId}: event ${e.fromState ?? "(none)"} → ${e.toState} (${e.cause}) follows ${before ?? "(nothing)"}`);
    if (e.fromState === e.toState) problems.push(`${e.personId}: event from ${e.fromState} to the same state (${e.cause})`);
    last.set(e.personId, e.toState);
  }
  for (const s of summaries) {
    const latest = last.get(s.personId);
    if (latest !== s.state) problems.push(`${s.name} (${s.personId}): stored ${s.state}, latest event says ${latest ?? "(no event)"}`);
  }
  return problems;
}
