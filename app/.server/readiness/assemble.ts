import type { CatalogCourse } from "../content/schema";
import { courseProgress, type ProgressRow } from "../progress/completion";
import type { ReadinessRow } from "./report";
import { computeReadiness, type AssignedCourse } from "./rules";

/** A course a person holds through an active assignment (what the curricula module knows). */
export type AssignedCourseRef = {
  curriculumId: string;
  curriculumName: string;
  courseSlug: string;
  required: boolean;
  dueDate: Date | null;
};

export type PersonFacts = {
  id: string;
  name: string;
  email: string;
  department: string | null;
  startDate: Date | null;
  managerName: string | null;
};

export type LessonRow = ProgressRow & { courseSlug: string; updatedAt: Date };
export type AttemptStat = { courseSlug: string; lessonSlug: string; attempts: number; bestScore: number; passed: boolean; lastAt: Date };

/**
 * A course held through two curricula counts once: required if either requires it, due on the earlier day.
 */
function mergeBySlug(assigned: AssignedCourseRef[]): AssignedCourseRef[] {
  const bySlug = new Map<string, AssignedCourseRef>();
  for (const ref of assigned) {
    const seen = bySlug.get(ref.courseSlug);
    if (!seen) {
      bySlug.set(ref.courseSlug, { ...ref });
      continue;
    }
    const dates = [seen.required ? seen.dueDate : null, ref.required ? ref.dueDate : null].filter((d): d is Date => d !== null);
    seen.required = seen.required || ref.required;
    seen.dueDate = dates.length ? new Date(Math.min(...dates.map((d) => d.getTime()))) : seen.dueDate ?? ref.dueDate;
  }
  return [...bySlug.values()];
}

/**
 * Join what one person holds with what they have done, course by course, and judge their readiness.
 * Pure: every number comes from the arguments, so the HR report, the team view and the tests agree.
 */
export function assembleReadiness(
  person: PersonFacts,
  assigned: AssignedCourseRef[],
  lessons: LessonRow[],
  attempts: AttemptStat[],
  courses: Map<string, CatalogCourse>,
  now: Date,
): ReadinessRow {
  const assignedCourses: AssignedCourse[] = [];
  for (const ref of mergeBySlug(assigned)) {
    const course = courses.get(ref.courseSlug);
    if (!course) continue; // a course removed from content/ can no longer be taken
    const rows = lessons.filter((l) => l.courseSlug === ref.courseSlug);
    const progress = courseProgress(course, rows);
    const courseAttempts = attempts.filter((a) => a.courseSlug === ref.courseSlug);
    const openQuizzes = course.lessons
      .filter((l) => l.quiz && progress.lessons.find((p) => p.slug === l.slug)?.status !== "completed")
      .map((l) => {
        const stat = courseAttempts.find((a) => a.lessonSlug === l.slug);
        return {
          lessonTitle: l.title,
          bestScore: stat ? stat.bestScore : null,
          passMark: l.quiz!.passMark,
          passed: stat?.passed ?? false,
          attemptsLeft: Math.max(0, course.attemptLimit - (stat?.attempts ?? 0)),
        };
      });
    assignedCourses.push({
      curriculumName: ref.curriculumName,
      courseSlug: ref.courseSlug,
      courseTitle: course.title,
      required: ref.required,
      dueDate: ref.dueDate,
      lessonsDone: progress.completedCount,
      lessonsTotal: progress.total,
      completed: progress.state === "completed",
      completedAt: progress.completedAt,
      openQuizzes,
      started: progress.state !== "not_started" || courseAttempts.length > 0,
    });
  }

  const readiness = computeReadiness(assignedCourses, now);
  const curricula = new Map<string, { id: string; name: string; requiredDone: number; requiredTotal: number }>();
  assigned.forEach((ref) => {
    const entry = curricula.get(ref.curriculumId) ?? { id: ref.curriculumId, name: ref.curriculumName, requiredDone: 0, requiredTotal: 0 };
    const c = assignedCourses.find((a) => a.courseSlug === ref.courseSlug);
    if (ref.required && c) {
      entry.requiredTotal += 1;
      if (c.completed) entry.requiredDone += 1;
    }
    curricula.set(ref.curriculumId, entry);
  });
  const recentQuizzes = [...attempts]
    .sort((a, b) => b.lastAt.getTime() - a.lastAt.getTime())
    .slice(0, 3)
    .map((a) => ({
      lessonTitle: courses.get(a.courseSlug)?.lessons.find((l) => l.slug === a.lessonSlug)?.title ?? a.lessonSlug,
      bestScore: a.bestScore,
      passed: lessons.some((l) => l.courseSlug === a.courseSlug && l.lessonSlug === a.lessonSlug && l.status === "COMPLETED"),
    }));
  const activity = [...lessons.map((l) => l.updatedAt.getTime()), ...attempts.map((a) => a.lastAt.getTime())];

  return {
    personId: person.id,
    name: person.name,
    email: person.email,
    department: person.department,
    managerName: person.managerName,
    startDate: person.startDate,
    state: readiness.state,
    reasons: readiness.reasons,
    since: readiness.since,
    readyAt: readiness.state === "READY" ? readiness.since : null,
    lastActivity: activity.length ? new Date(Math.max(...activity)) : null,
    recentQuizzes,
    courses: assignedCourses,
    curricula: [...curricula.values()],
  };
}
