import { describe, expect, it } from "vitest";
import { getCatalog } from "~/.server/content/catalog";
import { prisma } from "~/.server/db";
import { courseProgress } from "~/.server/progress/completion";
import { courseTallies, tallyProgress } from "~/.server/progress/tally";
import { tallyRows } from "./helpers/tally-rows";
import { createTestPerson } from "../factories";

const at = (iso: string) => new Date(`${iso}T09:00:00Z`);

describe("course tallies summed by the database (what the readiness report reads)", () => {
  it("equal the tallies of the same rows in memory, ignore lessons no longer in the course, and judge courses as courseProgress does", async () => {
    const catalog = getCatalog().courses;
    const [first, second] = catalog;
    const a = await createTestPerson();
    const b = await createTestPerson();
    const untouched = await createTestPerson();
    const rows = [
      // a: all of the first course, the last lesson finished latest; one lesson of the second in progress.
      ...first!.lessons.map((l, i) => ({
        personId: a.id,
        courseSlug: first!.slug,
        lessonSlug: l.slug,
        status: "COMPLETED",
        completedAt: at(`2026-10-0${i + 1}`),
        updatedAt: at(`2026-10-0${i + 1}`),
      })),
      { personId: a.id, courseSlug: second!.slug, lessonSlug: second!.lessons[0]!.slug, status: "IN_PROGRESS", completedAt: null, updatedAt: at("2026-10-20") },
      // b: one lesson done, plus a lesson the course no longer has (done later, so it would win if counted).
      {
        personId: b.id,
        courseSlug: first!.slug,
        lessonSlug: first!.lessons[1]!.slug,
        status: "COMPLETED",
        completedAt: at("2026-10-05"),
        updatedAt: at("2026-10-05"),
      },
      {
        personId: b.id,
        courseSlug: first!.slug,
        lessonSlug: "a-lesson-since-removed",
        status: "COMPLETED",
        completedAt: at("2026-11-01"),
        updatedAt: at("2026-11-01"),
      },
    ];
    await prisma.lessonProgress.createMany({
      data: rows.map((r) => ({ ...r, courseVersion: "v-test", status: r.status as "COMPLETED" | "IN_PROGRESS" })),
    });

    const fromDb = await courseTallies([a.id, b.id, untouched.id], catalog);
    const courses = new Map(catalog.map((c) => [c.slug, c]));
    const sorted = (t: ReturnType<typeof tallyRows>) =>
      t.map((x) => ({ ...x, completedLessons: [...x.completedLessons].sort() })).sort((x, y) => x.courseSlug.localeCompare(y.courseSlug));
    for (const person of [a, b]) {
      const mine = rows.filter((r) => r.personId === person.id);
      expect(sorted(fromDb.get(person.id) ?? [])).toEqual(sorted(tallyRows(mine, courses)));
      for (const course of [first!, second!]) {
        const tally = fromDb.get(person.id)?.find((t) => t.courseSlug === course.slug);
        const expected = courseProgress(
          course,
          mine.filter((r) => r.courseSlug === course.slug),
        );
        expect(tallyProgress(course, tally)).toMatchObject({
          completedCount: expected.completedCount,
          total: expected.total,
          state: expected.state,
          completedAt: expected.completedAt,
        });
      }
    }
    expect(fromDb.has(untouched.id)).toBe(false);

    const aFirst = fromDb.get(a.id)!.find((t) => t.courseSlug === first!.slug)!;
    expect(tallyProgress(first!, aFirst).state).toBe("completed");
    expect(aFirst.lastCompletedAt).toEqual(at(`2026-10-0${first!.lessons.length}`));
    const bFirst = fromDb.get(b.id)!.find((t) => t.courseSlug === first!.slug)!;
    expect(bFirst).toMatchObject({ completedLessons: [first!.lessons[1]!.slug], lastActivity: at("2026-10-05") });
  });
});
