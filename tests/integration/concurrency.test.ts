import { describe, expect, it } from "vitest";
import { getCourse } from "~/.server/content/catalog";
import type { CatalogCourse, CatalogLesson } from "~/.server/content/schema";
import { prisma } from "~/.server/db";
import { finishLesson, openLesson } from "~/.server/progress/progress";
import { startAttempt, submitAttempt } from "~/.server/quiz/attempts";
import { createTestPerson } from "../factories";
import { startWriter } from "./helpers/processes";
import { startedQuizForm, takeQuiz } from "./helpers/quiz";

const COURSE = "internal-customer-service";

function quizLesson(): { course: CatalogCourse; lesson: CatalogLesson } {
  const course = getCourse(COURSE);
  const lesson = course?.lessons.find((l) => l.quiz);
  if (!course || !lesson) throw new Error("content/ has no quiz in " + COURSE);
  return { course, lesson };
}

describe("many learners at once", () => {
  it("claims one attempt when the same learner starts the same quiz several times at once", async () => {
    const { course, lesson } = quizLesson();
    const learner = await createTestPerson();
    const start = () => startAttempt({ personId: learner.id, course, lesson, attemptNumber: 1 });
    const outcomes = await Promise.all(Array.from({ length: 8 }, start));

    expect(outcomes.filter((o) => o.kind === "started")).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === "duplicate")).toHaveLength(7);
    const rows = await prisma.quizAttempt.findMany({ where: { personId: learner.id, lessonSlug: lesson.slug } });
    expect(rows.map((r) => [r.attemptNumber, r.submittedAt])).toEqual([[1, null]]);
  });

  it("records one attempt when the same learner submits the same quiz form several times at once", async () => {
    const { course, lesson } = quizLesson();
    const learner = await createTestPerson();
    const ref = { personId: learner.id, course, lesson };
    const form = await startedQuizForm(ref, 1, "wrong");
    const submit = () => submitAttempt({ ...ref, attemptNumber: 1, form });
    const outcomes = await Promise.all(Array.from({ length: 8 }, submit));

    expect(outcomes.filter((o) => o.kind === "graded")).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === "duplicate")).toHaveLength(7);
    const rows = await prisma.quizAttempt.findMany({ where: { personId: learner.id, lessonSlug: lesson.slug } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ attemptNumber: 1, passed: false, submittedAt: expect.any(Date) });
  });

  it("keeps every learner's progress and attempts when many write at the same moment", async () => {
    const { course, lesson } = quizLesson();
    const learners = await Promise.all(Array.from({ length: 40 }, () => createTestPerson()));
    const views = course.lessons.filter((l) => !l.quiz).slice(0, 2);
    const key = (slug: string) => ({ courseSlug: course.slug, lessonSlug: slug, courseVersion: course.version });

    await Promise.all(
      learners.flatMap((p) => [
        ...views.map((v) => finishLesson({ personId: p.id, ...key(v.slug) })),
        openLesson({ personId: p.id, ...key(lesson.slug) }),
        // The same quiz started and submitted from two tabs at once: still one attempt each, graded once.
        takeQuiz({ personId: p.id, course, lesson }, 1, "wrong"),
        takeQuiz({ personId: p.id, course, lesson }, 1, "wrong"),
      ]),
    );

    const ids = learners.map((p) => p.id);
    const completed = await prisma.lessonProgress.count({ where: { personId: { in: ids }, status: "COMPLETED" } });
    const started = await prisma.lessonProgress.count({ where: { personId: { in: ids }, lessonSlug: lesson.slug } });
    const attempts = await prisma.quizAttempt.groupBy({ by: ["personId"], where: { personId: { in: ids } }, _count: { _all: true, submittedAt: true } });
    expect(completed).toBe(learners.length * views.length);
    expect(started).toBe(learners.length);
    expect(attempts).toHaveLength(learners.length);
    expect(attempts.every((a) => a._count._all === 1 && a._count.submittedAt === 1)).toBe(true);
  });

  it("does not lose a write that lands while another request's transaction is open and then rolls back", async () => {
    const { course } = quizLesson();
    const [a, b] = [await createTestPerson(), await createTestPerson()];
    const [first, second] = course.lessons;
    if (!first || !second) throw new Error("the course needs two lessons");
    let opened!: () => void;
    const isOpen = new Promise<void>((resolve) => (opened = resolve));
    let finish!: () => void;
    const mayFinish = new Promise<void>((resolve) => (finish = resolve));

    // Request A: a transaction that writes, waits on something else, then fails and rolls back.
    const failing = prisma.$transaction(async (tx) => {
      await tx.lessonProgress.create({
        data: { personId: a.id, courseSlug: course.slug, lessonSlug: first.slug, courseVersion: course.version, status: "IN_PROGRESS" },
      });
      opened();
      await mayFinish;
      throw new Error("request A failed");
    });
    // Request B: an ordinary write issued while A's transaction is open.
    await isOpen;
    const write = finishLesson({ personId: b.id, courseSlug: course.slug, lessonSlug: second.slug, courseVersion: course.version });
    setTimeout(finish, 20);

    await expect(failing).rejects.toThrow("request A failed");
    await write;
    expect(await prisma.lessonProgress.count({ where: { personId: a.id } })).toBe(0);
    expect(await prisma.lessonProgress.count({ where: { personId: b.id, status: "COMPLETED" } })).toBe(1);
  });

  it("does not show a transaction's unfinished writes to other requests", async () => {
    const { course } = quizLesson();
    const a = await createTestPerson();
    const [first] = course.lessons;
    if (!first) throw new Error("the course needs a lesson");
    let opened!: () => void;
    const isOpen = new Promise<void>((resolve) => (opened = resolve));
    let finish!: () => void;
    const mayFinish = new Promise<void>((resolve) => (finish = resolve));

    const tx = prisma.$transaction(async (t) => {
      await t.lessonProgress.create({
        data: { personId: a.id, courseSlug: course.slug, lessonSlug: first.slug, courseVersion: course.version, status: "IN_PROGRESS" },
      });
      opened();
      await mayFinish;
    });
    await isOpen;
    const seenDuring = await prisma.lessonProgress.count({ where: { personId: a.id } });
    finish();
    await tx;
    expect(seenDuring).toBe(0);
    expect(await prisma.lessonProgress.count({ where: { personId: a.id } })).toBe(1);
  });
});

describe("another process writing to the same database", () => {
  it("does not make quiz submissions fail with 'database is locked'", async () => {
    const { course, lesson } = quizLesson();
    const learners = await Promise.all(Array.from({ length: 60 }, () => createTestPerson()));
    // A second server instance: another connection committing every few milliseconds. (SQLite's lock is
    // not fair: a process writing in a tight loop with no gap at all would starve everyone else.)
    const writer = startWriter(process.env.DATABASE_URL!, { pauseMs: 2 });
    const failures: string[] = [];
    try {
      await writer.rowsReported(5);
      const before = writer.rows.length;
      // Starting reads (how many attempts so far?) and then writes, and so does submitting (is it still
      // open?): the case SQLite refuses when the transaction did not take the write lock up front and the
      // other process wrote in between.
      for (const group of [learners.slice(0, 20), learners.slice(20, 40), learners.slice(40)]) {
        const outcomes = await Promise.allSettled(group.map((p) => takeQuiz({ personId: p.id, course, lesson }, 1, "wrong")));
        failures.push(...outcomes.flatMap((o) => (o.status === "rejected" ? [String(o.reason)] : o.value.kind === "graded" ? [] : [o.value.kind])));
        await writer.rowsReported(writer.rows.length + 3);
      }
      expect(writer.rows.length).toBeGreaterThan(before);
    } finally {
      writer.child.kill("SIGKILL");
      await writer.exited;
    }
    expect(failures).toEqual([]);
    expect(await prisma.quizAttempt.count({ where: { personId: { in: learners.map((p) => p.id) }, submittedAt: { not: null } } })).toBe(learners.length);
  });
});
