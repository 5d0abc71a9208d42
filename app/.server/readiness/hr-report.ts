import { staleSignOffs } from "../practice/submissions";
import { STALE_SIGNOFF_DAYS } from "../practice/standing";
import { teamIds } from "./load";
import { readinessReport, teamSummary, type ReportFilterInput } from "./summary-query";

export { parseReportFilter, type ReportFilterInput } from "./summary-query";

/** HR's readiness page: the stored summary under the filters, and sign-offs waiting too long. */
export async function hrReadinessReport(filter: ReportFilterInput, now = new Date()) {
  const [report, stale] = await Promise.all([readinessReport(filter, now), staleSignOffs(now)]);
  return { ...report, staleSignOffs: { days: STALE_SIGNOFF_DAYS, rows: stale } };
}

/** A manager's team, who needs help first. `indirect` adds their reports' reports. */
export async function teamReadiness(managerId: string, indirect: boolean, at = new Date()) {
  return teamSummary(await teamIds(managerId, indirect), at);
}

/** Is this person in the manager's team, directly or below? Anything else must look like a 404. */
export async function isInTeam(managerId: string, personId: string): Promise<boolean> {
  return (await teamIds(managerId, true)).includes(personId);
}
