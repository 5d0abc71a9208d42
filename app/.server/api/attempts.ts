/**
 * A person's submitted quiz attempts for the JSON API: scores and results only. The drawn items, answers and keys
 * stay in the database (quiz/snapshot.ts): they are never selected here.
 */
import { z } from "zod";
import { prisma } from "../db";
import { after, pageOf, PageQuery, type PageInput } from "./paging";
import { personExists } from "./people";

const slug = z.string().trim().min(1).max(100);

export const AttemptsQuerySchema = z.object({ ...PageQuery, courseSlug: slug.optional(), lessonSlug: slug.optional() }).strict();

/** Submitted attempts, oldest first. */
export async function apiAttempts(personId: string, query: PageInput & { courseSlug?: string; lessonSlug?: string }) {
  if (!(await personExists(personId))) return null;
  const rows = await prisma.quizAttempt.findMany({
    where: {
      AND: [{ personId, courseSlug: query.courseSlug, lessonSlug: query.lessonSlug, submittedAt: { not: null } }, after("submittedAt", query.cursor)],
    },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    take: query.limit + 1,
    select: {
      id: true,
      courseSlug: true,
      lessonSlug: true,
      attemptNumber: true,
      startedAt: true,
      submittedAt: true,
      score: true,
      correctCount: true,
      questionCount: true,
      passed: true,
    },
  });
  const submitted = rows.flatMap((r) => (r.submittedAt ? [{ ...r, submittedAt: r.submittedAt }] : []));
  return { personId, ...pageOf(submitted, query.limit, (r) => r.submittedAt) };
}
