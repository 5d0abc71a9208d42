import { getCatalog } from "../content/catalog";
import { assignedCoursesFor } from "../curricula/assigned-courses";
import { prisma } from "../db";
import { attemptLimitFor } from "../overrides/effective";
import { overrideHistory, overridesFor } from "../overrides/load";
import { readinessFor } from "./load";

/**
 * One person, in depth: their readiness with reasons, each assigned curriculum course by course, each
 * course lesson by lesson, and every quiz attempt. For a manager's or HR's drill-down.
 */
export async function personReadinessDetail(personId: string, now = new Date()) {
  const person = await prisma.person.findUnique({
    where: { id: personId },
    select: { id: true, name: true, email: true, department: true, jobTitle: true, startDate: true, deactivatedAt: true, manager: { select: { name: true } } },
  });
  if (!person) return null;
  const [[readiness], curricula, attempts, overrides, history, events] = await Promise.all([
    readinessFor([personId], now),
    assignedCoursesFor(personId, now),
    prisma.quizAttempt.findMany({
      where: { personId, submittedAt: { not: null } },
      orderBy: [{ submittedAt: "asc" }],
      select: { courseSlug: true, lessonSlug: true, attemptNumber: true, score: true, passed: true, submittedAt: true },
    }),
    overridesFor(personId),
    overrideHistory(personId),
    prisma.readinessEvent.findMany({
      where: { personId },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: 50,
      select: { id: true, fromState: true, toState: true, at: true, cause: true },
    }),
  ]);
  const catalog = new Map(getCatalog().courses.map((c) => [c.slug, c]));
  return {
    person: { ...person, managerName: person.manager?.name ?? null },
    readiness: readiness!,
    curricula: curricula.map((c) => ({
      id: c.curriculumId,
      name: c.name,
      heldSince: c.heldSince,
      courses: c.courses.map((course) => {
        const attemptLimit = catalog.get(course.slug)?.attemptLimit ?? 0;
        const quizLessons = new Set(catalog.get(course.slug)?.lessons.flatMap((l) => (l.quiz ? [l.slug] : [])));
        return {
          slug: course.slug,
          title: course.title,
          required: course.required,
          dueDate: course.dueDate,
          overdue: course.overdue,
          state: course.state,
          waived: course.waived,
          completedCount: course.completedCount,
          total: course.total,
          // The same lesson-by-lesson derivation the course's state and the learner's page come from.
          lessons: course.lessons.map((l) => ({
            slug: l.slug,
            title: l.title,
            completion: l.completion,
            /** Quiz lessons: attempts allowed, overrides included. */
            attemptLimit: quizLessons.has(l.slug) ? attemptLimitFor(attemptLimit, overrides, course.slug, l.slug) : null,
            status: l.status,
            completedAt: l.completedAt,
            attempts: attempts
              .filter((a) => a.courseSlug === course.slug && a.lessonSlug === l.slug)
              .map((a) => ({ attemptNumber: a.attemptNumber, score: a.score, passed: a.passed, submittedAt: a.submittedAt })),
          })),
        };
      }),
    })),
    /** Every override made for this person, newest first: part of their history. */
    overrides: history.map((o) => ({
      ...o,
      courseTitle: catalog.get(o.courseSlug)?.title ?? o.courseSlug,
      lessonTitle: o.lessonSlug ? (catalog.get(o.courseSlug)?.lessons.find((l) => l.slug === o.lessonSlug)?.title ?? o.lessonSlug) : null,
    })),
    /** Every change of state, newest first (the latest 50): when, from, to and why. */
    timeline: events,
    latestAttempts: attempts
      .slice(-5)
      .reverse()
      .map((a) => ({
        courseTitle: catalog.get(a.courseSlug)?.title ?? a.courseSlug,
        lessonTitle: catalog.get(a.courseSlug)?.lessons.find((l) => l.slug === a.lessonSlug)?.title ?? a.lessonSlug,
        score: a.score,
        passed: a.passed,
        submittedAt: a.submittedAt,
      })),
  };
}

export type PersonReadinessDetail = NonNullable<Awaited<ReturnType<typeof personReadinessDetail>>>;
