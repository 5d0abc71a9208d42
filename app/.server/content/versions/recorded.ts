/**
 * The course versions Baton has recorded (CourseVersion rows), read back and checked, and what the catalog would
 * change if its versions were applied now: content:diff and the course library's "Pending version".
 */
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "../../db";
import { completionsToReopen } from "../../progress/reopen";
import { getCatalog, getCourse } from "../catalog";
import type { CatalogCourse } from "../schema";
import { diffCourse, type LessonChange, type RecordedLesson } from "./diff";

type Db = Prisma.TransactionClient;

const RecordedLessonsSchema = z.array(
  z.object({ slug: z.string(), title: z.string(), hash: z.string(), keyHash: z.string().nullable(), declaredOn: z.string().nullable() }),
) satisfies z.ZodType<RecordedLesson[]>;

const LessonChangesSchema = z.array(
  z.object({
    slug: z.string(),
    title: z.string(),
    kind: z.enum(["added", "changed", "removed"]),
    material: z.boolean(),
    note: z.string(),
    changedOn: z.string().nullable(),
  }),
) satisfies z.ZodType<LessonChange[]>;

/** The course's newest recorded version (null: none yet), its lessons parsed. */
export async function latestRecorded(db: Db, courseSlug: string) {
  const row = await db.courseVersion.findFirst({
    where: { courseSlug },
    orderBy: [{ appliedAt: "desc" }, { id: "desc" }],
    select: { id: true, version: true, lessons: true },
  });
  return row ? { id: row.id, version: row.version, lessons: RecordedLessonsSchema.parse(JSON.parse(row.lessons)) } : null;
}

type Course = Pick<CatalogCourse, "slug" | "title" | "version" | "lessons">;

/**
 * The catalog's version of a course when it is not recorded yet: what changed since the last recorded one, and for
 * each material change how many people it would re-open. Null: the catalog's version is recorded.
 */
async function pendingVersion(course: Course, db: Db = prisma) {
  const recorded = await db.courseVersion.findUnique({ where: { courseSlug_version: { courseSlug: course.slug, version: course.version } }, select: { id: true } });
  if (recorded) return null;
  const previous = await latestRecorded(db, course.slug);
  const changes = diffCourse(previous?.lessons ?? null, course);
  const people = new Set<string>();
  const withImpact = [];
  for (const change of changes) {
    if (change.kind !== "changed" || !change.material) {
      withImpact.push({ ...change, people: 0 });
      continue;
    }
    // Applying re-opens the same rows: completions by active people under another version (progress/reopen.ts).
    const rows = await completionsToReopen(db, { courseSlug: course.slug, lessonSlugs: [change.slug], completedUnderOtherThan: course.version });
    for (const r of rows) people.add(r.personId);
    withImpact.push({ ...change, people: rows.length });
  }
  return { slug: course.slug, title: course.title, version: course.version, first: previous === null, changes: withImpact, people: people.size };
}

/** Every course of the catalog (or of a freshly built one) whose version is not recorded yet. */
export async function pendingVersions(courses: Course[] = getCatalog().courses) {
  const pending = [];
  for (const course of courses) {
    const found = await pendingVersion(course);
    if (found) pending.push(found);
  }
  return pending;
}

/**
 * Courses whose catalog version is not recorded, for the course list: "change" when an earlier version is (applying it
 * may re-open lessons), "first" when none is (applying records a baseline).
 */
export async function unrecordedVersions(courses: Pick<CatalogCourse, "slug" | "version">[] = getCatalog().courses): Promise<Map<string, "change" | "first">> {
  if (courses.length === 0) return new Map();
  const recorded = await prisma.courseVersion.findMany({ where: { courseSlug: { in: courses.map((c) => c.slug) } }, select: { courseSlug: true, version: true } });
  const versionsOf = new Map<string, Set<string>>();
  for (const r of recorded) versionsOf.set(r.courseSlug, (versionsOf.get(r.courseSlug) ?? new Set()).add(r.version));
  const out = new Map<string, "change" | "first">();
  for (const c of courses) {
    const versions = versionsOf.get(c.slug);
    if (!versions) out.set(c.slug, "first");
    else if (!versions.has(c.version)) out.set(c.slug, "change");
  }
  return out;
}

/** A course's recorded versions, newest first, with what each changed and re-opened. */
async function courseVersionHistory(courseSlug: string) {
  const rows = await prisma.courseVersion.findMany({
    where: { courseSlug },
    orderBy: [{ appliedAt: "desc" }, { id: "desc" }],
    select: { id: true, version: true, changes: true, reopenedLessons: true, reopenedPeople: true, appliedAt: true, appliedByName: true },
  });
  return rows.map((r, i) => ({
    id: r.id,
    version: r.version,
    appliedAt: r.appliedAt,
    appliedBy: r.appliedByName,
    first: i === rows.length - 1,
    changes: LessonChangesSchema.parse(JSON.parse(r.changes)),
    reopenedLessons: r.reopenedLessons,
    reopenedPeople: r.reopenedPeople,
  }));
}

/** The course library's "Versions": the recorded history and the catalog's version when it is not recorded yet. */
export async function courseVersions(courseSlug: string) {
  const course = getCourse(courseSlug);
  if (!course) return null;
  const [history, pending] = await Promise.all([courseVersionHistory(course.slug), pendingVersion(course)]);
  return { history, pending };
}
