/**
 * Readiness: one clear answer per person, with reasons. Pure: it takes what is known about a person's
 * assigned courses on a given day and returns their state; docs/readiness.md states the same rules in words.
 */
import { READINESS_STATES, stateLabel, type ReadinessState } from "~/utils/readiness-states";

export { READINESS_STATES, stateLabel, type ReadinessState };

import { shortReason, type Exception } from "../overrides/effective";
import type { PracticeStanding } from "../practice/standing";
import type { CertificateExpiry } from "./expiry";
import { isOverdue, startOfDayUTC } from "../curricula/due-dates";

const AT_RISK_DAYS = 7;
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
  /** The latest submitted attempt. */
  lastAt: Date;
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
  /** When the person first received the curriculum that holds this course (the earliest, if several). */
  assignedAt: Date;
  /** That curriculum's grace period in days: no "At risk" before it ends. */
  graceDays: number;
  /** Lessons a material change opened again and the person has not completed since. */
  changed?: { lessonTitle: string; changedOn: Date }[];
  /** Opened again to renew a certificate: its deadline is the certificate's end (Expiring, Expired), not a due date. */
  renewing?: boolean;
};

type Readiness = { state: ReadinessState; reasons: string[]; since: Date | null };

// One formatter for every reason: toLocaleDateString builds a new one per call, which dominated the report's time.
const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

export function formatDay(d: Date): string {
  return dayFormat.format(d);
}

const decided = (e: Exception) => `by ${e.by} on ${formatDay(e.at)}`;

function courseReasons(c: AssignedCourse, today: Date): string[] {
  const progress = `${c.lessonsDone} of ${c.lessonsTotal} lessons done`;
  const extended = c.dueExtended ? ` (extended ${decided(c.dueExtended)}: ${shortReason(c.dueExtended.reason)})` : "";
  const reasons: string[] = [];
  if (c.dueDate && isOverdue(c.dueDate, false, today)) reasons.push(`${c.courseTitle} overdue since ${formatDay(c.dueDate)}${extended} — ${progress}`);
  else if (c.dueDate) reasons.push(`${c.courseTitle} due ${formatDay(c.dueDate)}${extended} — ${progress}`);
  else reasons.push(`${c.courseTitle} — ${progress}`);
  for (const q of c.openQuizzes) {
    if (q.bestScore === null) continue;
    const granted = q.granted
      ? ` (${q.granted.count} more ${q.granted.count === 1 ? "attempt" : "attempts"} granted by ${q.granted.by} on ${formatDay(q.granted.at)})`
      : "";
    const standing = `best ${q.bestScore} %, needs ${q.passMark} %${granted}`;
    reasons.push(
      q.attemptsLeft > 0 ? `Quiz in ${q.lessonTitle} not passed — ${standing}` : `Quiz in ${q.lessonTitle} failed with no attempts left — ${standing}`,
    );
  }
  for (const l of c.changed ?? []) reasons.push(`'${l.lessonTitle}' changed on ${formatDay(l.changedOn)}: review it`);
  for (const p of c.practice) {
    reasons.push(
      p.status === "waiting"
        ? `Waiting for sign-off: ${p.taskTitle} (submitted ${formatDay(p.at)})`
        : `Practice returned with notes on ${formatDay(p.at)}: ${p.taskTitle}`,
    );
  }
  return reasons;
}

/** Waived required courses are named even for people who are ready: HR should see what was not done. */
const waiverReasons = (required: AssignedCourse[]) =>
  required.flatMap((c) => (c.waived ? [`${c.courseTitle} waived ${decided(c.waived)}: ${shortReason(c.waived.reason)}`] : []));

/** What the rules need to know about the person beyond their courses. */
export type PersonStanding = {
  startDate: Date | null;
  /** Has the person ever signed in? */
  accountUsed: boolean;
  /** Certificates with an end, of curricula the person holds (readiness/expiry.ts). */
  expiries?: CertificateExpiry[];
};

const expiryReason = (e: CertificateExpiry, now: Date) =>
  `Certificate for ${e.curriculumName} ${e.validUntil <= now ? "expired" : "expires"} on ${formatDay(e.validUntil)}${e.renew.length ? ` — renew: ${e.renew.join(", ")}` : ""}`;

export type Judgement = Readiness & {
  /** The earliest later moment at which time alone changes the state or the reasons (null: never). */
  nextChangeAt: Date | null;
};

const maxDate = (...dates: (Date | null)[]) => {
  const times = dates.filter((d): d is Date => d !== null).map((d) => d.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
};

/** When "At risk" may first fire for a course: its 7-day window, but never within the curriculum's grace period. */
const atRiskFrom = (c: AssignedCourse) =>
  c.dueDate ? new Date(Math.max(c.dueDate.getTime() - AT_RISK_DAYS * DAY, startOfDayUTC(c.assignedAt).getTime() + c.graceDays * DAY)) : null;

const blockedAt = (c: AssignedCourse): Date[] => [
  ...c.openQuizzes.filter((q) => q.attemptsLeft === 0 && q.bestScore !== null).map((q) => q.lastAt),
  ...c.practice.filter((p) => p.status === "returned").map((p) => p.at),
];

/**
 * Most urgent first: Overdue (a required course past due), Expired (a certificate's end has passed and it was not
 * renewed), Blocked (a required quiz with no attempts left, or practice returned with notes), At risk (due within 7
 * days, once the curriculum's grace period is over), Expiring (a certificate's renewal notice has begun), then,
 * when nothing required has begun, Starts later / Invited, not signed in / Not started; otherwise On track.
 * No curriculum and Ready stand apart. A "since" is never earlier than the assignment it comes from.
 */
export function computeReadiness(courses: AssignedCourse[], now: Date, person: PersonStanding = { startDate: null, accountUsed: true }): Judgement {
  const today = startOfDayUTC(now);
  const required = courses.filter((c) => c.required);
  if (required.length === 0) {
    return { state: "NO_CURRICULUM", reasons: ["No onboarding curriculum assigned yet"], since: null, nextChangeAt: null };
  }
  const open = required.filter((c) => !c.completed && !c.waived);
  const waived = waiverReasons(required);
  // A certificate's end moves a person at the start of its notice and on the day it ends.
  const expiries = person.expiries ?? [];
  const expired = expiries.filter((e) => e.validUntil <= now).sort((a, b) => a.validUntil.getTime() - b.validUntil.getTime());
  const expiring = expiries.filter((e) => e.noticeFrom <= now && now < e.validUntil).sort((a, b) => a.validUntil.getTime() - b.validUntil.getTime());
  const expiryReasons = [...expired, ...expiring].map((e) => expiryReason(e, now));
  const expiryMoments = expiries.flatMap((e) => [e.noticeFrom, e.validUntil]);
  const byExpiry = (judged: (state: ReadinessState, since: Date | null) => Judgement): Judgement | null => {
    if (expired.length > 0) return judged("EXPIRED", expired[0]!.validUntil);
    if (expiring.length > 0) return judged("EXPIRING", expiring[0]!.noticeFrom);
    return null;
  };
  const nextOf = (moments: Date[]) => {
    const future = moments.filter((m) => m.getTime() > now.getTime()).map((m) => m.getTime());
    return future.length ? new Date(Math.min(...future)) : null;
  };

  if (open.length === 0) {
    const last = Math.max(...required.map((c) => (c.completed ? c.completedAt?.getTime() : c.waived?.at.getTime()) ?? 0));
    const nextChangeAt = nextOf(expiryMoments);
    const renewal = byExpiry((state, since) => ({ state, reasons: [...expiryReasons, ...waived], since, nextChangeAt }));
    return renewal ?? { state: "READY", reasons: waived, since: last > 0 ? new Date(last) : null, nextChangeAt };
  }

  // Time moves a person at the start of a due day's 7-day window (or the end of grace), the day after a due
  // day, and on their start date. Courses opened again for a renewal are timed by the certificate's end instead.
  const timed = open.filter((c) => !c.renewing);
  const moments = timed.flatMap((c) => (c.dueDate ? [atRiskFrom(c)!, new Date(c.dueDate.getTime() + DAY)] : []));
  if (person.startDate) moments.push(person.startDate);
  const nextChangeAt = nextOf([...moments, ...expiryMoments]);

  // Most urgent first: earliest due date, undated last.
  const byUrgency = [...open].sort((a, b) => (a.dueDate?.getTime() ?? Infinity) - (b.dueDate?.getTime() ?? Infinity));
  const reasons = [...expiryReasons, ...byUrgency.flatMap((c) => courseReasons(c, today)), ...waived];
  const judged = (state: ReadinessState, since: Date | null): Judgement => ({ state, reasons, since, nextChangeAt });

  const overdue = byUrgency.filter((c) => !c.renewing && isOverdue(c.dueDate, false, today));
  if (overdue.length > 0) return judged("OVERDUE", maxDate(new Date(overdue[0]!.dueDate!.getTime() + DAY), overdue[0]!.assignedAt));
  if (expired.length > 0) return byExpiry(judged)!;
  // Blocked since the first moment a course was stuck while assigned (a quiz failed before a reassignment counts from it).
  const blocked = byUrgency.flatMap((c) => {
    const moments = blockedAt(c);
    return moments.length ? [maxDate(new Date(Math.min(...moments.map((d) => d.getTime()))), c.assignedAt)!.getTime()] : [];
  });
  if (blocked.length > 0) return judged("BLOCKED", new Date(Math.min(...blocked)));
  const soon = byUrgency.filter((c) => !c.renewing && atRiskFrom(c) !== null && atRiskFrom(c)! <= now);
  if (soon.length > 0) return judged("AT_RISK", maxDate(atRiskFrom(soon[0]!), soon[0]!.assignedAt));
  const renewal = byExpiry(judged);
  if (renewal) return renewal;
  if (!required.some((c) => c.started)) {
    const firstHeld = new Date(Math.min(...required.map((c) => c.assignedAt.getTime())));
    if (person.startDate && person.startDate > now)
      return { ...judged("STARTS_LATER", null), reasons: [`Starts on ${formatDay(person.startDate)}`, ...reasons] };
    if (!person.accountUsed) return { ...judged("INVITED", firstHeld), reasons: ["Has not signed in yet", ...reasons] };
    return judged("NOT_STARTED", maxDate(firstHeld, person.startDate));
  }
  return judged("ON_TRACK", null);
}

/** Sort key: who needs help comes first. */
export const urgency = Object.fromEntries(READINESS_STATES.map((state, i) => [state, i])) as Record<ReadinessState, number>;
