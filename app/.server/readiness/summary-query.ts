/**
 * Reading the stored readiness summary: filters, counts, sorting and pages all run in SQL, so the report's
 * first page costs about the same for 100 people as for 100,000. Every reader freshens stale rows first.
 */
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "../db";
import { groupBy } from "../chunks";
import { cohortLabel, emptyCounts, type StateCounts } from "./report";
import { READINESS_STATES, type ReadinessState } from "./rules";
import { freshenReadiness } from "./upkeep";

export const PAGE_SIZE = 50;
const NO_DEPARTMENT = "No department";
const NO_LOCATION = "No location";
const NO_START_DATE = "No start date";
const ACCOUNT_FILTERS = ["active", "invited", "deactivated", "all"] as const;
export const SORTS = ["urgency", "name", "start"] as const;

/** The report's filters as they arrive in the URL; anything unknown falls back to its default rather than an error. */
export const ReportFilterSchema = z.object({
  department: z.string().trim().max(100).optional().catch(undefined),
  location: z.string().trim().max(100).optional().catch(undefined),
  curriculum: z.string().trim().max(64).optional().catch(undefined),
  cohort: z
    .string()
    .regex(/^(\d{4}-\d{2}|No start date)$/)
    .optional()
    .catch(undefined),
  state: z.enum(READINESS_STATES).optional().catch(undefined),
  manager: z.string().trim().max(64).optional().catch(undefined),
  account: z.enum(ACCOUNT_FILTERS).default("active").catch("active"),
  sort: z.enum(SORTS).default("urgency").catch("urgency"),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type ReportFilterInput = z.infer<typeof ReportFilterSchema>;

export function parseReportFilter(url: URL): ReportFilterInput {
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ""));
  return ReportFilterSchema.parse(raw);
}

const accountWhere: Record<(typeof ACCOUNT_FILTERS)[number], Prisma.ReadinessSummaryWhereInput> = {
  active: { active: true },
  invited: { active: true, signedIn: false },
  deactivated: { active: false },
  all: {},
};

/** Who the report covers under these filters, the state aside (the tiles count every state). */
export function reportWhere(f: Omit<ReportFilterInput, "state" | "sort" | "page">): Prisma.ReadinessSummaryWhereInput {
  return {
    inScope: true,
    ...accountWhere[f.account],
    ...(f.department ? { department: f.department === NO_DEPARTMENT ? null : f.department } : {}),
    // The summary does not copy the location: filtered through the person (Person.location is indexed).
    ...(f.location ? { person: { is: { location: f.location === NO_LOCATION ? null : f.location } } } : {}),
    ...(f.cohort ? { cohort: f.cohort === NO_START_DATE ? null : f.cohort } : {}),
    ...(f.manager ? { managerId: f.manager } : {}),
    ...(f.curriculum ? { curricula: { some: { curriculumId: f.curriculum } } } : {}),
  };
}

export const orderOf: Record<(typeof SORTS)[number], Prisma.ReadinessSummaryOrderByWithRelationInput[]> = {
  urgency: [{ urgency: "asc" }, { name: "asc" }, { personId: "asc" }],
  name: [{ name: "asc" }, { personId: "asc" }],
  start: [{ startDate: { sort: "desc", nulls: "last" } }, { name: "asc" }, { personId: "asc" }],
};

async function countByStateWhere(where: Prisma.ReadinessSummaryWhereInput): Promise<StateCounts> {
  const groups = await prisma.readinessSummary.groupBy({ by: ["state"], where, _count: { _all: true } });
  const counts = emptyCounts();
  for (const g of groups) {
    counts[g.state] += g._count._all;
    counts.total += g._count._all;
  }
  return counts;
}

/** Counts per value of one column and state, labels sorted; `label` names the value. */
async function countBy(column: "department" | "cohort", where: Prisma.ReadinessSummaryWhereInput, label: (v: string | null) => string) {
  const groups = await prisma.readinessSummary.groupBy({ by: [column, "state"], where, _count: { _all: true } });
  const byLabel = new Map<string, { key: string | null; counts: StateCounts }>();
  for (const g of groups) {
    const key = g[column];
    const name = label(key);
    const entry = byLabel.get(name) ?? { key, counts: emptyCounts() };
    entry.counts[g.state] += g._count._all;
    entry.counts.total += g._count._all;
    byLabel.set(name, entry);
  }
  return [...byLabel.entries()].map(([label, { key, counts }]) => ({ label, key, counts }));
}

/** Counts per curriculum held (people may hold several), and "No curriculum" for people who hold none. */
async function countByCurriculum(where: Prisma.ReadinessSummaryWhereInput, states: ReadinessState[]) {
  const groups = new Map<string, StateCounts>();
  const add = (name: string, state: ReadinessState, n: number) => {
    const counts = groups.get(name) ?? emptyCounts();
    counts[state] += n;
    counts.total += n;
    groups.set(name, counts);
  };
  await Promise.all(
    states.map(async (state) => {
      const [held, none] = await Promise.all([
        prisma.readinessCurriculum.groupBy({ by: ["name"], where: { summary: { is: { ...where, state } } }, _count: { _all: true } }),
        prisma.readinessSummary.count({ where: { ...where, state, curricula: { none: {} } } }),
      ]);
      for (const g of held) add(g.name, state, g._count._all);
      if (none > 0) add("No curriculum", state, none);
    }),
  );
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([label, counts]) => ({ label, counts }));
}

const listSelect = {
  personId: true,
  name: true,
  department: true,
  startDate: true,
  state: true,
  reasons: true,
  since: true,
  lastActivity: true,
  recentQuizzes: true,
  overdueCount: true,
  person: { select: { email: true, manager: { select: { name: true } } } },
  curricula: { select: { curriculumId: true, name: true, requiredDone: true, requiredWaived: true, requiredTotal: true }, orderBy: { name: "asc" } },
} satisfies Prisma.ReadinessSummarySelect;

type ListRow = Prisma.ReadinessSummaryGetPayload<{ select: typeof listSelect }>;

/** What a list row needs: who, state and reasons, curricula, latest quizzes; no per-course detail. */
function listItem(r: ListRow) {
  return {
    personId: r.personId,
    name: r.name,
    email: r.person.email,
    department: r.department,
    managerName: r.person.manager?.name ?? null,
    startDate: r.startDate,
    state: r.state,
    reasons: JSON.parse(r.reasons) as string[],
    since: r.since,
    lastActivity: r.lastActivity,
    recentQuizzes: JSON.parse(r.recentQuizzes) as { lessonTitle: string; bestScore: number; passed: boolean }[],
    curricula: r.curricula.map((c) => ({
      id: c.curriculumId,
      name: c.name,
      requiredDone: c.requiredDone,
      requiredWaived: c.requiredWaived,
      requiredTotal: c.requiredTotal,
    })),
    overdue: r.overdueCount,
  };
}

async function summaryPage(where: Prisma.ReadinessSummaryWhereInput, sort: (typeof SORTS)[number], page: number) {
  const rows = await prisma.readinessSummary.findMany({ where, orderBy: orderOf[sort], skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE, select: listSelect });
  return rows.map(listItem);
}

/** Every location people have, and "No location" when some have none: empty while nobody has one. */
async function locationOptions(): Promise<string[]> {
  const groups = await prisma.person.groupBy({ by: ["location"] });
  const named = groups.flatMap((g) => (g.location ? [g.location] : [])).sort((a, b) => a.localeCompare(b));
  return named.length > 0 && groups.some((g) => g.location === null) ? [...named, NO_LOCATION] : named;
}

/** The filter choices: departments, locations, curricula, start months (newest first) and managers among the people covered. */
async function filterOptions() {
  const base: Prisma.ReadinessSummaryWhereInput = { inScope: true };
  const [departments, locations, curricula, cohorts, managers] = await Promise.all([
    prisma.readinessSummary.groupBy({ by: ["department"], where: base }),
    locationOptions(),
    prisma.curriculum.findMany({ where: { archivedAt: null }, select: { id: true, name: true } }),
    prisma.readinessSummary.groupBy({ by: ["cohort"], where: base }),
    prisma.readinessSummary.groupBy({ by: ["managerId"], where: { ...base, managerId: { not: null } } }),
  ]);
  const managerNames = await prisma.person.findMany({ where: { id: { in: managers.map((m) => m.managerId!) } }, select: { id: true, name: true } });
  return {
    departments: departments.map((d) => d.department ?? NO_DEPARTMENT).sort((a, b) => a.localeCompare(b)),
    locations,
    curricula: curricula.sort((a, b) => a.name.localeCompare(b.name)),
    // Start months by date, newest first; people without a start date last.
    cohorts: cohorts
      .map((c) => c.cohort)
      .sort((a, b) => (a === null ? 1 : b === null ? -1 : b.localeCompare(a)))
      .map((c) => ({ value: c ?? NO_START_DATE, label: c ? cohortLabel(c) : NO_START_DATE })),
    managers: managerNames.map((m) => ({ value: m.id, label: m.name })).sort((a, b) => a.label.localeCompare(b.label)),
  };
}

const WEEK = 7 * 24 * 60 * 60 * 1000;
/** Start months shown in the chart: the latest ones with people (older cohorts add lines nobody reads). */
const CHART_COHORTS = 6;

/** For each of the latest start months: the share of its people ready N weeks after their own start, up to today. */
async function cohortSeries(where: Prisma.ReadinessSummaryWhereInput, cohorts: string[], weeks: number, now: Date) {
  const rows = await prisma.readinessSummary.findMany({
    where: { ...where, cohort: { in: cohorts } },
    select: { cohort: true, startDate: true, readyAt: true },
  });
  const dated = rows.flatMap(({ cohort, startDate, readyAt }) => (cohort && startDate ? [{ cohort, startDate, readyAt }] : []));
  const byCohort = groupBy(dated, (r) => r.cohort);
  return [...cohorts]
    .sort()
    .map((cohort) => {
      const people = byCohort.get(cohort) ?? [];
      const points: { week: number; readyPercent: number }[] = [];
      for (let w = 0; w <= weeks; w++) {
        const reached = people.filter((p) => p.startDate.getTime() + w * WEEK <= now.getTime());
        if (reached.length === 0) break;
        const ready = reached.filter((p) => p.readyAt && p.readyAt.getTime() <= p.startDate.getTime() + w * WEEK).length;
        points.push({ week: w, readyPercent: Math.round((ready / reached.length) * 100) });
      }
      return { label: `${cohortLabel(cohort)} (${people.length})`, cohort, points };
    })
    .filter((s) => s.points.length > 0);
}

/** The HR report: tiles (every state under the other filters), charts and tables, and one page of people. */
export async function readinessReport(filter: ReportFilterInput, now = new Date()) {
  await freshenReadiness(now);
  const base = reportWhere(filter);
  const where: Prisma.ReadinessSummaryWhereInput = filter.state ? { ...base, state: filter.state } : base;
  const [counts, options, byDepartment, byCohort] = await Promise.all([
    countByStateWhere(base),
    filterOptions(),
    countBy("department", where, (d) => d ?? NO_DEPARTMENT),
    countBy("cohort", where, (c) => (c ? c : NO_START_DATE)),
  ]);
  const shown = filter.state ? counts[filter.state] : counts.total;
  const pages = Math.max(1, Math.ceil(shown / PAGE_SIZE));
  const page = Math.min(filter.page, pages);
  const presentStates = READINESS_STATES.filter((s) => (filter.state ? s === filter.state : counts[s] > 0));
  const latestCohorts = byCohort
    .map((g) => g.key)
    .filter((k): k is string => k !== null)
    .sort()
    .slice(-CHART_COHORTS);
  const [people, byCurriculum, cohorts] = await Promise.all([
    summaryPage(where, filter.sort, page),
    countByCurriculum(base, presentStates),
    cohortSeries(where, latestCohorts, 8, now),
  ]);
  return {
    filter: { ...filter, page },
    options,
    counts,
    shown,
    page,
    pages,
    pageSize: PAGE_SIZE,
    people,
    byDepartment: byDepartment.sort((a, b) => a.label.localeCompare(b.label)).map(({ label, counts }) => ({ label, counts })),
    byCurriculum,
    // Start months by date (labels like "Mar 2026" do not sort), people without a start date last.
    byCohort: byCohort
      .sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : a.key.localeCompare(b.key)))
      .map(({ key, counts }) => ({ label: key ? cohortLabel(key) : NO_START_DATE, counts })),
    cohorts,
  };
}

/** A manager's team from the summary, who needs help first (everyone in the team, whatever their role). */
export async function teamSummary(personIds: string[], now = new Date()) {
  await freshenReadiness(now, personIds);
  const where: Prisma.ReadinessSummaryWhereInput = { personId: { in: personIds } };
  const [counts, rows] = await Promise.all([
    countByStateWhere(where),
    prisma.readinessSummary.findMany({ where, orderBy: orderOf.urgency, select: listSelect }),
  ]);
  return { counts, people: rows.map(listItem) };
}
