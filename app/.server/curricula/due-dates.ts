/**
 * Due dates of assigned courses. Pure: every date is a calendar day, kept as midnight UTC (as start dates are).
 *
 * The rule, for one person, one curriculum they hold, and one course of it:
 * 1. The course's own rule applies; without one, the curriculum's rule; without either, no due date.
 * 2. A fixed-date rule gives that day, whoever the person is and whenever they got the curriculum.
 * 3. "N days after the start date" counts from an anchor day:
 *    - the person's start date (or, with none, the day they first received the curriculum);
 *    - but someone who received the curriculum after they started (an existing employee, a late
 *      assignment) counts from the day they received it: nobody is overdue on the day they are assigned;
 *    - but when the course became required after the person already held the curriculum (HR added it,
 *      or turned an optional course into a required one), it counts from the day of that change if later:
 *      nobody is overdue on the day a course is added. People who receive the curriculum after the change
 *      count from their own start date again.
 * "Held the curriculum" means since the first day they held it: unassigning and reassigning restores the
 * same due dates, like it restores the record of what they finished.
 * docs/decisions/004-curricula-and-assignment-rules.md explains why.
 */

export type DueRule = { kind: "days"; days: number } | { kind: "date"; date: Date };

const DAY_MS = 24 * 60 * 60 * 1000;

export const startOfDayUTC = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

const addDays = (d: Date, days: number) => new Date(startOfDayUTC(d).getTime() + days * DAY_MS);

/** The rule stored in a pair of columns (dueDays, dueDate); null when neither is set. */
export function dueRuleOf(row: { dueDays: number | null; dueDate: Date | null }): DueRule | null {
  if (row.dueDate) return { kind: "date", date: startOfDayUTC(row.dueDate) };
  if (row.dueDays !== null) return { kind: "days", days: row.dueDays };
  return null;
}

export type DueDateInput = {
  courseRule: DueRule | null;
  curriculumRule: DueRule | null;
  startDate: Date | null;
  /** When the person first received this curriculum. */
  heldSince: Date;
  /** When the course joined the curriculum, or last became required if it is required. */
  courseSince: Date;
};

export function courseDueDate(input: DueDateInput): Date | null {
  const rule = input.courseRule ?? input.curriculumRule;
  if (!rule) return null;
  if (rule.kind === "date") return startOfDayUTC(rule.date);
  let anchor = startOfDayUTC(input.startDate ?? input.heldSince);
  const received = startOfDayUTC(input.heldSince);
  if (received > anchor) anchor = received;
  if (input.courseSince > input.heldSince) {
    const changed = startOfDayUTC(input.courseSince);
    if (changed > anchor) anchor = changed;
  }
  return addDays(anchor, rule.days);
}

/** Overdue: not complete and the due day is over (a course due on 3 Dec is on time all of 3 Dec). */
export function isOverdue(dueDate: Date | null, completed: boolean, today: Date): boolean {
  return !completed && dueDate !== null && dueDate < startOfDayUTC(today);
}
