import type { CertificateExpiry } from "./expiry";
import { READINESS_STATES, type AssignedCourse, type ReadinessState } from "./rules";

/** One person in the report: who they are, their state and why, and their courses. */
export type ReadinessRow = {
  personId: string;
  name: string;
  email: string;
  department: string | null;
  managerId: string | null;
  startDate: Date | null;
  /** Not deactivated. */
  active: boolean;
  /** Has signed in at least once. */
  accountUsed: boolean;
  state: ReadinessState;
  reasons: string[];
  since: Date | null;
  /** The next moment time alone changes this row (see computeReadiness). */
  nextChangeAt: Date | null;
  /** Covered by the HR report: a learner, or anyone holding an active curriculum (deactivation aside). */
  inScope: boolean;
  /** When the person became ready (last required completion), or null. */
  readyAt: Date | null;
  lastActivity: Date | null;
  /** The latest quizzes taken, newest first: best score and whether the lesson is passed. */
  recentQuizzes: { lessonTitle: string; bestScore: number; passed: boolean }[];
  courses: AssignedCourse[];
  /** Certificates with an end, of curricula the person holds (Expiring, Expired). */
  expiries: CertificateExpiry[];
  /** Required courses done (completed) and waived, per curriculum: a waiver satisfies but is not a completion. */
  curricula: { id: string; name: string; requiredDone: number; requiredWaived: number; requiredTotal: number }[];
};

export const cohortOf = (startDate: Date | null) => (startDate ? startDate.toISOString().slice(0, 7) : "No start date");

const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });

export function cohortLabel(cohort: string): string {
  if (!/^\d{4}-\d{2}$/.test(cohort)) return cohort;
  return monthFormat.format(new Date(`${cohort}-01T00:00:00Z`));
}

export type StateCounts = Record<ReadinessState, number> & { total: number };

export const emptyCounts = (): StateCounts => ({ ...(Object.fromEntries(READINESS_STATES.map((s) => [s, 0])) as Record<ReadinessState, number>), total: 0 });

export function countByState(rows: ReadinessRow[]): StateCounts {
  const counts = emptyCounts();
  for (const r of rows) {
    counts[r.state] += 1;
    counts.total += 1;
  }
  return counts;
}
