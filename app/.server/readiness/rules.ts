/**
 * Readiness: one clear answer per person, with reasons. Pure: it takes what is known about a person's
 * assigned courses on a given day and returns their state; docs/readiness.md states the same rules in words.
 */
export const READINESS_STATES = ["READY", "ON_TRACK", "NOT_STARTED", "AT_RISK", "OVERDUE"] as const;
export type ReadinessState = (typeof READINESS_STATES)[number];

import { shortReason, type Exception } from "../overrides/effective";
import type { PracticeStanding } from "../practice/standing";

export const AT_RISK_DAYS = 7;
const DAY = 24 * 60 * 60 * 1000;

export type QuizStanding = {
  lessonTitle: string;
  /** Best score so far, or null when never attempted. */
  bestScore: number | null;
  passMark: number;
  passed: boolean;
  attemptsLeft: number;
  /** More attempts a manager or HR granted on this quiz. */
  granted: { count: number; by: string; at: Date } | null;
};

export type AssignedCourse = {
  curriculumName: string;
  courseSlug: string;
  courseTitle: string;
  required: boolean;
  /** Midnight UTC of the due day, or null when the course has no due date. */
  dueDate: Date | null;
  lessonsDone: number;
  lessonsTotal: number;
  /** Every lesson complete under its rule (quiz lessons: quiz passed at its pass mark). */
  completed: boolean;
  completedAt: Date | null;
  /** Quizzes of the course's quiz lessons that were attempted and are not yet passed (untried ones say nothing more than the lesson count). */
  openQuizzes: QuizStanding[];
  /** Any lesson opened, completed or quiz attempted. */
  started: boolean;
  /** Waived for this person: satisfied, but never "completed". */
  waived: Exception | null;
  /** The due date was moved for this person (dueDate is the new day). */
  dueExtended: (Exception & { date: Date }) | null;
  /** Practice tasks of unfinished signoff lessons that are waiting for an observer or were returned. */
  practice: PracticeStanding[];
};

export type Readiness = { state: ReadinessState; reasons: string[]; since: Date | null };

export const stateLabel: Record<ReadinessState, string> = {
  READY: "Ready",
  ON_TRACK: "On track",
  NOT_STARTED: "Not started",
  AT_RISK: "At risk",
  OVERDUE: "Overdue",
};

// One formatter for every reason: toLocaleDateString builds a new one per call, which dominated the report's time.
const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

export function formatDay(d: Date): string {
  return dayFormat.format(d);
}

const startOfDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

const decided = (e: Exception) => `by ${e.by} on ${formatDay(e.at)}`;

function courseReasons(c: AssignedCourse, today: Date): string[] {
  const progress = `${c.lessonsDone} of ${c.lessonsTotal} lessons done`;
  const extended = c.dueExtended ? ` (extended ${decided(c.dueExtended)}: ${shortReason(c.dueExtended.reason)})` : "";
  const reasons: string[] = [];
  if (c.dueDate && c.dueDate < today) reasons.push(`${c.courseTitle} overdue since ${formatDay(c.dueDate)}${extended} — ${progress}`);
  else if (c.dueDate) reasons.push(`${c.courseTitle} due ${formatDay(c.dueDate)}${extended} — ${progress}`);
  else reasons.push(`${c.courseTitle} — ${progress}`);
  for (const q of c.openQuizzes) {
    if (q.bestScore === null) continue;
    const granted = q.granted ? ` (${q.granted.count} more ${q.granted.count === 1 ? "attempt" : "attempts"} granted by ${q.granted.by} on ${formatDay(q.granted.at)})` : "";
    const standing = `best ${q.bestScore} %, needs ${q.passMark} %${granted}`;
    reasons.push(
      q.attemptsLeft > 0
        ? `Quiz in ${q.lessonTitle} not passed — ${standing}`
        : `Quiz in ${q.lessonTitle} failed with no attempts left — ${standing}`,
    );
  }
  for (const p of c.practice) {
    reasons.push(
      p.status === "waiting" ? `Waiting for sign-off: ${p.taskTitle} (submitted ${formatDay(p.at)})` : `Practice returned with notes on ${formatDay(p.at)}: ${p.taskTitle}`,
    );
  }
  return reasons;
}

/** Waived required courses are named even for people who are ready: HR should see what was not done. */
const waiverReasons = (required: AssignedCourse[]) =>
  required.flatMap((c) => (c.waived ? [`${c.courseTitle} waived ${decided(c.waived)}: ${shortReason(c.waived.reason)}`] : []));

/**
 * Ready when every required course of every assigned curriculum is complete or waived; otherwise the most urgent of
 * Overdue (a required course past due), At risk (one due within 7 days, or a required quiz with no attempts
 * left), Not started (nothing begun) and On track. Optional courses never hold anyone back.
 */
export function computeReadiness(courses: AssignedCourse[], now: Date): Readiness {
  const today = startOfDay(now);
  const required = courses.filter((c) => c.required);
  if (required.length === 0) {
    return { state: "NOT_STARTED", reasons: ["No onboarding curriculum assigned yet"], since: null };
  }
  const open = required.filter((c) => !c.completed && !c.waived);
  const waived = waiverReasons(required);
  if (open.length === 0) {
    const last = Math.max(...required.map((c) => (c.completed ? c.completedAt?.getTime() : c.waived?.at.getTime()) ?? 0));
    return { state: "READY", reasons: waived, since: last > 0 ? new Date(last) : null };
  }

  // Most urgent first: earliest due date, undated last.
  const byUrgency = [...open].sort((a, b) => (a.dueDate?.getTime() ?? Infinity) - (b.dueDate?.getTime() ?? Infinity));
  const reasons = [...byUrgency.flatMap((c) => courseReasons(c, today)), ...waived];
  const overdue = byUrgency.filter((c) => c.dueDate && c.dueDate < today);
  if (overdue.length > 0) {
    return { state: "OVERDUE", reasons, since: new Date(overdue[0]!.dueDate!.getTime() + DAY) };
  }
  const soon = byUrgency.filter((c) => c.dueDate && c.dueDate.getTime() - today.getTime() <= AT_RISK_DAYS * DAY);
  const stuck = byUrgency.some((c) => c.openQuizzes.some((q) => q.attemptsLeft === 0));
  if (soon.length > 0 || stuck) {
    const since = soon[0]?.dueDate ? new Date(soon[0].dueDate.getTime() - AT_RISK_DAYS * DAY) : null;
    return { state: "AT_RISK", reasons, since };
  }
  if (!required.some((c) => c.started)) return { state: "NOT_STARTED", reasons, since: null };
  return { state: "ON_TRACK", reasons, since: null };
}

/** Sort key: who needs help comes first. */
export const urgency: Record<ReadinessState, number> = { OVERDUE: 0, AT_RISK: 1, NOT_STARTED: 2, ON_TRACK: 3, READY: 4 };
