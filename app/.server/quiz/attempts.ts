/**
 * The attempt lifecycle: start (draw and shuffle, stored), submit (graded against the stored set, results
 * stored), read back. Numbers are claimed in order; the unique index keeps one row per number, so a double
 * click or a second tab finds the attempt that is already there instead of making another.
 */
import type { Prisma } from "~/generated/prisma/client";
import type { CatalogCourse, CatalogLesson } from "../content/schema";
import { prisma } from "../db";
import { attemptLimitFor, attemptsBeforeReopening, passedSinceReopening } from "../overrides/effective";
import { overridesFor } from "../overrides/load";
import { publishEvents } from "../integrations/events";
import { completeLesson, startLesson } from "../progress/progress";
import { readinessChanged } from "../readiness/upkeep";
import { buildAttemptSet, secureRandom, type Random } from "./draw";
import { gradeAttemptSet } from "./grading";
import { parseAttemptSet } from "./snapshot";
import { readSubmission } from "./submission";
import { isUniqueViolation } from "../db-errors";

type Tx = Prisma.TransactionClient;

export type StartOutcome =
  | { kind: "started" | "duplicate"; attemptNumber: number }
  | { kind: "limit-reached" | "already-passed" | "no-quiz" }
  | { kind: "out-of-order"; message: string };

export type SubmitOutcome =
  | { kind: "graded" | "duplicate"; attemptNumber: number; passed: boolean }
  | { kind: "incomplete"; message: string }
  | { kind: "tampered" | "out-of-order"; message: string }
  | { kind: "no-quiz" };

type QuizRef = { personId: string; course: CatalogCourse; lesson: CatalogLesson };

const whereOf = ({ personId, course, lesson }: QuizRef) => ({ personId, courseSlug: course.slug, lessonSlug: lesson.slug });

/** The attempts a person may make at this quiz, overrides included, and how many belong to a re-opened earlier round. */
async function attemptLimit(ref: QuizRef, tx: Tx = prisma): Promise<{ limit: number; before: number }> {
  const overrides = await overridesFor(ref.personId, tx);
  return {
    limit: attemptLimitFor(ref.course.attemptLimit, overrides, ref.course.slug, ref.lesson.slug),
    before: attemptsBeforeReopening(overrides, ref.course.slug, ref.lesson.slug),
  };
}

/**
 * Start attempt `attemptNumber` (the number the page offered). Items the learner saw in earlier attempts are
 * drawn last. Starting marks the lesson in progress.
 */
export async function startAttempt(ref: QuizRef & { attemptNumber: number }, random: Random = secureRandom): Promise<StartOutcome> {
  const quiz = ref.lesson.quiz;
  if (!quiz) return { kind: "no-quiz" };
  const where = whereOf(ref);
  try {
    return await prisma.$transaction(async (tx) => {
      const earlier = await tx.quizAttempt.findMany({
        where,
        select: { attemptNumber: true, passed: true, items: true, submittedAt: true },
        orderBy: { attemptNumber: "asc" },
      });
      if (ref.attemptNumber <= earlier.length) return { kind: "duplicate" as const, attemptNumber: ref.attemptNumber };
      if (ref.attemptNumber !== earlier.length + 1) {
        return { kind: "out-of-order" as const, message: "This quiz page is out of date. Please reload it." };
      }
      const { limit, before } = await attemptLimit(ref, tx);
      if (passedSinceReopening(earlier, before)) return { kind: "already-passed" as const };
      if (earlier.some((a) => a.submittedAt === null)) {
        return { kind: "out-of-order" as const, message: "Finish the attempt you have started before starting another." };
      }
      if (earlier.length >= limit) return { kind: "limit-reached" as const };
      const seen = new Set(earlier.flatMap((a) => parseAttemptSet(a.items)?.items.map((i) => i.id) ?? []));
      const set = buildAttemptSet(quiz, seen, random);
      await tx.quizAttempt.create({
        data: { ...where, courseVersion: ref.course.version, attemptNumber: ref.attemptNumber, items: JSON.stringify(set) },
      });
      // An attempt begun counts as work begun only once submitted (docs/readiness.md), but opening the lesson counts.
      if (await startLesson({ ...where, courseVersion: ref.course.version }, tx)) await readinessChanged(tx, [ref.personId], "Quiz started");
      return { kind: "started" as const, attemptNumber: ref.attemptNumber };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { kind: "duplicate", attemptNumber: ref.attemptNumber };
    throw error;
  }
}

/**
 * Grade attempt `attemptNumber` against the set stored when it started and store the result per item.
 * Passing completes the lesson in the same transaction. Nothing is written for a refused submission.
 */
export async function submitAttempt(ref: QuizRef & { attemptNumber: number; form: FormData }, now = new Date()): Promise<SubmitOutcome> {
  if (!ref.lesson.quiz) return { kind: "no-quiz" };
  const where = whereOf(ref);
  return prisma.$transaction(async (tx) => {
    const attempt = await tx.quizAttempt.findUnique({
      where: { personId_courseSlug_lessonSlug_attemptNumber: { ...where, attemptNumber: ref.attemptNumber } },
      select: { id: true, items: true, submittedAt: true, passed: true },
    });
    if (!attempt) return { kind: "out-of-order" as const, message: "This attempt has not been started. Please reload the page." };
    if (attempt.submittedAt) return { kind: "duplicate" as const, attemptNumber: ref.attemptNumber, passed: attempt.passed };
    const set = parseAttemptSet(attempt.items);
    if (!set) return { kind: "out-of-order" as const, message: "This attempt can no longer be submitted. Please reload the page." };
    const submission = readSubmission(set, ref.form);
    if (submission.kind === "incomplete") {
      return { kind: "incomplete" as const, message: `Please answer every question before submitting (missing: ${submission.missing.join(", ")}).` };
    }
    if (submission.kind === "tampered") return submission;
    const grade = gradeAttemptSet(set, submission.answers);
    // Only an attempt still open is written: a second request that got this far finds it submitted.
    const written = await tx.quizAttempt.updateMany({
      where: { id: attempt.id, submittedAt: null },
      data: {
        submittedAt: now,
        answers: JSON.stringify(submission.answers),
        results: JSON.stringify(grade.results),
        correctCount: grade.correctCount,
        questionCount: grade.questionCount,
        score: grade.score,
        passed: grade.passed,
      },
    });
    if (written.count === 0) return { kind: "duplicate" as const, attemptNumber: ref.attemptNumber, passed: grade.passed };
    const progress = { ...where, courseVersion: ref.course.version };
    await publishEvents(tx, [{ type: "quiz.graded", ...where, attemptId: attempt.id, score: grade.score, passed: grade.passed }], now);
    if (grade.passed) await completeLesson(progress, tx);
    else await startLesson(progress, tx);
    await readinessChanged(tx, [ref.personId], grade.passed ? `Quiz passed in ${ref.lesson.title}` : `Quiz not passed in ${ref.lesson.title}`, now);
    return { kind: "graded" as const, attemptNumber: ref.attemptNumber, passed: grade.passed };
  });
}

/** Every attempt of one person at one quiz, oldest first, with what was stored. */
export async function listAttempts(personId: string, courseSlug: string, lessonSlug: string) {
  return prisma.quizAttempt.findMany({
    where: { personId, courseSlug, lessonSlug },
    orderBy: { attemptNumber: "asc" },
    select: { attemptNumber: true, startedAt: true, submittedAt: true, items: true, results: true, score: true, passed: true },
  });
}
