/**
 * What each person has been assigned, course by course: the model the learner's page and the readiness report
 * read. Course completion comes from lesson progress (never stored); due dates from due-dates.ts; the lock
 * from the curriculum's "in order" setting.
 */
import { groupBy } from "../chunks";
import type { CatalogCourse } from "../content/schema";
import { reopenedDueDate, type Exception, type PersonOverrides } from "../overrides/effective";
import { courseProgress, type CourseProgress, type CourseState, type ProgressRow } from "../progress/completion";
import { courseDueDate, dueRuleOf, isOverdue } from "./due-dates";
import { ruleLabel, type Rule } from "./rules";

type AssignmentSource = { kind: "direct" } | { kind: "rule"; ruleId: string; label: string };

type AssignedCourseView = {
  slug: string;
  title: string;
  summary: string;
  audience: string;
  minutes: number;
  position: number;
  required: boolean;
  /** Midnight UTC of the due day, or null. */
  dueDate: Date | null;
  overdue: boolean;
  /** In-order curricula: a required course before this one is not complete yet. */
  locked: boolean;
  /** The first unfinished required course before this one, when locked. */
  waitingFor: { slug: string; title: string } | null;
  state: CourseState;
  completed: boolean;
  /** Waived for this person (an override): counts as done for locks and due dates, but is not "completed". */
  waived: boolean;
  completedAt: Date | null;
  completedCount: number;
  total: number;
  minutesLeft: number;
  nextLesson: string | null;
  /** Lesson by lesson, by the same rule as the course's state. */
  lessons: CourseProgress["lessons"];
};

const latestDay = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));

/** A held curriculum (below) as the learner sees it: each course with their progress and its lock. */
export type AssignedCurriculumView = Omit<HeldCurriculum, "courses"> & { courses: AssignedCourseView[] };

export type AssignmentPeriod = {
  curriculumId: string;
  ruleId: string | null;
  rule: Rule | null;
  assignedAt: Date;
  unassignedAt: Date | null;
};

/** The columns of a curriculum's courses every reader needs (a Prisma select). */
const curriculumCourseColumns = {
  courseSlug: true,
  position: true,
  required: true,
  dueDays: true,
  dueDate: true,
  addedAt: true,
  requiredSince: true,
  renew: true,
} as const;

/** A curriculum with its courses in order, as every reader of assignments needs it (a Prisma select). */
export const curriculumWithCoursesColumns = {
  id: true,
  name: true,
  description: true,
  inOrder: true,
  dueDays: true,
  dueDate: true,
  graceDays: true,
  validityMonths: true,
  renewalNoticeDays: true,
  createdAt: true,
  courses: { select: curriculumCourseColumns, orderBy: { position: "asc" } },
} as const;

export type CurriculumWithCourses = {
  id: string;
  name: string;
  description: string;
  inOrder: boolean;
  dueDays: number | null;
  dueDate: Date | null;
  graceDays: number;
  /** Completion is valid this many months (null: without end). */
  validityMonths: number | null;
  /** Days before the end when renewal opens. */
  renewalNoticeDays: number;
  createdAt: Date;
  courses: {
    courseSlug: string;
    position: number;
    required: boolean;
    dueDays: number | null;
    dueDate: Date | null;
    addedAt: Date;
    requiredSince: Date | null;
    /** Taken again on renewal (none marked: every required course). */
    renew: boolean;
  }[];
};

/** One course of a held curriculum: its due date after any extension, and any waiver. */
type HeldCourse = {
  course: CatalogCourse;
  position: number;
  required: boolean;
  dueDate: Date | null;
  /** A manager or HR moved the due date for this person (dueDate is already the new day). */
  dueExtended: (Exception & { date: Date }) | null;
  waived: Exception | null;
};

/** A curriculum a person holds now, with each course's rule applied: what they must do and by when. */
export type HeldCurriculum = {
  curriculumId: string;
  name: string;
  description: string;
  inOrder: boolean;
  /** When the person first received this curriculum (reassigning keeps the first day). */
  heldSince: Date;
  /** Days after heldSince before "At risk" may fire. */
  graceDays: number;
  /** Why they hold it now: directly, through one or more rules, or both. */
  sources: AssignmentSource[];
  /** In the curriculum's order; courses no longer in the library are left out. */
  courses: HeldCourse[];
};

/**
 * One person's active curricula with due dates, from plain rows (pure; no progress needed). A curriculum
 * counts while at least one of the person's assignment periods for it is open; archived curricula are left
 * out by the caller. Oldest held first.
 */
export function heldCurricula(input: {
  periods: AssignmentPeriod[];
  curricula: Map<string, CurriculumWithCourses>;
  startDate: Date | null;
  catalog: Map<string, CatalogCourse>;
  overrides?: PersonOverrides;
}): HeldCurriculum[] {
  const result: HeldCurriculum[] = [];
  for (const [curriculumId, periods] of groupBy(input.periods, (p) => p.curriculumId)) {
    const curriculum = input.curricula.get(curriculumId);
    const open = periods.filter((p) => p.unassignedAt === null);
    if (!curriculum || open.length === 0) continue;
    const heldSince = new Date(Math.min(...periods.map((p) => p.assignedAt.getTime())));
    const curriculumRule = dueRuleOf(curriculum);
    const courses: HeldCurriculum["courses"] = [];
    for (const cc of [...curriculum.courses].sort((a, b) => a.position - b.position)) {
      const course = input.catalog.get(cc.courseSlug);
      if (!course) continue;
      const ruleDate = courseDueDate({
        courseRule: dueRuleOf(cc),
        curriculumRule,
        startDate: input.startDate,
        heldSince,
        courseSince: (cc.required ? cc.requiredSince : null) ?? cc.addedAt,
      });
      // Overrides are per person and course, whichever curriculum holds it.
      const dueExtended = input.overrides?.dueDates.get(course.slug) ?? null;
      const waived = input.overrides?.waivers.get(course.slug) ?? null;
      // Lessons opened again (a material change, a renewal) are due on their own day when that is later.
      const dueDate = latestDay(dueExtended?.date ?? ruleDate, reopenedDueDate(input.overrides, course.slug));
      courses.push({ course, position: cc.position, required: cc.required, dueDate, dueExtended, waived });
    }
    result.push({
      curriculumId,
      name: curriculum.name,
      description: curriculum.description,
      inOrder: curriculum.inOrder,
      heldSince,
      graceDays: curriculum.graceDays,
      sources: open.map((p) => (p.ruleId && p.rule ? { kind: "rule", ruleId: p.ruleId, label: ruleLabel(p.rule) } : { kind: "direct" })),
      courses,
    });
  }
  return result.sort((a, b) => a.heldSince.getTime() - b.heldSince.getTime() || a.name.localeCompare(b.name));
}

/**
 * One person's active curricula as the learner sees them: held curricula (above) joined with their lesson
 * progress, course by course, with the locks of in-order curricula (pure).
 */
export function buildAssignedCurricula(input: {
  periods: AssignmentPeriod[];
  curricula: Map<string, CurriculumWithCourses>;
  startDate: Date | null;
  progress: (ProgressRow & { courseSlug: string })[];
  catalog: Map<string, CatalogCourse>;
  overrides?: PersonOverrides;
  today: Date;
}): AssignedCurriculumView[] {
  const rowsByCourse = groupBy(input.progress, (r) => r.courseSlug);
  return heldCurricula(input).map(({ courses: held, ...curriculum }) => {
    let waitingFor: { slug: string; title: string } | null = null;
    const courses: AssignedCourseView[] = [];
    for (const { course, position, required, dueDate, waived } of held) {
      const p = courseProgress(course, rowsByCourse.get(course.slug) ?? []);
      const completed = p.state === "completed";
      const satisfied = completed || waived !== null;
      const locked = curriculum.inOrder && waitingFor !== null;
      courses.push({
        slug: course.slug,
        title: course.title,
        summary: course.summary,
        audience: course.audience,
        minutes: course.minutes,
        position,
        required,
        dueDate,
        overdue: isOverdue(dueDate, satisfied, input.today),
        locked,
        waitingFor: locked ? waitingFor : null,
        state: p.state,
        completed,
        waived: waived !== null,
        completedAt: p.completedAt,
        completedCount: p.completedCount,
        total: p.total,
        minutesLeft: p.minutesLeft,
        nextLesson: p.nextLesson,
        lessons: p.lessons,
      });
      if (required && !satisfied && waitingFor === null) waitingFor = { slug: course.slug, title: course.title };
    }
    return { ...curriculum, courses };
  });
}

/**
 * A course is locked for a person only if every active curriculum that contains it locks it: another
 * curriculum (or none) offering it freely opens it. Returns what to finish first, or null when open.
 */
export function courseLockFrom(curricula: AssignedCurriculumView[], slug: string): { slug: string; title: string } | null {
  const entries = curricula.flatMap((c) => c.courses.filter((x) => x.slug === slug));
  if (entries.length === 0 || entries.some((e) => !e.locked)) return null;
  return entries[0]?.waitingFor ?? null;
}
