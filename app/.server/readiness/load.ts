import { chunks, groupBy } from "../chunks";
import { getCatalog } from "../content/catalog";
import { heldCurricula, loadHoldings } from "../curricula/assigned-courses";
import { prisma } from "../db";
import type { Prisma } from "~/generated/prisma/client";

type Db = Prisma.TransactionClient;
import { courseTallies } from "../progress/tally";
import { assembleReadiness, type AssignedCourseRef } from "./assemble";
import { certificateExpiries } from "./expiry";
import { urgency } from "./rules";
import type { ReadinessRow } from "./report";

const byUrgencyThenName = (a: ReadinessRow, b: ReadinessRow) => urgency[a.state] - urgency[b.state] || a.name.localeCompare(b.name);

/**
 * Readiness of many people, computed from the data as it is now (no stored state, no nightly job).
 * A fixed number of queries per 500 people, whatever their number: no N+1. Lesson progress arrives summed
 * per course by the database (courseTallies), because it is by far the largest table.
 */
export async function readinessFor(personIds: string[], now = new Date(), db: Db = prisma): Promise<ReadinessRow[]> {
  const catalog = getCatalog().courses;
  const courses = new Map(catalog.map((c) => [c.slug, c]));
  const rows: ReadinessRow[] = [];
  for (const ids of chunks([...new Set(personIds)], 500)) {
    const [people, holdings, tallies, attempts, practice, certificates] = await Promise.all([
      db.person.findMany({
        where: { id: { in: ids } },
        select: { id: true, name: true, email: true, department: true, startDate: true, signedInAt: true, role: true, managerId: true, deactivatedAt: true },
      }),
      loadHoldings(ids, db, { ruleLabels: false }),
      courseTallies(ids, catalog, db),
      db.quizAttempt.groupBy({
        by: ["personId", "courseSlug", "lessonSlug"],
        where: { personId: { in: ids }, submittedAt: { not: null } },
        _count: { _all: true },
        _max: { score: true, submittedAt: true },
      }),
      db.practiceSubmission.findMany({
        where: { personId: { in: ids }, status: { in: ["WAITING", "RETURNED"] } },
        select: { personId: true, courseSlug: true, lessonSlug: true, status: true, submittedAt: true, reviewedAt: true },
      }),
      db.certificate.findMany({
        where: { personId: { in: ids } },
        select: { id: true, personId: true, curriculumId: true, issuedAt: true, validUntil: true, revokedAt: true },
      }),
    ]);
    const certificatesByPerson = groupBy(certificates, (c) => c.personId);
    const practiceByPerson = groupBy(practice, (p) => p.personId);
    const attemptsByPerson = groupBy(
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
      const overrides = holdings.overrides.get(p.id);
      const held = heldCurricula({
        periods: holdings.periodsByPerson.get(p.id) ?? [],
        curricula: holdings.curricula,
        startDate: p.startDate,
        catalog: courses,
        overrides,
      });
      const refs: AssignedCourseRef[] = held.flatMap((c) =>
        c.courses.map(({ course, required, dueDate, dueExtended, waived }) => ({
          curriculumId: c.curriculumId,
          curriculumName: c.name,
          courseSlug: course.slug,
          required,
          dueDate,
          dueExtended,
          waived,
          heldSince: c.heldSince,
          graceDays: c.graceDays,
        })),
      );
      const facts = {
        id: p.id,
        name: p.name,
        email: p.email,
        department: p.department,
        startDate: p.startDate,
        managerId: p.managerId,
        active: p.deactivatedAt === null,
        accountUsed: p.signedInAt !== null,
        role: p.role,
        expiries: certificateExpiries(
          certificatesByPerson.get(p.id) ?? [],
          held.flatMap((c) => {
            const curriculum = holdings.curricula.get(c.curriculumId);
            return curriculum
              ? [{ curriculumId: c.curriculumId, name: c.name, renewalNoticeDays: curriculum.renewalNoticeDays, courses: curriculum.courses }]
              : [];
          }),
          (slug) => courses.get(slug)?.title,
        ),
      };
      rows.push(
        assembleReadiness(facts, refs, tallies.get(p.id) ?? [], attemptsByPerson.get(p.id) ?? [], courses, now, overrides, practiceByPerson.get(p.id) ?? []),
      );
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
export async function teamIds(managerId: string, indirect: boolean, db: Prisma.TransactionClient = prisma): Promise<string[]> {
  const seen = new Set<string>();
  let frontier = [managerId];
  for (let depth = 0; frontier.length > 0 && depth < 50; depth++) {
    const reports = await db.person.findMany({
      where: { managerId: { in: frontier }, deactivatedAt: null },
      select: { id: true },
    });
    frontier = reports.map((r) => r.id).filter((id) => !seen.has(id) && id !== managerId);
    frontier.forEach((id) => seen.add(id));
    if (!indirect) break;
  }
  return [...seen];
}
