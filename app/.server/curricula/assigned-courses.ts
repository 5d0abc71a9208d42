import { getCatalog } from "../content/catalog";
import { prisma } from "../db";
import type { Prisma } from "~/generated/prisma/client";

type Db = Prisma.TransactionClient;
import {
  buildAssignedCurricula,
  curriculumWithCoursesColumns,
  type AssignedCurriculumView,
  type AssignmentPeriod,
  type CurriculumWithCourses,
} from "./assigned";
import { chunks, groupBy } from "../chunks";
import type { PersonOverrides } from "../overrides/effective";
import { overridesForMany } from "../overrides/load";

export { courseLockFrom, heldCurricula, type AssignedCurriculumView } from "./assigned";

/**
 * The assignment periods of up to a few hundred people (archived curricula left out) and the active
 * curricula they point to, with their courses: two queries, whatever the number of people.
 */
export async function loadHoldings(
  ids: string[],
  db: Db = prisma,
  /** Readiness needs no rule labels (assignment sources): leaving them out saves a query per batch. */
  opts: { ruleLabels?: boolean } = {},
): Promise<{ periodsByPerson: Map<string, AssignmentPeriod[]>; curricula: Map<string, CurriculumWithCourses>; overrides: Map<string, PersonOverrides> }> {
  const [periods, overrides] = await Promise.all([
    db.assignment.findMany({
      where: { personId: { in: ids }, curriculum: { archivedAt: null } },
      select: {
        personId: true,
        curriculumId: true,
        ruleId: true,
        assignedAt: true,
        unassignedAt: true,
        rule: opts.ruleLabels === false ? false : { select: { kind: true, value: true } },
      },
    }),
    overridesForMany(ids, db),
  ]);
  const activeCurriculumIds = [...new Set(periods.filter((p) => p.unassignedAt === null).map((p) => p.curriculumId))];
  const curricula = activeCurriculumIds.length
    ? await db.curriculum.findMany({
        where: { id: { in: activeCurriculumIds } },
        select: curriculumWithCoursesColumns,
      })
    : [];
  return { periodsByPerson: groupBy(periods, (p) => p.personId), curricula: new Map(curricula.map((c) => [c.id, c])), overrides };
}

/**
 * The active curricula of many people at once, course by course: required flag, due date, lock and
 * progress. A fixed number of queries per 500 people, whatever their number.
 */
export async function assignedCoursesForMany(personIds: string[], today = new Date()): Promise<Map<string, AssignedCurriculumView[]>> {
  const result = new Map<string, AssignedCurriculumView[]>(personIds.map((id) => [id, []]));
  const catalog = new Map(getCatalog().courses.map((c) => [c.slug, c]));
  for (const ids of chunks([...new Set(personIds)], 500)) {
    const [people, holdings] = await Promise.all([
      prisma.person.findMany({ where: { id: { in: ids } }, select: { id: true, startDate: true } }),
      loadHoldings(ids),
    ]);
    if (holdings.curricula.size === 0) continue; // nobody here holds a curriculum: no progress to read
    const progress = await prisma.lessonProgress.findMany({
      where: { personId: { in: ids } },
      select: { personId: true, courseSlug: true, lessonSlug: true, status: true, completedAt: true },
    });
    const progressByPerson = groupBy(progress, (p) => p.personId);
    for (const person of people) {
      result.set(
        person.id,
        buildAssignedCurricula({
          periods: holdings.periodsByPerson.get(person.id) ?? [],
          curricula: holdings.curricula,
          startDate: person.startDate,
          progress: progressByPerson.get(person.id) ?? [],
          catalog,
          overrides: holdings.overrides.get(person.id),
          today,
        }),
      );
    }
  }
  return result;
}

/** One person's active curricula (see assignedCoursesForMany). */
export async function assignedCoursesFor(personId: string, today = new Date()): Promise<AssignedCurriculumView[]> {
  return (await assignedCoursesForMany([personId], today)).get(personId) ?? [];
}
