/** Item analysis of one course's quizzes, and the list of courses to choose from, read from stored attempts. */
import { z } from "zod";
import { getCatalog, getCourse } from "../content/catalog";
import { prisma } from "../db";
import { parseAttemptSet, parseResults } from "../quiz/snapshot";
import { fileItemsOf, quizItemStats, type ScoredAttempt } from "./item-stats";

const ATTEMPT_FILTERS = ["all", "first"] as const;
export type AttemptFilter = (typeof ATTEMPT_FILTERS)[number];

/** `?attempts=first` counts only each person's first attempt at each quiz; anything else counts all. */
export function parseAttemptFilter(url: URL): AttemptFilter {
  return z.enum(ATTEMPT_FILTERS).catch("all").parse(url.searchParams.get("attempts"));
}

/** A submitted attempt with results stored (older attempts have none and cannot be analysed). */
const counted = { submittedAt: { not: null }, results: { not: null } } as const;

/** Every course, with how many quizzes it has and how many attempts can be analysed. */
export async function courseAnalysisIndex() {
  const attempts = await prisma.quizAttempt.groupBy({ by: ["courseSlug"], where: counted, _count: { _all: true } });
  const bySlug = new Map(attempts.map((a) => [a.courseSlug, a._count._all]));
  return getCatalog().courses.map((c) => ({
    slug: c.slug,
    title: c.title,
    quizzes: c.lessons.filter((l) => l.quiz).length,
    attempts: bySlug.get(c.slug) ?? 0,
  }));
}

export type CourseAnalysis = NonNullable<Awaited<ReturnType<typeof courseItemAnalysis>>>;

/** Item statistics for every quiz lesson of a course, in lesson order; null for an unknown course. */
export async function courseItemAnalysis(courseSlug: string, filter: AttemptFilter) {
  const course = getCourse(courseSlug);
  if (!course) return null;
  const byLesson = await scoredAttempts(courseSlug, filter);
  const quizzes = course.lessons.flatMap((lesson) =>
    lesson.quiz
      ? [
          {
            lessonSlug: lesson.slug,
            lessonNumber: lesson.number,
            lessonTitle: lesson.title,
            passMark: lesson.quiz.passMark,
            ...quizItemStats(byLesson.get(lesson.slug) ?? [], fileItemsOf(lesson.quiz.questions)),
          },
        ]
      : [],
  );
  return { course: { slug: course.slug, title: course.title }, filter, quizzes };
}

/** The course's analysable attempts, grouped by lesson; rows whose results do not parse are left out. */
async function scoredAttempts(courseSlug: string, filter: AttemptFilter): Promise<Map<string, ScoredAttempt[]>> {
  const rows = await prisma.quizAttempt.findMany({
    where: { courseSlug, ...counted, ...(filter === "first" ? { attemptNumber: 1 } : {}) },
    select: { personId: true, lessonSlug: true, score: true, passed: true, submittedAt: true, items: true, results: true },
  });
  const byLesson = new Map<string, ScoredAttempt[]>();
  for (const row of rows) {
    const results = parseResults(row.results);
    if (!results || !row.submittedAt) continue;
    const list = byLesson.get(row.lessonSlug) ?? [];
    list.push({ personId: row.personId, score: row.score, passed: row.passed, submittedAt: row.submittedAt, set: parseAttemptSet(row.items), results });
    byLesson.set(row.lessonSlug, list);
  }
  return byLesson;
}
