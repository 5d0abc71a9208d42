/**
 * The one next step My learning offers: the next lesson of the most urgent required course — overdue first,
 * then the nearest due date, then curriculum order. Courses that cannot be taken now (locked behind an earlier
 * course, out of quiz attempts, waived) are skipped. With no curriculum, the next course the person has begun,
 * else the first they have not. Pure: `today` is injected.
 */
import { isOverdue } from "../curricula/due-dates";

type State = "not_started" | "in_progress" | "completed";

type CourseRow = {
  slug: string;
  title: string;
  state: State;
  nextLesson: string | null;
  minutesLeft: number;
  outOfAttempts: string[];
};

type AssignedRow = CourseRow & { required: boolean; dueDate: Date | null; waived: boolean; locked: boolean };

export type NextStep =
  | { kind: "continue"; course: CourseRow & { required: boolean; dueDate: Date | null }; lessonSlug: string; overdue: boolean }
  /** A required course is open but none can be taken now (out of quiz attempts). */
  | { kind: "stuck"; course: CourseRow }
  /** Every required course is done (or, without a curriculum, every course). */
  | { kind: "done" };

const canTake = (c: CourseRow) => c.state !== "completed" && c.nextLesson !== null && c.outOfAttempts.length === 0;

export function chooseNextStep(learning: { curricula: { courses: AssignedRow[] }[]; courses: CourseRow[] }, today: Date): NextStep {
  const required = learning.curricula.flatMap((c) => c.courses).filter((c) => c.required && !c.waived && c.state !== "completed");
  const open = required.filter((c) => !c.locked && canTake(c));
  if (open.length > 0) {
    // Overdue courses have the earliest due dates, so "overdue first, then the nearest due date" is one order.
    // A stable sort keeps curriculum order among equals; no due date comes last.
    const due = (c: AssignedRow) => c.dueDate?.getTime() ?? Infinity;
    const [first] = [...open].sort((a, b) => (due(a) === due(b) ? 0 : due(a) < due(b) ? -1 : 1));
    return { kind: "continue", course: first!, lessonSlug: first!.nextLesson!, overdue: isOverdue(first!.dueDate, false, today) };
  }
  if (required.length > 0) return { kind: "stuck", course: required.find((c) => !c.locked) ?? required[0]! };
  if (learning.curricula.some((c) => c.courses.some((x) => x.required))) return { kind: "done" };
  const next = learning.courses.find((c) => c.state === "in_progress" && canTake(c)) ?? learning.courses.find(canTake);
  return next ? { kind: "continue", course: { ...next, required: false, dueDate: null }, lessonSlug: next.nextLesson!, overdue: false } : { kind: "done" };
}
