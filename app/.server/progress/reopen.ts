/**
 * Opening completed lessons again: a material change to a lesson (content/versions) or the renewal of a
 * certificate (certificates/renewal). The completion moves into LessonReopening, where it stays as history; the
 * lesson's progress row starts a new round, and readiness and due dates read the open reopenings (overrides).
 */
import type { Prisma } from "~/generated/prisma/client";
import type { ReopenCause } from "~/generated/prisma/enums";
import { chunks } from "../chunks";
import { formatDay } from "../readiness/rules";

type Tx = Prisma.TransactionClient;

export type ReopenScope = {
  courseSlug: string;
  lessonSlugs: string[];
  /** Only these people (default: everyone active who completed the lessons). */
  personIds?: string[];
  /** Leave alone completions made under this course version: those people already saw it. */
  completedUnderOtherThan?: string;
};

export type ReopenReason = {
  cause: ReopenCause;
  courseVersionId?: string;
  certificateId?: string;
  /** The day the lesson changed, or the renewal window opened. */
  changedOn: Date;
  /** Midnight UTC of the day it is due again. */
  dueDate: Date;
};

/** Which completions a reopening would touch (the same query content:diff counts with). */
export function completionsToReopen(tx: Tx, scope: ReopenScope) {
  return tx.lessonProgress.findMany({
    where: {
      courseSlug: scope.courseSlug,
      lessonSlug: { in: scope.lessonSlugs },
      status: "COMPLETED",
      personId: scope.personIds ? { in: scope.personIds } : undefined,
      courseVersion: scope.completedUnderOtherThan === undefined ? undefined : { not: scope.completedUnderOtherThan },
      person: { deactivatedAt: null },
    },
    select: { id: true, personId: true, lessonSlug: true, completedAt: true, courseVersion: true },
  });
}

/**
 * Re-open the completed lessons in scope, in the caller's transaction; returns who and what was re-opened. The
 * caller tells people (notify) and recomputes their readiness (readinessChanged).
 */
export async function reopenLessons(tx: Tx, scope: ReopenScope, reason: ReopenReason, now: Date): Promise<{ personId: string; lessonSlug: string }[]> {
  if (scope.lessonSlugs.length === 0 || scope.personIds?.length === 0) return [];
  const completed = await completionsToReopen(tx, scope);
  for (const batch of chunks(completed, 500)) {
    const attempts = await tx.quizAttempt.groupBy({
      by: ["personId", "lessonSlug"],
      where: {
        courseSlug: scope.courseSlug,
        personId: { in: [...new Set(batch.map((r) => r.personId))] },
        lessonSlug: { in: scope.lessonSlugs },
        submittedAt: { not: null },
      },
      _count: { _all: true },
    });
    const attemptsOf = new Map(attempts.map((a) => [`${a.personId}/${a.lessonSlug}`, a._count._all]));
    await tx.lessonReopening.createMany({
      data: batch.map((row) => ({
        personId: row.personId,
        courseSlug: scope.courseSlug,
        lessonSlug: row.lessonSlug,
        cause: reason.cause,
        courseVersionId: reason.courseVersionId ?? null,
        certificateId: reason.certificateId ?? null,
        previousCompletedAt: row.completedAt,
        previousVersion: row.courseVersion,
        attemptsBefore: attemptsOf.get(`${row.personId}/${row.lessonSlug}`) ?? 0,
        changedOn: reason.changedOn,
        reopenedAt: now,
        dueDate: reason.dueDate,
      })),
    });
    await tx.lessonProgress.updateMany({ where: { id: { in: batch.map((r) => r.id) } }, data: { status: "IN_PROGRESS", completedAt: null } });
  }
  return completed.map((r) => ({ personId: r.personId, lessonSlug: r.lessonSlug }));
}

/** Completing a lesson again closes its open reopenings. */
export function resolveReopenings(tx: Tx, lesson: { personId: string; courseSlug: string; lessonSlug: string }, now: Date) {
  return tx.lessonReopening.updateMany({ where: { ...lesson, resolvedAt: null }, data: { resolvedAt: now } });
}

/** What a learner reads beside a lesson opened again, keyed by lesson (open reopenings of one course). */
export async function reopenedNotes(db: Tx, personId: string, courseSlug: string): Promise<Record<string, string>> {
  const open = await db.lessonReopening.findMany({
    where: { personId, courseSlug, resolvedAt: null },
    select: { lessonSlug: true, cause: true, changedOn: true, dueDate: true },
    orderBy: { reopenedAt: "asc" },
  });
  return Object.fromEntries(
    open.map((r) => [
      r.lessonSlug,
      r.cause === "CHANGE"
        ? `Changed on ${formatDay(r.changedOn)} since you completed it: review it by ${formatDay(r.dueDate)}`
        : `Take it again to renew your certificate by ${formatDay(r.dueDate)}`,
    ]),
  );
}
