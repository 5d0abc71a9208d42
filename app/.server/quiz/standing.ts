import type { CatalogCourse, CatalogLesson } from "../content/schema";
import { prisma } from "../db";
import { attemptLimitFor, attemptsBeforeReopening, passedSinceReopening, quizKey, type PersonOverrides } from "../overrides/effective";
import { overridesFor } from "../overrides/load";
import { listAttempts } from "./attempts";
import { itemsPerAttempt } from "./pass-mark";
import { parseAttemptSet, parseResults } from "./snapshot";
import { publicItems, reviewItems } from "./view";

/**
 * A quiz as its learner sees it on the lesson page: the attempt in progress (items without keys), the last
 * submitted attempt's review, what is left, and whether they may start another.
 */
export async function lessonQuiz(personId: string, course: CatalogCourse, lesson: CatalogLesson) {
  const quiz = lesson.quiz;
  if (!quiz) return null;
  const [attempts, overrides] = await Promise.all([listAttempts(personId, course.slug, lesson.slug), overridesFor(personId)]);
  const limit = attemptLimitFor(course.attemptLimit, overrides, course.slug, lesson.slug);
  const submitted = attempts.filter((a) => a.submittedAt !== null);
  const openRow = attempts.find((a) => a.submittedAt === null);
  const passed = passedSinceReopening(submitted, attemptsBeforeReopening(overrides, course.slug, lesson.slug));
  const attemptsLeft = Math.max(0, limit - attempts.length);
  const last = submitted.at(-1);
  const lastSet = last ? parseAttemptSet(last.items) : null;
  const lastResults = last ? parseResults(last.results) : null;
  const openSet = openRow ? parseAttemptSet(openRow.items) : null;
  const granted = overrides.extraAttempts.get(quizKey(course.slug, lesson.slug));
  return {
    passMark: quiz.passMark,
    attemptLimit: limit,
    attemptsLeft,
    itemsPerAttempt: itemsPerAttempt(quiz),
    passed,
    bestScore: submitted.reduce<number | null>((best, a) => (best === null || a.score > best ? a.score : best), null),
    attempts: submitted.map((a) => ({ attemptNumber: a.attemptNumber, score: a.score, passed: a.passed, submittedAt: a.submittedAt! })),
    /** The attempt in progress, if any, with its items as stored. */
    open: openRow && openSet ? { attemptNumber: openRow.attemptNumber, items: publicItems(openSet) } : null,
    /** The number a "Start" button claims. */
    nextAttemptNumber: attempts.length + 1,
    canStart: !passed && !openRow && attemptsLeft > 0,
    outOfAttempts: !passed && !openRow && attemptsLeft === 0,
    granted: granted ? { count: granted.count, by: granted.last.by } : null,
    lastResult: last
      ? {
          attemptNumber: last.attemptNumber,
          score: last.score,
          passed: last.passed,
          passMark: lastSet?.passMark ?? quiz.passMark,
          // Keys only once the quiz is passed (ADR 007); older attempts kept no details.
          items: lastSet && lastResults ? reviewItems(lastSet, lastResults, passed) : null,
        }
      : null,
  };
}

export type LessonQuiz = NonNullable<Awaited<ReturnType<typeof lessonQuiz>>>;

/** Quiz lessons of these courses that the person has not passed and may not attempt again, by course slug. */
export async function outOfAttempts(personId: string, courses: CatalogCourse[], overrides?: PersonOverrides): Promise<Map<string, string[]>> {
  const slugs = courses.filter((c) => c.lessons.some((l) => l.quiz)).map((c) => c.slug);
  if (slugs.length === 0) return new Map();
  const [rows, granted] = await Promise.all([
    prisma.quizAttempt.findMany({
      where: { personId, courseSlug: { in: slugs } },
      select: { courseSlug: true, lessonSlug: true, attemptNumber: true, passed: true, submittedAt: true },
    }),
    overrides ?? overridesFor(personId),
  ]);
  const stuck = new Map<string, string[]>();
  for (const course of courses) {
    for (const lesson of course.lessons) {
      if (!lesson.quiz) continue;
      const mine = rows.filter((r) => r.courseSlug === course.slug && r.lessonSlug === lesson.slug);
      const round = mine.filter((r) => r.attemptNumber > attemptsBeforeReopening(granted, course.slug, lesson.slug));
      if (round.length === 0 || passedSinceReopening(round, 0) || round.some((r) => r.submittedAt === null)) continue;
      if (mine.length >= attemptLimitFor(course.attemptLimit, granted, course.slug, lesson.slug)) {
        stuck.set(course.slug, [...(stuck.get(course.slug) ?? []), lesson.title]);
      }
    }
  }
  return stuck;
}
