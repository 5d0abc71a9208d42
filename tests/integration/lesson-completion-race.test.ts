import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it } from "vitest";
import { getCourse } from "~/.server/content/catalog";
import { dialect, prisma, type PrismaClient } from "~/.server/db";
import { completeLesson, finishLesson, openLesson } from "~/.server/progress/progress";
import { PrismaClient as PostgresPrismaClient } from "~/generated/prisma-pg/client";
import { createTestPerson } from "../factories";

const course = getCourse("internal-customer-service")!;
const lesson = course.lessons.find((l) => l.completion === "view")!;
const first = new Date("2026-03-02T09:00:00Z");
const second = new Date("2026-03-02T09:00:00.400Z");

/** Two completions of one lesson arriving together (a double click, two tabs), for a fresh person. */
async function completeTwiceAtOnce({ opened }: { opened: boolean }) {
  const person = await createTestPerson();
  const ref = { personId: person.id, courseSlug: course.slug, lessonSlug: lesson.slug, courseVersion: course.version };
  if (opened) await openLesson(ref);
  const results = await Promise.all([finishLesson(ref, first), finishLesson(ref, second)]);
  const row = await prisma.lessonProgress.findUniqueOrThrow({
    where: { personId_courseSlug_lessonSlug: { personId: person.id, courseSlug: course.slug, lessonSlug: lesson.slug } },
  });
  return { results, row };
}

describe("completing a lesson twice at the same moment", () => {
  for (const opened of [true, false]) {
    it(`records one completion with the winner's date, ${opened ? "after the lesson was opened" : "before any progress row exists"}`, async () => {
      // Several rounds: on PostgreSQL the old read-then-write let both transactions read "not completed".
      for (let round = 0; round < 8; round++) {
        const { results, row } = await completeTwiceAtOnce({ opened });
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(row.status).toBe("COMPLETED");
        expect(row.completedAt?.toISOString()).toBe((results[0] ? first : second).toISOString());
      }
    });
  }

  it("never moves the date of an earlier completion", async () => {
    const { row } = await completeTwiceAtOnce({ opened: true });
    const ref = { personId: row.personId, courseSlug: course.slug, lessonSlug: lesson.slug, courseVersion: "a later version" };
    expect(await finishLesson(ref, new Date("2026-04-01T00:00:00Z"))).toBe(false);
    const after = await prisma.lessonProgress.findUniqueOrThrow({ where: { id: row.id } });
    expect(after).toMatchObject({ completedAt: row.completedAt, courseVersion: course.version });
  });
});

// Baton's PostgreSQL adapter runs write transactions one at a time (an advisory lock, docs/decisions/018), which
// already keeps two completions apart. The conditional write must not depend on it: without the lock, READ COMMITTED
// let the old read-then-upsert see "not completed" in both transactions and the later one moved the date.
describe.runIf(dialect() === "postgresql")("completing a lesson on PostgreSQL without the write lock", () => {
  it("still records one completion, with the first date", async () => {
    const unlocked = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }) }) as unknown as PrismaClient;
    try {
      for (let round = 0; round < 8; round++) {
        const person = await createTestPerson();
        const ref = { personId: person.id, courseSlug: course.slug, lessonSlug: lesson.slug, courseVersion: course.version };
        await openLesson(ref);
        const results = await Promise.all([first, second].map((now) => unlocked.$transaction((tx) => completeLesson(ref, tx, now))));
        expect(results.filter(Boolean)).toHaveLength(1);
        const row = await prisma.lessonProgress.findFirstOrThrow({ where: { personId: person.id, lessonSlug: lesson.slug } });
        expect(row.completedAt?.toISOString()).toBe((results[0] ? first : second).toISOString());
      }
    } finally {
      await unlocked.$disconnect();
    }
  });
});
