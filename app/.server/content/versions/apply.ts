/**
 * Applying a course version: record it, and for each material change re-open the changed lesson for the people who
 * completed it under an older version (their completion moves to history), tell them, and recompute their readiness.
 * Minor changes, added and removed lessons re-open nothing. See docs/course-versions.md.
 */
import { recordAudit } from "../../audit/audit";
import { isUniqueViolation } from "../../db-errors";
import { prisma } from "../../db";
import { notify, type Outgoing } from "../../notifications/notify";
import { reopenLessons } from "../../progress/reopen";
import { readinessChanged } from "../../readiness/upkeep";
import { getCatalog, getCourse } from "../catalog";
import type { CatalogCourse } from "../schema";
import { diffCourse, materialChanges, recordLessons, type LessonChange } from "./diff";
import { lessonsReopenedMessage } from "./messages";
import { latestRecorded, unrecordedVersions } from "./recorded";

const DAY = 24 * 60 * 60 * 1000;
/** How long people have to review a re-opened lesson. */
export const REVIEW_DAYS = 14;

const midnightUtc = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

export type AppliedBy = { id: string; name: string; email: string };

export type ApplyOutcome =
  | { kind: "already-applied" }
  | {
      kind: "applied";
      /** The course's first recorded version: a baseline, nothing changed. */
      first: boolean;
      changes: LessonChange[];
      /** Per re-opened lesson, how many people it re-opened. */
      reopened: { slug: string; title: string; people: number }[];
      people: number;
    };

/** Record the catalog's version of `course` and re-open what its material changes touch, in one transaction. */
export async function applyCourseVersion(course: CatalogCourse, by: AppliedBy | null, now: Date): Promise<ApplyOutcome> {
  try {
    return await prisma.$transaction(
      async (tx) => {
        const exists = await tx.courseVersion.findUnique({ where: { courseSlug_version: { courseSlug: course.slug, version: course.version } }, select: { id: true } });
        if (exists) return { kind: "already-applied" as const };
        const previous = await latestRecorded(tx, course.slug);
        const changes = diffCourse(previous?.lessons ?? null, course);
        const row = await tx.courseVersion.create({
          data: {
            courseSlug: course.slug,
            version: course.version,
            lessons: JSON.stringify(recordLessons(course)),
            changes: JSON.stringify(changes),
            appliedAt: now,
            appliedById: by?.id ?? null,
            appliedByName: by?.name ?? null,
          },
          select: { id: true },
        });
        const today = midnightUtc(now);
        const dueDate = new Date(today.getTime() + REVIEW_DAYS * DAY);
        const reopenedFor = new Map<string, LessonChange[]>();
        const reopened: { slug: string; title: string; people: number }[] = [];
        for (const change of materialChanges(changes)) {
          const rows = await reopenLessons(
            tx,
            { courseSlug: course.slug, lessonSlugs: [change.slug], completedUnderOtherThan: course.version },
            { cause: "CHANGE", courseVersionId: row.id, changedOn: change.changedOn ? new Date(`${change.changedOn}T00:00:00Z`) : today, dueDate },
            now,
          );
          if (rows.length > 0) reopened.push({ slug: change.slug, title: change.title, people: rows.length });
          for (const r of rows) reopenedFor.set(r.personId, [...(reopenedFor.get(r.personId) ?? []), change]);
        }
        const personIds = [...reopenedFor.keys()];
        await tx.courseVersion.update({ where: { id: row.id }, data: { reopenedLessons: reopened.length, reopenedPeople: personIds.length } });
        if (personIds.length > 0) {
          const people = await tx.person.findMany({ where: { id: { in: personIds } }, select: { id: true, name: true, email: true } });
          const messages: Outgoing[] = people.map((p) => ({
            kind: "lesson_reopened",
            key: `lesson_reopened:${p.id}:${row.id}`,
            to: p,
            content: lessonsReopenedMessage({ courseSlug: course.slug, courseTitle: course.title, lessons: reopenedFor.get(p.id) ?? [], dueDate }),
          }));
          await notify(tx, messages, now);
          await readinessChanged(tx, personIds, "Course changed", now);
        }
        await recordAudit(
          {
            action: "course_version.applied",
            actor: by,
            target: course.slug,
            subjectId: null,
            details: {
              version: course.version,
              previousVersion: previous?.version ?? null,
              changed: changes.map((c) => `${c.slug} (${c.kind}${c.kind === "changed" ? `, ${c.material ? "material" : "minor"}` : ""})`),
              reopenedLessons: reopened.length,
              reopenedPeople: personIds.length,
            },
          },
          tx,
        );
        return { kind: "applied" as const, first: previous === null, changes, reopened, people: personIds.length };
      },
      { timeout: 60_000 },
    );
  } catch (error) {
    // Someone applied the same version meanwhile: the unique (course, version) refused the second row.
    if (isUniqueViolation(error)) return { kind: "already-applied" };
    throw error;
  }
}

/**
 * The course library's "Apply this version": the version HR looked at, if it is still the catalog's. A newer build
 * since the page was shown is "stale", so nobody applies changes they did not see.
 */
export async function applyPendingVersion(courseSlug: string, version: string, by: AppliedBy, now: Date): Promise<ApplyOutcome | { kind: "not-found" } | { kind: "stale" }> {
  const course = getCourse(courseSlug);
  if (!course) return { kind: "not-found" };
  if (course.version !== version) return { kind: "stale" };
  return applyCourseVersion(course, by, now);
}

/** Apply every course of the catalog whose version is not recorded yet (content:apply, the demo seed). */
export async function applyAllCourses(by: AppliedBy | null, now: Date, courses: CatalogCourse[] = getCatalog().courses) {
  const results: { course: CatalogCourse; outcome: ApplyOutcome }[] = [];
  for (const course of courses) results.push({ course, outcome: await applyCourseVersion(course, by, now) });
  return results;
}

/**
 * Record the first version of every course that has none: a first version re-opens nothing, so it needs no one's
 * confirmation, and later changes then have a baseline to be compared with. Run when the server starts.
 */
export async function recordFirstVersions(now: Date, courses: CatalogCourse[] = getCatalog().courses): Promise<number> {
  const unrecorded = await unrecordedVersions(courses);
  const first = courses.filter((c) => unrecorded.get(c.slug) === "first");
  await applyAllCourses(null, now, first);
  return first.length;
}
