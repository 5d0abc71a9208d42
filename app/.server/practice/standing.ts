/**
 * Where a person stands with a practice task (pure): the newest submission decides. Readiness names a task
 * waiting for sign-off and one returned with notes; a signed-off task completes its lesson.
 */
import type { PracticeStatus } from "~/generated/prisma/enums";

export type PracticeStanding = {
  lessonSlug: string;
  taskTitle: string;
  status: "waiting" | "returned";
  /** Submitted (waiting) or returned (returned). */
  at: Date;
};

export const STALE_SIGNOFF_DAYS = 7;

type Row = { lessonSlug: string; status: PracticeStatus; submittedAt: Date; reviewedAt: Date | null };

/** The newest submission per lesson, as a standing — or nothing when signed off or never submitted. */
export function practiceStanding(rows: readonly Row[], taskTitle: (lessonSlug: string) => string | null): PracticeStanding[] {
  const newest = new Map<string, Row>();
  for (const row of rows) {
    const seen = newest.get(row.lessonSlug);
    if (!seen || row.submittedAt > seen.submittedAt) newest.set(row.lessonSlug, row);
  }
  const out: PracticeStanding[] = [];
  for (const row of newest.values()) {
    const title = taskTitle(row.lessonSlug);
    if (!title) continue;
    if (row.status === "WAITING") out.push({ lessonSlug: row.lessonSlug, taskTitle: title, status: "waiting", at: row.submittedAt });
    if (row.status === "RETURNED") out.push({ lessonSlug: row.lessonSlug, taskTitle: title, status: "returned", at: row.reviewedAt ?? row.submittedAt });
  }
  return out;
}
