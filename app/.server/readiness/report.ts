import Papa from "papaparse";
import { day, practiceCell } from "./csv-cells";
import { READINESS_STATES, stateLabel, type AssignedCourse, type ReadinessState } from "./rules";

/** One person in the report: who they are, their state and why, and their courses. */
export type ReadinessRow = {
  personId: string;
  name: string;
  email: string;
  department: string | null;
  managerName: string | null;
  startDate: Date | null;
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
  /** Required courses done (completed) and waived, per curriculum: a waiver satisfies but is not a completion. */
  curricula: { id: string; name: string; requiredDone: number; requiredWaived: number; requiredTotal: number }[];
};

export type ReportFilter = { department?: string; curriculumId?: string; cohort?: string; state?: ReadinessState };

export const cohortOf = (startDate: Date | null) => (startDate ? startDate.toISOString().slice(0, 7) : "No start date");

const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });

export function cohortLabel(cohort: string): string {
  if (!/^\d{4}-\d{2}$/.test(cohort)) return cohort;
  return monthFormat.format(new Date(`${cohort}-01T00:00:00Z`));
}

export function applyFilter(rows: ReadinessRow[], f: ReportFilter): ReadinessRow[] {
  return rows.filter(
    (r) =>
      (!f.department || (r.department ?? "No department") === f.department) &&
      (!f.curriculumId || r.curricula.some((c) => c.id === f.curriculumId)) &&
      (!f.cohort || cohortOf(r.startDate) === f.cohort) &&
      (!f.state || r.state === f.state),
  );
}

export type StateCounts = Record<ReadinessState, number> & { total: number };

const emptyCounts = (): StateCounts => ({ READY: 0, ON_TRACK: 0, NOT_STARTED: 0, AT_RISK: 0, OVERDUE: 0, total: 0 });

export function countByState(rows: ReadinessRow[]): StateCounts {
  const counts = emptyCounts();
  for (const r of rows) {
    counts[r.state] += 1;
    counts.total += 1;
  }
  return counts;
}

/** Counts per group, groups sorted by name; a row may fall into several groups (curricula). */
export function countByGroup(rows: ReadinessRow[], groupsOf: (r: ReadinessRow) => string[]): { label: string; counts: StateCounts }[] {
  const groups = new Map<string, StateCounts>();
  for (const r of rows) {
    for (const g of groupsOf(r)) {
      const counts = groups.get(g) ?? emptyCounts();
      counts[r.state] += 1;
      counts.total += 1;
      groups.set(g, counts);
    }
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([label, counts]) => ({ label, counts }));
}

/**
 * For each start cohort: the share of its people who were ready N weeks after their own start date, for
 * weeks 0..weeks, up to today (later weeks have not happened yet and are left out).
 */
export function cohortSeries(rows: ReadinessRow[], weeks: number, now: Date) {
  const WEEK = 7 * 24 * 60 * 60 * 1000;
  const byCohort = new Map<string, ReadinessRow[]>();
  for (const r of rows) {
    if (!r.startDate) continue;
    const key = cohortOf(r.startDate);
    byCohort.set(key, [...(byCohort.get(key) ?? []), r]);
  }
  return [...byCohort.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([cohort, people]) => {
      const points: { week: number; readyPercent: number }[] = [];
      for (let w = 0; w <= weeks; w++) {
        const reached = people.filter((p) => p.startDate!.getTime() + w * WEEK <= now.getTime());
        if (reached.length === 0) break;
        const ready = reached.filter((p) => p.readyAt && p.readyAt.getTime() <= p.startDate!.getTime() + w * WEEK).length;
        points.push({ week: w, readyPercent: Math.round((ready / reached.length) * 100) });
      }
      return { label: `${cohortLabel(cohort)} (${people.length})`, cohort, points };
    })
    .filter((s) => s.points.length > 0);
}

/** One row per person, exactly the rows given (the caller applies the same filter as the page). */
export function readinessCsv(rows: ReadinessRow[]): string {
  const curricula = [...new Map(rows.flatMap((r) => r.curricula.map((c) => [c.id, c.name] as const))).entries()];
  const fields = ["Name", "Email", "State", "Since", "Reasons", "Manager", "Department", "Start date", "Practice not signed off", ...curricula.map(([, name]) => `${name} (required courses done)`)];
  const data = rows.map((r) => [
    r.name,
    r.email,
    stateLabel[r.state],
    day(r.since),
    r.reasons.join("\n"),
    r.managerName ?? "",
    r.department ?? "",
    day(r.startDate),
    practiceCell(r.courses),
    ...curricula.map(([id]) => {
      const c = r.curricula.find((x) => x.id === id);
      if (!c) return "";
      return `${c.requiredDone}/${c.requiredTotal}${c.requiredWaived ? ` (+${c.requiredWaived} waived)` : ""}`;
    }),
  ]);
  return Papa.unparse({ fields, data }, { newline: "\r\n", escapeFormulae: true });
}

/** One row per person × assigned course. */
export function readinessDetailCsv(rows: ReadinessRow[]): string {
  const fields = ["Name", "Email", "State", "Department", "Manager", "Curriculum", "Course", "Required", "Due", "Due extended by", "Lessons done", "Lessons", "Completed", "Completed at", "Waived by", "Waiver reason", "Practice not signed off"];
  const data = rows.flatMap((r) =>
    r.courses.map((c) => [
      r.name,
      r.email,
      stateLabel[r.state],
      r.department ?? "",
      r.managerName ?? "",
      c.curriculumName,
      c.courseTitle,
      c.required ? "yes" : "no",
      day(c.dueDate),
      c.dueExtended?.by ?? "",
      c.lessonsDone,
      c.lessonsTotal,
      // "waived" is never "yes": a waiver satisfies the requirement without being a completion (as cmi5 keeps it apart).
      c.completed ? "yes" : c.waived ? "waived" : "no",
      day(c.completedAt),
      c.waived ? `${c.waived.by} on ${day(c.waived.at)}` : "",
      c.waived?.reason ?? "",
      practiceCell([c]),
    ]),
  );
  return Papa.unparse({ fields, data }, { newline: "\r\n", escapeFormulae: true });
}

export { READINESS_STATES };
