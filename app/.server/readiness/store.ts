import type { Prisma } from "~/generated/prisma/client";
import { chunks, groupBy } from "../chunks";
import { issueCertificates } from "../certificates/issue";
import { eventIdFrom, publishEvents, type IntegrationEvent } from "../integrations/events";
import type { ReadinessRow } from "./report";
import { practiceCell } from "./csv-cells";
import { computeReadiness, urgency, type AssignedCourse, type ReadinessState } from "./rules";
import { isOverdue } from "../curricula/due-dates";

type Tx = Prisma.TransactionClient;

/**
 * Why a summary is being written, for the state-change event. `at` defaults to the write's own time.
 * `timeFrom`: time alone moved the person since that moment — every state they passed through is recorded at
 * the moment they entered it (a week unread can hold At risk and then Overdue).
 */
export type Cause = { cause: string; at?: Date; timeFrom?: Date };

/** The states a person passed through as time ran from `from` to `now` with nothing else changing. */
function transitionsOverTime(row: ReadinessRow, before: ReadinessState, from: Date, now: Date): { from: ReadinessState; to: ReadinessState; at: Date }[] {
  const standing = { startDate: row.startDate, accountUsed: row.accountUsed, expiries: row.expiries };
  const steps: { from: ReadinessState; to: ReadinessState; at: Date }[] = [];
  let state = before;
  let t: Date | null = from;
  // Each moment is strictly later than the one before; the bound only guards against a bug.
  for (let i = 0; t && t <= now && i < 20; i++) {
    const judged = computeReadiness(row.courses, t, standing);
    if (judged.state !== state) steps.push({ from: state, to: judged.state, at: t });
    state = judged.state;
    t = judged.nextChangeAt;
  }
  if (state !== row.state) steps.push({ from: state, to: row.state, at: now });
  return steps;
}

/** A stored state change as other systems hear it; the id names the change, so writing it again sends nothing new. */
function readinessChangedEvent(e: Prisma.ReadinessEventCreateManyInput): IntegrationEvent {
  const at = new Date(e.at).toISOString();
  const from = e.fromState ?? null;
  return {
    type: "readiness.changed",
    personId: e.personId,
    from,
    to: e.toState,
    cause: e.cause,
    eventId: eventIdFrom(`readiness.changed:${e.personId}:${from}:${e.toState}:${at}`),
  };
}

/** The columns of a person's summary row (everything but the key and the staleness marks). */
export function summaryColumns(row: ReadinessRow, catalogKey: string, now: Date) {
  return {
    state: row.state,
    urgency: urgency[row.state],
    reasons: JSON.stringify(row.reasons),
    since: row.since,
    readyAt: row.readyAt,
    lastActivity: row.lastActivity,
    overdueCount: row.courses.filter((c) => c.required && !c.waived && !c.renewing && isOverdue(c.dueDate, c.completed, now)).length,
    recentQuizzes: JSON.stringify(row.recentQuizzes),
    practice: practiceCell(row.courses),
    inScope: row.inScope,
    name: row.name,
    department: row.department,
    startDate: row.startDate,
    cohort: row.startDate ? row.startDate.toISOString().slice(0, 7) : null,
    managerId: row.managerId,
    active: row.active,
    signedIn: row.accountUsed,
    nextChangeAt: row.nextChangeAt,
    catalogKey,
  };
}

/** A course as stored: the rules' AssignedCourse as JSON (dates as ISO strings). */
export const courseJson = (c: AssignedCourse) => JSON.stringify(c);

/**
 * Write what the rules derived for these people, replacing what was stored: the summary row, one row per
 * active curriculum and per assigned course (only the rows that differ are written), and an event for every
 * person whose state changed. Runs inside the caller's transaction.
 */
export async function storeReadiness(tx: Tx, rows: ReadinessRow[], causeOf: (personId: string) => Cause, catalogKey: string, now: Date) {
  for (const batch of chunks(rows, 500)) {
    const ids = batch.map((r) => r.personId);
    const [summaries, curricula, courses] = await Promise.all([
      tx.readinessSummary.findMany({ where: { personId: { in: ids } }, select: { personId: true, state: true } }),
      tx.readinessCurriculum.findMany({ where: { personId: { in: ids } } }),
      tx.readinessCourse.findMany({ where: { personId: { in: ids } } }),
    ]);
    const stateOf = new Map(summaries.map((s) => [s.personId, s.state]));
    const curriculaOf = groupBy(curricula, (c) => c.personId);
    const coursesOf = groupBy(courses, (c) => c.personId);

    const newSummaries: Prisma.ReadinessSummaryCreateManyInput[] = [];
    const newCurricula: Prisma.ReadinessCurriculumCreateManyInput[] = [];
    const newCourses: Prisma.ReadinessCourseCreateManyInput[] = [];
    const events: Prisma.ReadinessEventCreateManyInput[] = [];
    for (const row of batch) {
      const columns = summaryColumns(row, catalogKey, now);
      const before = stateOf.get(row.personId);
      if (before === undefined) newSummaries.push({ personId: row.personId, ...columns, computedAt: now });
      else await tx.readinessSummary.update({ where: { personId: row.personId }, data: { ...columns, staleSince: null, staleCause: null, computedAt: now } });
      if (before !== row.state) {
        const { cause, at, timeFrom } = causeOf(row.personId);
        if (timeFrom && before !== undefined) {
          for (const step of transitionsOverTime(row, before, timeFrom, now))
            events.push({ personId: row.personId, fromState: step.from, toState: step.to, at: step.at, cause });
        } else events.push({ personId: row.personId, fromState: before ?? null, toState: row.state, at: at ?? now, cause });
      }

      const storedCurricula = new Map((curriculaOf.get(row.personId) ?? []).map((c) => [c.curriculumId, c]));
      for (const c of row.curricula) {
        const stored = storedCurricula.get(c.id);
        storedCurricula.delete(c.id);
        const data = { name: c.name, requiredDone: c.requiredDone, requiredWaived: c.requiredWaived, requiredTotal: c.requiredTotal };
        if (!stored) newCurricula.push({ personId: row.personId, curriculumId: c.id, ...data });
        else if (
          stored.name !== data.name ||
          stored.requiredDone !== data.requiredDone ||
          stored.requiredWaived !== data.requiredWaived ||
          stored.requiredTotal !== data.requiredTotal
        ) {
          await tx.readinessCurriculum.update({ where: { personId_curriculumId: { personId: row.personId, curriculumId: c.id } }, data });
        }
      }
      if (storedCurricula.size > 0)
        await tx.readinessCurriculum.deleteMany({ where: { personId: row.personId, curriculumId: { in: [...storedCurricula.keys()] } } });

      const storedCourses = new Map((coursesOf.get(row.personId) ?? []).map((c) => [c.courseSlug, c.data]));
      for (const c of row.courses) {
        const data = courseJson(c);
        const stored = storedCourses.get(c.courseSlug);
        storedCourses.delete(c.courseSlug);
        if (stored === undefined) newCourses.push({ personId: row.personId, courseSlug: c.courseSlug, data });
        else if (stored !== data)
          await tx.readinessCourse.update({ where: { personId_courseSlug: { personId: row.personId, courseSlug: c.courseSlug } }, data: { data } });
      }
      if (storedCourses.size > 0) await tx.readinessCourse.deleteMany({ where: { personId: row.personId, courseSlug: { in: [...storedCourses.keys()] } } });
    }
    // Summaries first: curricula and courses refer to them.
    for (const part of chunks(newSummaries, 500)) await tx.readinessSummary.createMany({ data: part });
    for (const part of chunks(newCurricula, 500)) await tx.readinessCurriculum.createMany({ data: part });
    for (const part of chunks(newCourses, 500)) await tx.readinessCourse.createMany({ data: part });
    for (const part of chunks(events, 500)) await tx.readinessEvent.createMany({ data: part });
    // Webhooks hear about each state change, in bulk: one publish per 500 people (integrations/events.ts).
    await publishEvents(tx, events.map(readinessChangedEvent), now);
    // A curriculum these rows show complete earns its certificate in the same write (certificates/issue.ts).
    await issueCertificates(tx, batch, now);
  }
}
