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
};

export const quizKey = (courseSlug: string, lessonSlug: string) => `${courseSlug}/${lessonSlug}`;

export const noOverrides = (): PersonOverrides => ({ extraAttempts: new Map(), dueDates: new Map(), waivers: new Map() });

export function summarizeOverrides(rows: readonly OverrideRow[]): PersonOverrides {
  const out = noOverrides();
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

/** Attempts a person may make at one quiz: the course's limit plus what was granted. */
export function attemptLimitFor(courseLimit: number, overrides: PersonOverrides, courseSlug: string, lessonSlug: string): number {
  return courseLimit + (overrides.extraAttempts.get(quizKey(courseSlug, lessonSlug))?.count ?? 0);
}

/** A short form of a reason for one-line summaries (the full text is in the person's history). */
export function shortReason(reason: string, max = 80): string {
  const flat = reason.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}
