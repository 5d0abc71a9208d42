import { getCatalog } from "../content/catalog";
import { prisma } from "../db";
import { buildAssignedCurricula, curriculumCourseColumns, type AssignedCurriculumView, type CurriculumWithCourses } from "./assigned";
import { chunks, groupBy } from "../chunks";

export { courseLockFrom, flattenAssigned, type AssignedCourseView, type AssignedCurriculumView, type AssignmentSource } from "./assigned";

/**
 * The active curricula of many people at once, course by course: required flag, due date, lock and
 * progress. A fixed number of queries whatever the number of people (four per 500 people): for reports.
 */
export async function assignedCoursesForMany(personIds: string[], today = new Date()): Promise<Map<string, AssignedCurriculumView[]>> {
  const result = new Map<string, AssignedCurriculumView[]>(personIds.map((id) => [id, []]));
  const catalog = new Map(getCatalog().courses.map((c) => [c.slug, c]));
  for (const ids of chunks([...new Set(personIds)], 500)) {
    const [people, periods] = await Promise.all([
      prisma.person.findMany({ where: { id: { in: ids } }, select: { id: true, startDate: true } }),
      prisma.assignment.findMany({
        where: { personId: { in: ids }, curriculum: { archivedAt: null } },
        select: {
          personId: true,
          curriculumId: true,
          ruleId: true,
          assignedAt: true,
          unassignedAt: true,
          rule: { select: { kind: true, value: true } },
        },
      }),
    ]);
    const activeCurriculumIds = [...new Set(periods.filter((p) => p.unassignedAt === null).map((p) => p.curriculumId))];
    if (activeCurriculumIds.length === 0) continue;
    const [curricula, progress] = await Promise.all([
      prisma.curriculum.findMany({
        where: { id: { in: activeCurriculumIds } },
        select: {
          id: true,
          name: true,
          description: true,
          inOrder: true,
          dueDays: true,
          dueDate: true,
          createdAt: true,
          courses: {
            select: curriculumCourseColumns,
            orderBy: { position: "asc" },
          },
        },
      }),
      prisma.lessonProgress.findMany({
        where: { personId: { in: ids } },
        select: { personId: true, courseSlug: true, lessonSlug: true, status: true, completedAt: true },
      }),
    ]);
    const curriculaById = new Map<string, CurriculumWithCourses>(curricula.map((c) => [c.id, c]));
    const periodsByPerson = groupBy(periods, (p) => p.personId);
    const progressByPerson = groupBy(progress, (p) => p.personId);
    for (const person of people) {
      result.set(
        person.id,
        buildAssignedCurricula({
          periods: periodsByPerson.get(person.id) ?? [],
          curricula: curriculaById,
          startDate: person.startDate,
          progress: progressByPerson.get(person.id) ?? [],
          catalog,
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
