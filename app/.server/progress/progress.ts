import type { Prisma } from "~/generated/prisma/client";
import type { CatalogCourse } from "../content/schema";
import { prisma } from "../db";
import { courseProgress } from "./completion";
import { getCourse } from "../content/catalog";
import { eventIdFrom, publishEvents, type IntegrationEvent } from "../integrations/events";
import { readinessChanged } from "../readiness/upkeep";
import { resolveReopenings } from "./reopen";
import { isUniqueViolation } from "../db-errors";

type Tx = Prisma.TransactionClient;

export async function getProgressRows(personId: string, courseSlug?: string) {
  return prisma.lessonProgress.findMany({
    where: { personId, courseSlug },
    select: { courseSlug: true, lessonSlug: true, status: true, completedAt: true, courseVersion: true },
  });
}

/** Progress for several courses at once (one query), keyed by course slug. */
export async function getCoursesProgress(personId: string, courses: CatalogCourse[]) {
  const rows = await getProgressRows(personId);
  return new Map(
    courses.map((c) => [
      c.slug,
      courseProgress(
        c,
        rows.filter((r) => r.courseSlug === c.slug),
      ),
    ]),
  );
}

/**
 * Mark a lesson complete. A completion is never overwritten: completing again keeps the first date and the
 * course version it was completed under. One conditional write decides who completes it: of two completions at the
 * same moment, the second finds the row completed and changes nothing (PostgreSQL re-checks the condition once the
 * first commits; SQLite has one writer). Without a row yet, two creations collide on the unique key and the loser's
 * transaction fails: `finishLesson` runs it again, which then finds the completion.
 */
export async function completeLesson(input: LessonRef, tx: Tx, now = new Date()): Promise<boolean> {
  const { personId, courseSlug, lessonSlug, courseVersion } = input;
  const where = { personId, courseSlug, lessonSlug };
  const { count } = await tx.lessonProgress.updateMany({
    where: { ...where, status: { not: "COMPLETED" } },
    data: { status: "COMPLETED", completedAt: now, courseVersion },
  });
  if (count === 0) {
    if ((await tx.lessonProgress.count({ where })) > 0) return false;
    await tx.lessonProgress.create({ data: { ...input, status: "COMPLETED", completedAt: now } });
  }
  await resolveReopenings(tx, where, now);
  await publishEvents(tx, await completionEvents(tx, input), now);
  return true;
}

/** The lesson just completed, and the course when that was its last lesson (webhooks and xAPI, integrations/events.ts). */
async function completionEvents(tx: Tx, input: LessonRef): Promise<IntegrationEvent[]> {
  const { personId, courseSlug, lessonSlug, courseVersion } = input;
  // A completion is never overwritten, so these happen once per person, lesson (or course) and version.
  const events: IntegrationEvent[] = [
    {
      type: "lesson.completed",
      personId,
      courseSlug,
      lessonSlug,
      eventId: eventIdFrom(`lesson.completed:${personId}:${courseSlug}:${lessonSlug}:${courseVersion}`),
    },
  ];
  const slugs = getCourse(courseSlug)?.lessons.map((l) => l.slug) ?? [];
  const done = await tx.lessonProgress.count({ where: { personId, courseSlug, lessonSlug: { in: slugs }, status: "COMPLETED" } });
  if (slugs.length > 0 && done === slugs.length)
    events.push({ type: "course.completed", personId, courseSlug, eventId: eventIdFrom(`course.completed:${personId}:${courseSlug}:${courseVersion}`) });
  return events;
}

/** Record that a learner has begun a lesson (e.g. a failed quiz attempt) without touching a completion. */
export async function startLesson(input: { personId: string; courseSlug: string; lessonSlug: string; courseVersion: string }, tx: Tx): Promise<boolean> {
  const key = { personId_courseSlug_lessonSlug: { personId: input.personId, courseSlug: input.courseSlug, lessonSlug: input.lessonSlug } };
  const existing = await tx.lessonProgress.findUnique({ where: key, select: { id: true } });
  if (existing) return false;
  await tx.lessonProgress.create({ data: { ...input, status: "IN_PROGRESS" } });
  return true;
}

type LessonRef = { personId: string; courseSlug: string; lessonSlug: string; courseVersion: string };

/** A learner opens a lesson: the first opening starts it, and readiness follows in the same transaction. */
export async function openLesson(input: LessonRef) {
  await prisma.$transaction(async (tx) => {
    if (await startLesson(input, tx)) await readinessChanged(tx, [input.personId], "Lesson opened");
  });
}

/**
 * A learner completes a lesson by its rule (read, confirmed); readiness follows in the same transaction. True when
 * this call completed it (false: it already was).
 */
export async function finishLesson(input: LessonRef, now = new Date()): Promise<boolean> {
  const attempt = () =>
    prisma.$transaction(async (tx) => {
      const completed = await completeLesson(input, tx, now);
      if (completed) await readinessChanged(tx, [input.personId], "Lesson completed");
      return completed;
    });
  try {
    return await attempt();
  } catch (error) {
    // The same lesson completed at the same moment for the first time: the other completion won.
    if (isUniqueViolation(error)) return attempt();
    throw error;
  }
}

export async function getReflections(personId: string, courseSlug: string, lessonSlug: string) {
  const rows = await prisma.reflectionNote.findMany({
    where: { personId, courseSlug, lessonSlug },
    select: { reflectionId: true, text: true, updatedAt: true },
  });
  return Object.fromEntries(rows.map((r) => [r.reflectionId, { text: r.text, updatedAt: r.updatedAt }]));
}

export type ReflectionOutcome = { kind: "saved"; updatedAt: Date } | { kind: "no-such-reflection" };

/** Keep a learner's note, only under one of the lesson's own <Reflection> ids (any other id would be unlimited storage). */
export async function saveReflection(
  input: { personId: string; courseSlug: string; lessonSlug: string; reflectionId: string; text: string },
  lesson: { reflections?: readonly string[] },
): Promise<ReflectionOutcome> {
  const { personId, courseSlug, lessonSlug, reflectionId, text } = input;
  if (!(lesson.reflections ?? []).includes(reflectionId)) return { kind: "no-such-reflection" };
  const saved = await prisma.reflectionNote.upsert({
    where: { personId_courseSlug_lessonSlug_reflectionId: { personId, courseSlug, lessonSlug, reflectionId } },
    create: input,
    update: { text },
    select: { updatedAt: true },
  });
  return { kind: "saved", updatedAt: saved.updatedAt };
}
