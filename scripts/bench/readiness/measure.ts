/**
 * One size of the readiness benchmark, in its own process (the app's Prisma client binds to one database per
 * process): build the organisation, then time the SQL baseline, the HR report and the CSV export — a warm-up,
 * then the median of BENCH_RUNS — and write the figures as JSON to BENCH_RESULT.
 *
 * Run by scripts/bench/readiness/index.ts with DATABASE_URL, CONTENT_OUT_DIR, BENCH_SIZE and BENCH_RESULT set.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PerformanceObserver } from "node:perf_hooks";
import cliProgress from "cli-progress";
import type { Catalog } from "../../../app/.server/content/schema";
import { buildOrganisation, freshDatabase, type BuildStats, type OrgSize } from "./org";
import { openBaseline, type SqlCounts } from "./sql";

/** Times in ms; `gcMs` is the garbage collection inside the median run (PerformanceObserver "gc" entries). */
export type Timing = { median: number; runs: number[]; warmup: number; gcMs: number };
export type SizeResult = {
  size: OrgSize;
  build: BuildStats;
  population: number;
  cells: number;
  requiredCells: number;
  csvBytes: number;
  counts: Record<string, number>;
  sql: Timing;
  report: Timing;
  csv: Timing;
  mismatches: string[];
};

const env = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run npm run bench:readiness`);
  return v;
};

let gcSoFar = 0;
// Kept in a module variable: an observer nothing refers to is itself collected and stops counting.
const gcObserver = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcSoFar += entry.duration;
});
gcObserver.observe({ entryTypes: ["gc"] });
/** GC entries are recorded on a later tick and handed to the callback later still: take them now. */
const gcTotal = async () => {
  await new Promise((resolve) => setImmediate(resolve));
  for (const entry of gcObserver.takeRecords()) gcSoFar += entry.duration;
  return gcSoFar;
};

async function time(runs: number, fn: () => Promise<unknown> | unknown): Promise<Timing> {
  let t = performance.now();
  await fn();
  const warmup = performance.now() - t;
  const all: { ms: number; gc: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const gcBefore = await gcTotal();
    t = performance.now();
    await fn();
    const ms = performance.now() - t;
    all.push({ ms, gc: (await gcTotal()) - gcBefore });
  }
  const median = [...all].sort((a, b) => a.ms - b.ms)[Math.floor(all.length / 2)]!;
  return { median: median.ms, runs: all.map((r) => r.ms), warmup, gcMs: median.gc };
}

async function main() {
  const size = JSON.parse(env("BENCH_SIZE")) as OrgSize;
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const dbFile = env("DATABASE_URL").replace(/^file:/, "");
  const catalog = JSON.parse(readFileSync(join(env("CONTENT_OUT_DIR"), "catalog.json"), "utf8")) as Catalog;
  // One "now" for the whole run, so the report and the SQL judge the same day.
  const now = new Date(process.env.BENCH_NOW ?? Date.now());
  const label = `${size.people.toLocaleString("en-GB")} people`;

  const db = freshDatabase(dbFile);
  const bar = new cliProgress.SingleBar(
    { format: `Building ${label} [{bar}] {value}/{total} people | {duration_formatted}`, etaBuffer: 1000, noTTYOutput: true, notTTYSchedule: 5000 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(size.people, 0);
  const build = buildOrganisation(db, size, catalog, now, (done) => bar.update(done));
  bar.stop();
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  console.error(
    `  ${build.lessonRows.toLocaleString("en-GB")} lesson rows, ${build.attemptRows.toLocaleString("en-GB")} quiz attempts, ${build.assignments.toLocaleString("en-GB")} assignment periods in ${build.seconds.toFixed(1)} s`,
  );

  // The app's modules read DATABASE_URL and CONTENT_OUT_DIR when first used: import them only now.
  const { hrReadinessReport } = await import("../../../app/.server/readiness/hr-report");
  const { readinessCsvResponse } = await import("../../../app/.server/readiness/csv-response");
  const { prisma } = await import("../../../app/.server/db");

  const baseline = openBaseline(dbFile, catalog);
  let sqlCounts: SqlCounts | undefined;
  let report: Awaited<ReturnType<typeof hrReadinessReport>> | undefined;
  let csvBytes = 0;

  console.error(`  timing the SQL baseline (warm-up + ${runs})…`);
  const sql = await time(runs, () => (sqlCounts = baseline.counts(now)));
  console.error(`  timing the HR report (warm-up + ${runs})…`);
  const reportTiming = await time(runs, async () => (report = await hrReadinessReport({}, now)));
  console.error(`  timing the CSV export (warm-up + ${runs})…`);
  const csv = await time(runs, async () => {
    const response = await readinessCsvResponse(new URL("http://bench.local/hr/readiness.csv"), "summary", now);
    csvBytes = (await response.text()).length;
  });
  baseline.close();

  // The report and the SQL must agree on every count: overall and per department.
  const mismatches: string[] = [];
  const r = report!;
  const s = sqlCounts!;
  const states = ["READY", "ON_TRACK", "NOT_STARTED", "AT_RISK", "OVERDUE"] as const;
  for (const state of states) {
    if ((s.byState[state] ?? 0) !== r.counts[state]) mismatches.push(`${state}: report ${r.counts[state]}, SQL ${s.byState[state] ?? 0}`);
  }
  for (const group of r.byDepartment) {
    for (const state of states) {
      const fromSql = s.byDepartment[group.label]?.[state] ?? 0;
      if (fromSql !== group.counts[state]) mismatches.push(`${group.label} / ${state}: report ${group.counts[state]}, SQL ${fromSql}`);
    }
  }
  if (Object.keys(s.byDepartment).length !== r.byDepartment.length) mismatches.push(`departments: report ${r.byDepartment.length}, SQL ${Object.keys(s.byDepartment).length}`);

  // Cells as the report sees them (held courses, merged across curricula) and the required ones.
  const { filteredReadiness } = await import("../../../app/.server/readiness/hr-report");
  const { all } = await filteredReadiness({}, now);
  const cells = all.reduce((n, row) => n + row.courses.length, 0);
  const requiredCells = all.reduce((n, row) => n + row.courses.filter((c) => c.required).length, 0);
  if (requiredCells !== s.requiredCells) mismatches.push(`required cells: report ${requiredCells}, SQL ${s.requiredCells}`);
  await prisma.$disconnect();

  const result: SizeResult = {
    size,
    build,
    population: r.counts.total,
    cells,
    requiredCells,
    csvBytes,
    counts: { ...r.counts },
    sql,
    report: reportTiming,
    csv,
    mismatches,
  };
  writeFileSync(env("BENCH_RESULT"), JSON.stringify(result));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
