import type { CatalogCourse, CatalogLesson } from "../content/schema";
import { prisma } from "../db";
import { gradeAttempt, type Answers } from "./grading";
import { completeLesson, startLesson } from "./progress";

export type AttemptSummary = { attemptNumber: number; score: number; passed: boolean; submittedAt: Date };

export async function listAttempts(personId: string, courseSlug: string, lessonSlug: string) {
  return prisma.quizAttempt.findMany({
    where: { personId, courseSlug, lessonSlug },
    orderBy: { attemptNumber: "asc" },
    select: { id: true, attemptNumber: true, score: true, passed: true, submittedAt: true, answers: true },
  });
}

export type SubmitOutcome =
  | { kind: "graded" | "duplicate"; attemptNumber: number }
  | { kind: "limit-reached" }
  | { kind: "invalid"; message: string };

const isUniqueViolation = (e: unknown) => typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002";

/**
 * Grade and record one attempt. `attemptNumber` is the number the form was rendered for: a second
 * submission of the same form (double click, second tab) finds that attempt instead of making another.
 * Passing completes the lesson in the same transaction.
 */
export async function submitQuizAttempt(input: {
  personId: string;
  course: CatalogCourse;
  lesson: CatalogLesson;
  attemptNumber: number;
  answers: Answers;
}): Promise<SubmitOutcome> {
  const { personId, course, lesson } = input;
  const quiz = lesson.quiz;
  if (!quiz) return { kind: "invalid", message: "This lesson has no quiz." };
  const where = { personId, courseSlug: course.slug, lessonSlug: lesson.slug };
  try {
    return await prisma.$transaction(async (tx) => {
      const count = await tx.quizAttempt.count({ where });
      if (input.attemptNumber <= count) return { kind: "duplicate" as const, attemptNumber: input.attemptNumber };
      if (input.attemptNumber !== count + 1) return { kind: "invalid" as const, message: "This quiz form is out of date. Please reload the page." };
      if (count >= course.attemptLimit) return { kind: "limit-reached" as const };
      const grade = gradeAttempt(quiz, input.answers);
      await tx.quizAttempt.create({
        data: {
          ...where,
          courseVersion: course.version,
          attemptNumber: input.attemptNumber,
          answers: JSON.stringify(input.answers),
          correctCount: grade.correctCount,
          questionCount: grade.questionCount,
          score: grade.score,
          passed: grade.passed,
        },
      });
      const progress = { ...where, courseVersion: course.version };
      if (grade.passed) await completeLesson(progress, tx);
      else await startLesson(progress, tx);
      return { kind: "graded" as const, attemptNumber: input.attemptNumber };
    });
  } catch (error) {
    // Another request claimed this attempt number first: that one is the attempt.
    if (isUniqueViolation(error)) return { kind: "duplicate", attemptNumber: input.attemptNumber };
    throw error;
  }
}
