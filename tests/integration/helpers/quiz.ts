/**
 * Taking a quiz in a test the way a learner does: start attempt N (the server draws and stores the set),
 * read the stored set, answer it as a browser would (shown positions), submit.
 */
import type { CatalogCourse, CatalogLesson } from "~/.server/content/schema";
import { prisma } from "~/.server/db";
import { answerForm, type Pick } from "~/.server/quiz/answering";
import { startAttempt, submitAttempt, type SubmitOutcome } from "~/.server/quiz/attempts";
import { parseAttemptSet, type AttemptItem, type AttemptSet } from "~/.server/quiz/snapshot";

export type QuizRef = { personId: string; course: CatalogCourse; lesson: CatalogLesson };
export type Picks = Pick | ((item: AttemptItem, index: number) => Pick);

/** The set stored when attempt `attemptNumber` started. */
export async function storedSet(ref: QuizRef, attemptNumber: number): Promise<AttemptSet> {
  const where = { personId: ref.personId, courseSlug: ref.course.slug, lessonSlug: ref.lesson.slug, attemptNumber };
  const row = await prisma.quizAttempt.findUniqueOrThrow({ where: { personId_courseSlug_lessonSlug_attemptNumber: where }, select: { items: true } });
  const set = parseAttemptSet(row.items);
  if (!set) throw new Error(`attempt ${attemptNumber} at ${ref.lesson.slug} has no readable stored set`);
  return set;
}

/** Start attempt `attemptNumber` (or find it started) and return the form a browser would send for it. */
export async function startedQuizForm(ref: QuizRef, attemptNumber = 1, picks: Picks = "right"): Promise<FormData> {
  const started = await startAttempt({ ...ref, attemptNumber });
  if (started.kind !== "started" && started.kind !== "duplicate")
    throw new Error(`attempt ${attemptNumber} at ${ref.lesson.slug} did not start: ${started.kind}`);
  return answerForm(await storedSet(ref, attemptNumber), attemptNumber, picks);
}

/** Start attempt `attemptNumber` and submit it answered right, wrong, or item by item. */
export async function takeQuiz(ref: QuizRef, attemptNumber = 1, picks: Picks = "right"): Promise<SubmitOutcome> {
  const form = await startedQuizForm(ref, attemptNumber, picks);
  return submitAttempt({ ...ref, attemptNumber, form });
}
