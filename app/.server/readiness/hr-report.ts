import { z } from "zod";
import { staleSignOffs } from "../practice/submissions";
import { STALE_SIGNOFF_DAYS } from "../practice/standing";
import { readinessFor, reportPopulation, teamIds } from "./load";
import { applyFilter, cohortLabel, cohortOf, cohortSeries, countByGroup, countByState, type ReadinessRow } from "./report";
import { READINESS_STATES } from "./rules";

/** The report's filters as they arrive in the URL; anything unknown is ignored rather than an error. */
export const ReportFilterSchema = z.object({
  department: z.string().trim().max(100).optional().catch(undefined),
  curriculum: z.string().trim().max(64).optional().catch(undefined),
  cohort: z.string().regex(/^(\d{4}-\d{2}|No start date)$/).optional().catch(undefined),
  state: z.enum(READINESS_STATES).optional().catch(undefined),
});
export type ReportFilterInput = z.infer<typeof ReportFilterSchema>;

export function parseReportFilter(url: URL): ReportFilterInput {
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ""));
  return ReportFilterSchema.parse(raw);
}

/** The rows a filter shows: the page's list and both CSV exports call this, so they always agree. */
export async function filteredReadiness(filter: ReportFilterInput, now = new Date()) {
  const all = await readinessFor(await reportPopulation(), now);
  const rows = applyFilter(all, { department: filter.department, curriculumId: filter.curriculum, cohort: filter.cohort, state: filter.state });
  return { all, rows };
}

export async function hrReadinessReport(filter: ReportFilterInput, now = new Date()) {
  const [{ all, rows }, stale] = await Promise.all([filteredReadiness(filter, now), staleSignOffs(now)]);
  const options = {
    departments: [...new Set(all.map((r) => r.department ?? "No department"))].sort(),
    curricula: [...new Map(all.flatMap((r) => r.curricula.map((c) => [c.id, c.name] as const))).entries()]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    cohorts: [...new Set(all.map((r) => cohortOf(r.startDate)))].sort().map((c) => ({ value: c, label: cohortLabel(c) })),
  };
  return {
    filter,
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

/** What a list row needs: no per-course detail, to keep pages light. */
function listItem(r: ReadinessRow, at: Date) {
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
    overdue: r.courses.filter((c) => c.required && !c.completed && c.dueDate !== null && c.dueDate < startOfDay(at)).length,
  };
}

const startOfDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

/** A manager's team, who needs help first. `indirect` adds their reports' reports. */
export async function teamReadiness(managerId: string, indirect: boolean, at = new Date()) {
  const rows = await readinessFor(await teamIds(managerId, indirect), at);
  return { counts: countByState(rows), people: rows.map((r) => listItem(r, at)) };
}

/** Is this person in the manager's team, directly or below? Anything else must look like a 404. */
export async function isInTeam(managerId: string, personId: string): Promise<boolean> {
  return (await teamIds(managerId, true)).includes(personId);
}
