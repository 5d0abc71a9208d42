/**
 * The baseline: readiness as Baton served it before the stored summary (commit 216cc33, hr-report.ts and
 * report.ts of then), kept here faithfully so the benchmark can measure both in one run. Every view derived
 * everyone from the raw tables (`readinessFor(await reportPopulation(), now)`), counted in memory, and the
 * CSV export built the whole file as one string with papaparse.
 *
 * Imported only after DATABASE_URL and CONTENT_OUT_DIR are set (the app's modules read them when first used).
 */
import Papa from "papaparse";
import { chunks } from "../../../app/.server/chunks";
import { startOfDayUTC } from "../../../app/.server/curricula/due-dates";
import { prisma } from "../../../app/.server/db";
import { staleSignOffs } from "../../../app/.server/practice/submissions";
import { STALE_SIGNOFF_DAYS } from "../../../app/.server/practice/standing";
import { readinessFor, reportPopulation } from "../../../app/.server/readiness/load";
import { cohortLabel, cohortOf, countByState, emptyCounts, type ReadinessRow, type StateCounts } from "../../../app/.server/readiness/report";
import { stateLabel, type AssignedCourse } from "../../../app/.server/readiness/rules";

/** Counts per group, groups sorted by name; a row may fall into several groups (curricula). */
function countByGroup(rows: OldRow[], groupsOf: (r: OldRow) => string[]): { label: string; counts: StateCounts }[] {
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

const WEEK = 7 * 24 * 60 * 60 * 1000;

function cohortSeries(rows: OldRow[], weeks: number, now: Date) {
  const byCohort = new Map<string, OldRow[]>();
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

function listItem(r: OldRow, at: Date) {
  return {
    personId: r.personId,
    name: r.name,
    email: r.email,
    department: r.department,
    managerName: r.managerName,
    startDate: r.startDate,
    state: r.state,
    reasons: r.reasons,
    since: r.since,
    lastActivity: r.lastActivity,
    recentQuizzes: r.recentQuizzes,
    curricula: r.curricula,
    overdue: r.courses.filter((c) => c.required && !c.completed && c.dueDate !== null && c.dueDate < startOfDayUTC(at)).length,
  };
}

type OldRow = ReadinessRow & { managerName: string | null };

/**
 * Everyone the report covers, derived from the raw tables: what every view of the old report began with.
 * The old derivation read the manager's name with the person; today's carries the id, so the names come in
 * one more query (managers only: a few hundred rows).
 */
async function deriveEveryone(now: Date): Promise<OldRow[]> {
  const rows = await readinessFor(await reportPopulation(), now);
  const ids = [...new Set(rows.map((r) => r.managerId).filter((id): id is string => id !== null))];
  const names = new Map<string, string>();
  for (const batch of chunks(ids, 500)) {
    for (const m of await prisma.person.findMany({ where: { id: { in: batch } }, select: { id: true, name: true } })) names.set(m.id, m.name);
  }
  return rows.map((r) => ({ ...r, managerName: r.managerId ? (names.get(r.managerId) ?? null) : null }));
}

/** The old HR report with default filters: derive everyone, then count and list in memory (every row, no pages). */
export async function oldHrReport(now: Date) {
  const [all, stale] = await Promise.all([deriveEveryone(now), staleSignOffs(now)]);
  const rows = all;
  const options = {
    departments: [...new Set(all.map((r) => r.department ?? "No department"))].sort(),
    curricula: [...new Map(all.flatMap((r) => r.curricula.map((c) => [c.id, c.name] as const))).entries()]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    cohorts: [...new Set(all.map((r) => cohortOf(r.startDate)))].sort().map((c) => ({ value: c, label: cohortLabel(c) })),
  };
  return {
    options,
    counts: countByState(rows),
    byDepartment: countByGroup(rows, (r) => [r.department ?? "No department"]),
    byCurriculum: countByGroup(rows, (r) => (r.curricula.length ? r.curricula.map((c) => c.name) : ["No curriculum"])),
    byCohort: countByGroup(rows, (r) => [cohortLabel(cohortOf(r.startDate))]),
    cohorts: cohortSeries(rows, 8, now),
    people: rows.map((r) => listItem(r, now)),
    staleSignOffs: { days: STALE_SIGNOFF_DAYS, rows: stale },
  };
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "");

const practiceCell = (courses: AssignedCourse[]) =>
  courses
    .flatMap((c) =>
      c.practice.map((p) => `${p.taskTitle}: ${p.status === "waiting" ? `waiting for sign-off since ${day(p.at)}` : `returned with notes ${day(p.at)}`}`),
    )
    .join("\n");

/** The old summary CSV: one row per person, the whole file built in memory as one string. */
function oldReadinessCsv(rows: OldRow[]): string {
  const curricula = [...new Map(rows.flatMap((r) => r.curricula.map((c) => [c.id, c.name] as const))).entries()];
  const fields = [
    "Name",
    "Email",
    "State",
    "Since",
    "Reasons",
    "Manager",
    "Department",
    "Start date",
    "Practice not signed off",
    ...curricula.map(([, name]) => `${name} (required courses done)`),
  ];
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

/** The old CSV download: derive everyone, then the whole file as one string behind a BOM. */
export async function oldCsvResponse(now: Date) {
  const csv = oldReadinessCsv(await deriveEveryone(now));
  return new Response(`\uFEFF${csv}`, { headers: { "Content-Type": "text/csv; charset=utf-8" } });
}
