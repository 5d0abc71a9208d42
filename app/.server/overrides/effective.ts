/**
 * What a person's overrides add up to (pure): extra attempts per quiz, a later due date per course, waived
 * courses. Every reader — the learner's pages, quiz attempts, readiness, CSV — goes through this.
 */
import type { OverrideKind } from "~/generated/prisma/enums";

export type OverrideRow = {
  id: string;
  kind: OverrideKind;
  courseSlug: string;
  lessonSlug: string | null;
  extraAttempts: number | null;
  dueDate: Date | null;
  reason: string;
  createdByName: string;
  createdAt: Date;
};

/** Who decided, when and why: what readiness reasons and the person's history name. */
export type Exception = { by: string; at: Date; reason: string };

export type PersonOverrides = {
  /** Keyed by quizKey(course, lesson): attempts granted in total, and the latest grant. */
  extraAttempts: Map<string, { count: number; last: Exception }>;
  /** Keyed by course slug: the latest extension wins. */
  dueDates: Map<string, Exception & { date: Date }>;
  /** Keyed by course slug. */
  waivers: Map<string, Exception>;
  /** Keyed by course slug: lessons opened again (a material change, a renewal) and not yet completed again. */
  reopened: Map<string, ReopenedLesson[]>;
};

/** An open LessonReopening as due dates, readiness and quiz attempts read it (progress/reopen.ts writes them). */
export type ReopenedLesson = {
  lessonSlug: string;
  cause: "CHANGE" | "RENEWAL";
  changedOn: Date;
  /** Midnight UTC of the day it is due again. */
  dueDate: Date;
  /** Quiz attempts submitted before: the limit counts from the reopening. */
  attemptsBefore: number;
};

export const quizKey = (courseSlug: string, lessonSlug: string) => `${courseSlug}/${lessonSlug}`;

export const noOverrides = (): PersonOverrides => ({ extraAttempts: new Map(), dueDates: new Map(), waivers: new Map(), reopened: new Map() });

export function summarizeOverrides(rows: readonly OverrideRow[], reopened: readonly (ReopenedLesson & { courseSlug: string })[] = []): PersonOverrides {
  const out = noOverrides();
  for (const { courseSlug, ...lesson } of reopened) out.reopened.set(courseSlug, [...(out.reopened.get(courseSlug) ?? []), lesson]);
  for (const row of [...rows].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
    const exception: Exception = { by: row.createdByName, at: row.createdAt, reason: row.reason };
    if (row.kind === "EXTRA_ATTEMPTS" && row.lessonSlug && row.extraAttempts) {
      const key = quizKey(row.courseSlug, row.lessonSlug);
      out.extraAttempts.set(key, { count: (out.extraAttempts.get(key)?.count ?? 0) + row.extraAttempts, last: exception });
    } else if (row.kind === "DUE_DATE" && row.dueDate) {
      out.dueDates.set(row.courseSlug, { ...exception, date: row.dueDate });
    } else if (row.kind === "WAIVER") {
      out.waivers.set(row.courseSlug, exception);
    }
  }
  return out;
}

/**
 * Attempts a person may make at one quiz: the course's limit plus what was granted, counted from the lesson's
 * reopening when it was opened again (the attempts before it belong to the earlier completion).
 */
export function attemptLimitFor(courseLimit: number, overrides: PersonOverrides, courseSlug: string, lessonSlug: string): number {
  return courseLimit + (overrides.extraAttempts.get(quizKey(courseSlug, lessonSlug))?.count ?? 0) + attemptsBeforeReopening(overrides, courseSlug, lessonSlug);
}

/**
 * How many attempts at a quiz belong to an earlier completion that was re-opened: attempts numbered above it are
 * the current round (a pass among the earlier ones no longer counts, nor shows the keys).
 */
export function attemptsBeforeReopening(overrides: PersonOverrides, courseSlug: string, lessonSlug: string): number {
  return Math.max(0, ...(overrides.reopened.get(courseSlug) ?? []).filter((r) => r.lessonSlug === lessonSlug).map((r) => r.attemptsBefore));
}

/** Whether one of these attempts passes the quiz in its current round. */
export const passedSinceReopening = (attempts: readonly { attemptNumber: number; passed: boolean }[], before: number) =>
  attempts.some((a) => a.passed && a.attemptNumber > before);

/** The day a re-opened course is due again: the latest due day of its open reopenings (null: none open). */
export function reopenedDueDate(overrides: PersonOverrides | undefined, courseSlug: string): Date | null {
  const open = overrides?.reopened.get(courseSlug) ?? [];
  return open.length ? new Date(Math.max(...open.map((r) => r.dueDate.getTime()))) : null;
}

/** A short form of a reason for one-line summaries (the full text is in the person's history). */
export function shortReason(reason: string, max = 80): string {
  const flat = reason.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}
