import type { CatalogCourse } from "~/.server/content/schema";
import type { CourseTally, TallyRow } from "~/.server/progress/tally";

/** The same tallies from one person's rows in memory (what the SQL in app/.server/progress/tally.ts computes): the reference the tests compare it with. */
export function tallyRows(rows: TallyRow[], courses: Map<string, CatalogCourse>): CourseTally[] {
  const byCourse = new Map<string, CourseTally>();
  for (const row of rows) {
    if (!courses.get(row.courseSlug)?.lessons.some((l) => l.slug === row.lessonSlug)) continue;
    const tally = byCourse.get(row.courseSlug) ?? { courseSlug: row.courseSlug, completedLessons: [], lastCompletedAt: null, lastActivity: row.updatedAt };
    if (row.updatedAt > tally.lastActivity) tally.lastActivity = row.updatedAt;
    if (row.status === "COMPLETED") {
      tally.completedLessons.push(row.lessonSlug);
      if (row.completedAt && (!tally.lastCompletedAt || row.completedAt > tally.lastCompletedAt)) tally.lastCompletedAt = row.completedAt;
    }
    byCourse.set(row.courseSlug, tally);
  }
  return [...byCourse.values()];
}
