import type { PracticeStatus } from "~/generated/prisma/enums";
import { groupBy } from "../chunks";
import type { CatalogCourse } from "../content/schema";
import { attemptLimitFor, noOverrides, quizKey, type Exception, type PersonOverrides } from "../overrides/effective";
import { practiceStanding } from "../practice/standing";
import { tallyHasDone, tallyProgress, type CourseTally } from "../progress/tally";
import type { ReadinessRow } from "./report";
import type { CertificateExpiry } from "./expiry";
import { computeReadiness, type AssignedCourse, type QuizStanding } from "./rules";

/** A course a person holds through an active assignment (what the curricula module knows). */
export type AssignedCourseRef = {
  curriculumId: string;
  curriculumName: string;
  courseSlug: string;
  required: boolean;
  dueDate: Date | null;
  dueExtended: (Exception & { date: Date }) | null;
  waived: Exception | null;
  heldSince: Date;
  graceDays: number;
};

export type PersonFacts = {
  id: string;
  name: string;
  email: string;
  department: string | null;
  startDate: Date | null;
  managerId: string | null;
  active: boolean;
  /** Has the person ever signed in? */
  accountUsed: boolean;
  role: string;
  /** Certificates with an end, of curricula the person holds. */
  expiries?: CertificateExpiry[];
};

/** A practice submission not signed off (WAITING or RETURNED), as readiness needs it. */
export type PracticeRow = { courseSlug: string; lessonSlug: string; status: PracticeStatus; submittedAt: Date; reviewedAt: Date | null };

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
    if (ref.heldSince < seen.heldSince) {
      seen.heldSince = ref.heldSince;
      seen.graceDays = ref.graceDays;
    }
    seen.dueDate = dates.length ? new Date(Math.min(...dates.map((d) => d.getTime()))) : (seen.dueDate ?? ref.dueDate);
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
  tallies: CourseTally[],
  attempts: AttemptStat[],
  courses: Map<string, CatalogCourse>,
  now: Date,
  overrides: PersonOverrides = noOverrides(),
  practice: PracticeRow[] = [],
): ReadinessRow {
  const tallyOf = new Map(tallies.map((t) => [t.courseSlug, t]));
  const attemptsOf = groupBy(attempts, (a) => a.courseSlug);

  const assignedCourses: AssignedCourse[] = [];
  for (const ref of mergeBySlug(assigned)) {
    const course = courses.get(ref.courseSlug);
    if (!course) continue; // a course removed from content/ can no longer be taken
    const tally = tallyOf.get(ref.courseSlug);
    const progress = tallyProgress(course, tally);
    const courseAttempts = attemptsOf.get(ref.courseSlug) ?? [];
    const openQuizzes: QuizStanding[] = [];
    for (const lesson of courseAttempts.length ? course.lessons : []) {
      const stat = lesson.quiz && !tallyHasDone(tally, lesson.slug) ? courseAttempts.find((a) => a.lessonSlug === lesson.slug) : undefined;
      if (!stat || !lesson.quiz) continue;
      const granted = overrides.extraAttempts.get(quizKey(course.slug, lesson.slug));
      openQuizzes.push({
        lessonTitle: lesson.title,
        bestScore: stat.bestScore,
        passMark: lesson.quiz.passMark,
        passed: stat.passed,
        attemptsLeft: Math.max(0, attemptLimitFor(course.attemptLimit, overrides, course.slug, lesson.slug) - stat.attempts),
        granted: granted ? { count: granted.count, by: granted.last.by, at: granted.last.at } : null,
        lastAt: stat.lastAt,
      });
    }
    // Lessons opened again and not completed since (a completion closes its reopening; the tally is the judge here).
    const reopened = (overrides.reopened.get(course.slug) ?? []).filter((r) => !tallyHasDone(tally, r.lessonSlug));
    const changed = reopened.flatMap((r) => {
      const lesson = r.cause === "CHANGE" ? course.lessons.find((l) => l.slug === r.lessonSlug) : undefined;
      return lesson ? [{ lessonTitle: lesson.title, changedOn: r.changedOn }] : [];
    });
    assignedCourses.push({
      changed,
      renewing: reopened.some((r) => r.cause === "RENEWAL"),
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
      waived: ref.waived,
      dueExtended: ref.dueExtended,
      assignedAt: ref.heldSince,
      graceDays: ref.graceDays,
      practice: practiceStanding(
        practice.filter((p) => p.courseSlug === course.slug),
        (lessonSlug) => (tallyHasDone(tally, lessonSlug) ? null : (course.lessons.find((l) => l.slug === lessonSlug)?.practice?.title ?? null)),
      ),
    });
  }

  const readiness = computeReadiness(assignedCourses, now, { startDate: person.startDate, accountUsed: person.accountUsed, expiries: person.expiries });
  const bySlug = new Map(assignedCourses.map((c) => [c.courseSlug, c]));
  const curricula = new Map<string, ReadinessRow["curricula"][number]>();
  assigned.forEach((ref) => {
    const entry = curricula.get(ref.curriculumId) ?? { id: ref.curriculumId, name: ref.curriculumName, requiredDone: 0, requiredWaived: 0, requiredTotal: 0 };
    const c = bySlug.get(ref.courseSlug);
    if (ref.required && c) {
      entry.requiredTotal += 1;
      if (c.completed) entry.requiredDone += 1;
      else if (c.waived) entry.requiredWaived += 1;
    }
    curricula.set(ref.curriculumId, entry);
  });
  // Latest first; ties by lesson, so the list never depends on the order the database returned rows in.
  const recentQuizzes = [...attempts]
    .sort((a, b) => b.lastAt.getTime() - a.lastAt.getTime() || a.courseSlug.localeCompare(b.courseSlug) || a.lessonSlug.localeCompare(b.lessonSlug))
    .slice(0, 3)
    .map((a) => ({
      lessonTitle: courses.get(a.courseSlug)?.lessons.find((l) => l.slug === a.lessonSlug)?.title ?? a.lessonSlug,
      bestScore: a.bestScore,
      passed: tallyHasDone(tallyOf.get(a.courseSlug), a.lessonSlug),
    }));
  let lastActivity = 0;
  for (const t of tallies) lastActivity = Math.max(lastActivity, t.lastActivity.getTime());
  for (const a of attempts) lastActivity = Math.max(lastActivity, a.lastAt.getTime());

  return {
    personId: person.id,
    name: person.name,
    email: person.email,
    department: person.department,
    managerId: person.managerId,
    startDate: person.startDate,
    active: person.active,
    accountUsed: person.accountUsed,
    state: readiness.state,
    reasons: readiness.reasons,
    since: readiness.since,
    nextChangeAt: readiness.nextChangeAt,
    inScope: person.role === "LEARNER" || curricula.size > 0,
    readyAt: readiness.state === "READY" ? readiness.since : null,
    lastActivity: lastActivity ? new Date(lastActivity) : null,
    recentQuizzes,
    courses: assignedCourses,
    expiries: person.expiries ?? [],
    curricula: [...curricula.values()],
  };
}
