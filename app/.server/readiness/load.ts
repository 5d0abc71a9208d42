import { chunks } from "../chunks";
import { getCatalog } from "../content/catalog";
import { assignedCoursesForMany } from "../curricula/assigned-courses";
import { prisma } from "../db";
import { assembleReadiness, type AssignedCourseRef, type AttemptStat, type LessonRow } from "./assemble";
import { urgency } from "./rules";
import type { ReadinessRow } from "./report";

const byUrgencyThenName = (a: ReadinessRow, b: ReadinessRow) => urgency[a.state] - urgency[b.state] || a.name.localeCompare(b.name);

/**
 * Readiness of many people, computed from the data as it is now (no stored state, no nightly job).
 * A fixed number of queries per 500 people, whatever their number: no N+1.
 */
export async function readinessFor(personIds: string[], now = new Date()): Promise<ReadinessRow[]> {
  const courses = new Map(getCatalog().courses.map((c) => [c.slug, c]));
  const rows: ReadinessRow[] = [];
  for (const ids of chunks([...new Set(personIds)], 500)) {
    const [people, assigned, lessons, attempts] = await Promise.all([
      prisma.person.findMany({
        where: { id: { in: ids } },
        select: { id: true, name: true, email: true, department: true, startDate: true, manager: { select: { name: true } } },
      }),
      assignedCoursesForMany(ids, now),
      prisma.lessonProgress.findMany({
        where: { personId: { in: ids } },
        select: { personId: true, courseSlug: true, lessonSlug: true, status: true, completedAt: true, updatedAt: true },
      }),
      prisma.quizAttempt.groupBy({
        by: ["personId", "courseSlug", "lessonSlug"],
        where: { personId: { in: ids } },
        _count: { _all: true },
        _max: { score: true, submittedAt: true },
      }),
    ]);
    const lessonsByPerson = group(lessons, (l) => l.personId);
    const attemptsByPerson = group(
      attempts.map((a) => ({
        personId: a.personId,
        courseSlug: a.courseSlug,
        lessonSlug: a.lessonSlug,
        attempts: a._count._all,
        bestScore: a._max.score ?? 0,
        passed: false, // a passed quiz completes its lesson, and only open quizzes are reported
        lastAt: a._max.submittedAt ?? now,
      })),
      (a) => a.personId,
    );
    for (const p of people) {
      const refs: AssignedCourseRef[] = (assigned.get(p.id) ?? []).flatMap((c) =>
        c.courses.map((course) => ({
          curriculumId: c.curriculumId,
          curriculumName: c.name,
          courseSlug: course.slug,
          required: course.required,
          dueDate: course.dueDate,
        })),
      );
      const facts = { id: p.id, name: p.name, email: p.email, department: p.department, startDate: p.startDate, managerName: p.manager?.name ?? null };
      const lessonRows: LessonRow[] = lessonsByPerson.get(p.id) ?? [];
      const stats: AttemptStat[] = attemptsByPerson.get(p.id) ?? [];
      rows.push(assembleReadiness(facts, refs, lessonRows, stats, courses, now));
    }
  }
  return rows.sort(byUrgencyThenName);
}

/** Who the HR report covers: active new hires, and anyone else who holds an active curriculum. */
export async function reportPopulation(): Promise<string[]> {
  const people = await prisma.person.findMany({
    where: {
      deactivatedAt: null,
      OR: [{ role: "LEARNER" }, { assignments: { some: { unassignedAt: null, curriculum: { archivedAt: null } } } }],
    },
    select: { id: true },
  });
  return people.map((p) => p.id);
}

/** A manager's active direct reports, or everyone below them when `indirect` (one query per level). */
export async function teamIds(managerId: string, indirect: boolean): Promise<string[]> {
  const seen = new Set<string>();
  let frontier = [managerId];
  for (let depth = 0; frontier.length > 0 && depth < 50; depth++) {
    const reports = await prisma.person.findMany({
      where: { managerId: { in: frontier }, deactivatedAt: null },
      select: { id: true },
    });
    frontier = reports.map((r) => r.id).filter((id) => !seen.has(id) && id !== managerId);
    frontier.forEach((id) => seen.add(id));
    if (!indirect) break;
  }
  return [...seen];
}

function group<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}
