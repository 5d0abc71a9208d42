/**
 * The readiness half of `npm run bench:postgres`, one step per process (the app's Prisma client binds to one
 * database per process), chosen by BENCH_MODE:
 *   build   — the synthetic organisation of bench:readiness (readiness/org.ts) in the migrated SQLite database of
 *             DATABASE_URL, then its stored readiness summary (freshenReadiness from empty), ready to be copied;
 *   measure — on the database of DATABASE_URL (the SQLite original or its PostgreSQL copy), the HR report's first
 *             page timed as readiness/measure.ts times it (a warm-up, then the median of BENCH_RUNS), and the old
 *             path it is judged against (derive everyone, readiness/baseline.ts), BENCH_BASELINE_RUNS times. With
 *             BENCH_STATS_URL and BENCH_STATS_DATABASE (PostgreSQL, pg_stat_statements tracking that database) also
 *             the server's time per statement during the timed runs.
 * Writes its result as JSON to BENCH_RESULT.
 */
import Database from "better-sqlite3";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import cliProgress from "cli-progress";
import type { Catalog } from "../../../app/.server/content/schema";
import { buildOrganisation, type BuildStats, type OrgSize } from "../readiness/org";
import { status } from "../status";
import { statementsSince, type Statement } from "./statements";

export type BuildResult = { build: BuildStats; summaryMs: number; summaries: number };
export type Timing = { median: number; runs: number[]; warmup: number | null };
export type MeasureResult = {
  report: Timing;
  oldReport: Timing | null;
  counts: Record<string, number>;
  /** State counts of the summary that differ from the derivation's (a bug if any). */
  mismatches: string[];
  /** Server time per statement during the timed report runs, most first (PostgreSQL with BENCH_STATS_URL). */
  statements: Statement[] | null;
};

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run npm run bench:postgres`);
  return value;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function build(now: Date): Promise<BuildResult> {
  const file = env("DATABASE_URL").replace(/^file:/, "");
  const size = JSON.parse(env("BENCH_SIZE")) as OrgSize;
  const catalog = JSON.parse(readFileSync(join(env("CONTENT_OUT_DIR"), "catalog.json"), "utf8")) as Catalog;
  // Migrated by db-migrate (so db:copy finds Prisma's migration table), then written as org.ts writes its own.
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const bar = new cliProgress.SingleBar(
    {
      format: `  building ${size.people.toLocaleString("en")} people [{bar}] {value}/{total} | {duration_formatted}`,
      etaBuffer: 1000,
      noTTYOutput: true,
      notTTYSchedule: 5000,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(size.people, 0);
  const stats = buildOrganisation(db, size, catalog, now, (done) => bar.update(done));
  bar.stop();
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  status.log(
    `Organisation: ${stats.people.toLocaleString("en")} people, ${stats.lessonRows.toLocaleString("en")} lesson rows, ` +
      `${stats.attemptRows.toLocaleString("en")} quiz attempts in ${stats.seconds.toFixed(1)} s.`,
  );

  const { freshenReadiness } = await import("../../../app/.server/readiness/upkeep");
  const reader = new Database(file, { readonly: true });
  const started = performance.now();
  const ticker = setInterval(() => {
    const stored = reader.prepare("SELECT count(*) FROM ReadinessSummary").pluck().get() as number;
    status.update(`Stored readiness summary … ${stored.toLocaleString("en")} people, ${Math.round((performance.now() - started) / 1000)} s`);
  }, 2000);
  try {
    const summaries = await freshenReadiness(now);
    const summaryMs = performance.now() - started;
    status.log(`Stored readiness summary (freshenReadiness from empty): ${summaries.toLocaleString("en")} people in ${(summaryMs / 1000).toFixed(1)} s.`);
    return { build: stats, summaryMs, summaries };
  } finally {
    clearInterval(ticker);
    reader.close();
    const { prisma } = await import("../../../app/.server/db");
    await prisma.$disconnect();
  }
}

async function time(label: string, runs: number, warmup: boolean, fn: () => Promise<unknown>, afterWarmup?: () => Promise<void>): Promise<Timing> {
  let warmupMs: number | null = null;
  if (warmup) {
    const started = performance.now();
    await fn();
    warmupMs = performance.now() - started;
  }
  await afterWarmup?.();
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    status.update(`${label} · run ${i + 1}/${runs}`);
    const started = performance.now();
    await fn();
    all.push(performance.now() - started);
  }
  status.log(`${label}: median ${median(all).toFixed(1)} ms of ${runs}${warmupMs === null ? "" : ` (warm-up ${warmupMs.toFixed(0)} ms)`}`);
  return { median: median(all), runs: all, warmup: warmupMs };
}

async function measure(now: Date): Promise<MeasureResult> {
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const baselineRuns = Number(process.env.BENCH_BASELINE_RUNS ?? 1);
  const { prisma } = await import("../../../app/.server/db");
  const { hrReadinessReport } = await import("../../../app/.server/readiness/hr-report");
  const { ReportFilterSchema } = await import("../../../app/.server/readiness/summary-query");
  const baseline = await import("../readiness/baseline");
  const statsUrl = process.env.BENCH_STATS_URL;
  const statsDatabase = process.env.BENCH_STATS_DATABASE;
  const stats: { since?: Awaited<ReturnType<typeof statementsSince>> } = {};
  try {
    const filter = ReportFilterSchema.parse({});
    let report: Awaited<ReturnType<typeof hrReadinessReport>> | undefined;
    const reportTiming = await time(
      "HR report, first page (summary)",
      runs,
      true,
      async () => (report = await hrReadinessReport(filter, now)),
      async () => {
        if (statsUrl && statsDatabase) stats.since = await statementsSince(statsUrl, statsDatabase);
      },
    );
    const statements = (await stats.since?.read()) ?? null;
    let old: Awaited<ReturnType<typeof baseline.oldHrReport>> | undefined;
    // The old path takes half a minute or more a run: no warm-up (the report's runs just read the same database).
    const oldReport =
      baselineRuns > 0 ? await time("HR report, old path (derive everyone)", baselineRuns, false, async () => (old = await baseline.oldHrReport(now))) : null;
    const counts = { ...report!.counts };
    const derived: Record<string, number> | null = old ? { ...old.counts } : null;
    const mismatches = derived
      ? Object.entries(counts)
          .filter(([state, n]) => derived[state] !== n)
          .map(([state, n]) => `${state}: summary ${n}, derivation ${derived[state]}`)
      : [];
    return { report: reportTiming, oldReport, counts, mismatches, statements };
  } finally {
    await prisma.$disconnect();
  }
}

async function main() {
  const now = new Date(env("BENCH_NOW"));
  const mode = env("BENCH_MODE");
  const result = mode === "build" ? await build(now) : mode === "measure" ? await measure(now) : null;
  if (!result) throw new Error(`BENCH_MODE must be build or measure, not ${mode}`);
  writeFileSync(env("BENCH_RESULT"), JSON.stringify(result));
}

main().catch((error) => {
  status.log("");
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
