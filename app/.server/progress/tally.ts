import { Prisma } from "~/generated/prisma/client";
import { chunks } from "../chunks";
import type { CatalogCourse } from "../content/schema";
import { dialect, prisma } from "../db";
import type { CourseState, ProgressRow } from "./completion";

/**
 * What one person has done in one course, summed up: enough to judge the course without every lesson row.
 * Only lessons the course still has count (as in courseProgress); a tally exists once any of them was opened.
 */
export type CourseTally = {
  courseSlug: string;
  completedLessons: string[];
  /** The latest completion among the completed lessons. */
  lastCompletedAt: Date | null;
  /** The latest change to any of the course's lesson rows. */
  lastActivity: Date;
};

export type TallyRow = ProgressRow & { courseSlug: string; updatedAt: Date };

const lessonKey = (courseSlug: string, lessonSlug: string) => `${courseSlug}/${lessonSlug}`;
const asDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

type TallySqlRow = { personId: string; courseSlug: string; completed: string | null; lastCompletedAt: Date | string | null; lastActivity: Date | string };

// The same query in each database's dialect (docs/decisions/018): the lessons go in as one JSON text parameter.
const sqliteTallies = (ids: string[], lessons: string) => Prisma.sql`
  SELECT "personId", "courseSlug",
    group_concat(CASE WHEN "status" = 'COMPLETED' THEN "lessonSlug" END) AS "completed",
    MAX(CASE WHEN "status" = 'COMPLETED' THEN "completedAt" END) AS "lastCompletedAt",
    MAX("updatedAt") AS "lastActivity"
  FROM "LessonProgress"
  WHERE "personId" IN (${Prisma.join(ids)})
    AND ("courseSlug" || '/' || "lessonSlug") IN (SELECT value FROM json_each(${lessons}))
  GROUP BY "personId", "courseSlug"`;

const postgresTallies = (ids: string[], lessons: string) => Prisma.sql`
  SELECT "personId", "courseSlug",
    string_agg(CASE WHEN "status" = 'COMPLETED' THEN "lessonSlug" END, ',') AS "completed",
    MAX(CASE WHEN "status" = 'COMPLETED' THEN "completedAt" END) AS "lastCompletedAt",
    MAX("updatedAt") AS "lastActivity"
  FROM "LessonProgress"
  WHERE "personId" IN (${Prisma.join(ids)})
    AND ("courseSlug" || '/' || "lessonSlug") IN (SELECT json_array_elements_text(CAST(${lessons} AS json)))
  GROUP BY "personId", "courseSlug"`;

/**
 * Tallies for many people, computed by the database (reports): one row per person and course instead of one per
 * lesson, since reading rows through Prisma costs far more than summing them in the database.
 * The catalog's current lessons go in as one JSON parameter.
 */
export async function courseTallies(personIds: string[], courses: CatalogCourse[], db: Prisma.TransactionClient = prisma): Promise<Map<string, CourseTally[]>> {
  const result = new Map<string, CourseTally[]>();
  const lessons = JSON.stringify(courses.flatMap((c) => c.lessons.map((l) => lessonKey(c.slug, l.slug))));
  for (const ids of chunks([...new Set(personIds)], 500)) {
    const rows = await db.$queryRaw<TallySqlRow[]>(dialect() === "postgresql" ? postgresTallies(ids, lessons) : sqliteTallies(ids, lessons));
    for (const row of rows) {
      const tally: CourseTally = {
        courseSlug: row.courseSlug,
        completedLessons: row.completed ? row.completed.split(",") : [],
        lastCompletedAt: row.lastCompletedAt === null ? null : asDate(row.lastCompletedAt),
        lastActivity: asDate(row.lastActivity),
      };
      const list = result.get(row.personId);
      if (list) list.push(tally);
      else result.set(row.personId, [tally]);
    }
  }
  return result;
}

/** A course's state from its tally: the rule of courseProgress (completed when every current lesson is). */
export function tallyProgress(course: CatalogCourse, tally: CourseTally | undefined) {
  const done = tally?.completedLessons ?? [];
  let completedCount = 0;
  for (const l of course.lessons) if (done.includes(l.slug)) completedCount++;
  const total = course.lessons.length;
  const state: CourseState = total > 0 && completedCount === total ? "completed" : tally ? "in_progress" : "not_started";
  return { completedCount, total, state, completedAt: state === "completed" ? (tally?.lastCompletedAt ?? null) : null };
}

/** Whether a lesson counts as complete in a tally. */
export const tallyHasDone = (tally: CourseTally | undefined, lessonSlug: string) => tally?.completedLessons.includes(lessonSlug) ?? false;
