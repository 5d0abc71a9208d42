// Lessons opened again (progress/reopen.ts): what a learner and HR then see — due dates, reasons, fresh quiz
// attempts — and how completing the lesson again closes the reopening while the earlier completion stays.
import { beforeAll, describe, expect, it } from "vitest";
import { getCourse } from "~/.server/content/catalog";
import { assignPeople } from "~/.server/curricula/assignments";
import { assignedCoursesFor } from "~/.server/curricula/assigned-courses";
import { createCurriculum } from "~/.server/curricula/curricula";
import { prisma } from "~/.server/db";
import { reopenLessons } from "~/.server/progress/reopen";
import { startAttempt } from "~/.server/quiz/attempts";
import { readinessFor } from "~/.server/readiness/load";
import { createTestPerson } from "../factories";
import { takeQuiz } from "./helpers/quiz";

const SLUG = "internal-customer-service";
const course = () => getCourse(SLUG)!;
const relay = () => course().lessons.find((l) => l.slug === "the-relay-hand-off")!;
const DAY = 86_400_000;
const now = new Date();
const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));

let hr: Awaited<ReturnType<typeof createTestPerson>>;
let curriculumId: string;

beforeAll(async () => {
  hr = await createTestPerson({ role: "HR", name: "Hana HR" });
  const curriculum = await createCurriculum(
    {
      name: "Reopen onboarding",
      description: "",
      inOrder: false,
      dueRule: { kind: "days", days: 10 },
      courses: [{ slug: SLUG, required: true, dueRule: null }],
    },
    { actor: hr, ip: null },
  );
  curriculumId = curriculum.id;
});

/** A learner who finished the course under `version`, passing the relay quiz on its last allowed attempt. */
async function finisher(name: string, version: string) {
  const learner = await createTestPerson({ name, startDate: new Date(today.getTime() - 30 * DAY) });
  await assignPeople(curriculumId, [learner.email], { actor: hr, ip: null });
  const ref = { personId: learner.id, course: course(), lesson: relay() };
  for (let n = 1; n < course().attemptLimit; n++) await takeQuiz(ref, n, "wrong");
  expect(await takeQuiz(ref, course().attemptLimit, "right")).toMatchObject({ kind: "graded", passed: true });
  const others = course().lessons.filter((l) => l.slug !== relay().slug);
  await prisma.lessonProgress.createMany({
    data: others.map((l) => ({
      personId: learner.id,
      courseSlug: SLUG,
      lessonSlug: l.slug,
      courseVersion: version,
      status: "COMPLETED" as const,
      completedAt: new Date(),
    })),
  });
  await prisma.lessonProgress.updateMany({ where: { personId: learner.id }, data: { courseVersion: version } });
  return { learner, ref };
}

describe("a re-opened lesson", () => {
  it("re-opens only for people who completed it under another version, and moves their completion into history", async () => {
    const before = await finisher("Earlier Finisher", "old-version");
    const after = await finisher("Later Finisher", course().version);
    expect((await readinessFor([before.learner.id], now))[0]!.state).toBe("READY");
    const completedAt = (await prisma.lessonProgress.findFirstOrThrow({ where: { personId: before.learner.id, lessonSlug: relay().slug } })).completedAt;

    const changedOn = new Date(today.getTime() - 2 * DAY);
    const dueDate = new Date(changedOn.getTime() + 14 * DAY);
    const reopened = await prisma.$transaction((tx) =>
      reopenLessons(
        tx,
        { courseSlug: SLUG, lessonSlugs: [relay().slug], completedUnderOtherThan: course().version },
        { cause: "CHANGE", changedOn, dueDate },
        now,
      ),
    );
    expect(reopened).toEqual([{ personId: before.learner.id, lessonSlug: relay().slug }]);
    const history = await prisma.lessonReopening.findMany({ where: { personId: { in: [before.learner.id, after.learner.id] } } });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      previousCompletedAt: completedAt,
      previousVersion: "old-version",
      attemptsBefore: course().attemptLimit,
      resolvedAt: null,
    });

    // HR: no longer ready, and why; the later finisher is untouched.
    const [row] = await readinessFor([before.learner.id], now);
    expect(row!.state).not.toBe("READY");
    expect(row!.reasons).toContain(
      `'${relay().title}' changed on ${new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" }).format(changedOn)}: review it`,
    );
    expect((await readinessFor([after.learner.id], now))[0]!.state).toBe("READY");

    // The learner: the course is due again on the reopening's day (its own due day has long passed), not overdue.
    const [held] = await assignedCoursesFor(before.learner.id, now);
    expect(held!.courses[0]).toMatchObject({ slug: SLUG, dueDate, overdue: false, completed: false });

    // A fresh set of attempts: every earlier one was used, yet the quiz can be taken again.
    const next = course().attemptLimit + 1;
    expect(await startAttempt({ ...before.ref, attemptNumber: next })).toMatchObject({ kind: "started" });
    expect(await takeQuiz(before.ref, next, "right")).toMatchObject({ kind: "graded", passed: true });

    // Completing it again closes the reopening; the earlier completion stays in history.
    const closed = await prisma.lessonReopening.findFirstOrThrow({ where: { personId: before.learner.id } });
    expect(closed.resolvedAt).not.toBeNull();
    expect(closed.previousCompletedAt).toEqual(completedAt);
    expect((await readinessFor([before.learner.id], now))[0]!.state).toBe("READY");
  });

  it("re-opens nothing when nobody completed the lesson", async () => {
    const starter = await createTestPerson({ name: "Just Started" });
    await assignPeople(curriculumId, [starter.email], { actor: hr, ip: null });
    const reopened = await prisma.$transaction((tx) =>
      reopenLessons(
        tx,
        { courseSlug: "listening-both-ways", lessonSlugs: ["anything"], completedUnderOtherThan: "x" },
        { cause: "CHANGE", changedOn: today, dueDate: today },
        now,
      ),
    );
    expect(reopened).toEqual([]);
  });
});
