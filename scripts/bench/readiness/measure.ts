/**
 * One size of the readiness benchmark, in its own process (the app's Prisma client binds to one database per
 * process): build the organisation, build the stored summary (the full recompute), prove it equals the
 * derivation (BENCH_VERIFY=1), then time the report's first page and the CSV against the old path of
 * deriving everyone, measure the CSV's memory, and (BENCH_WRITES > 0) time progress writes with and
 * without the upkeep. Writes the figures as JSON to BENCH_RESULT.
 *
 * Run by scripts/bench/readiness/index.ts (node --expose-gc) with DATABASE_URL, CONTENT_OUT_DIR, BENCH_SIZE and BENCH_RESULT set.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import cliProgress from "cli-progress";
import type { Catalog } from "../../../app/.server/content/schema";
import { buildOrganisation, freshDatabase, rng, type BuildStats, type OrgSize } from "./org";

/** Times in ms: a warm-up, then `runs`; the figure is their median. */
type Timing = { median: number; runs: number[]; warmup: number };
/**
 * Growth over the process's memory just before (after a full GC), in MB: `liveMb` the heap still in use after
 * a full GC at each chunk read (what the response holds on to), `heapMb` the heap at its highest, garbage not
 * yet collected included, `rssMb` the resident set at its highest.
 */
type Memory = { liveMb: number; heapMb: number; rssMb: number };
type Counts = Record<string, number>;
type WriteResult = { n: number; withUpkeep: number; without: number; derivePerson: number; upkeepShare: { derive: number; store: number } };
export type SizeResult = {
  size: OrgSize;
  build: BuildStats;
  population: number;
  cells: number;
  summaryRows: { summaries: number; courses: number; curricula: number };
  recompute: { firstMs: number; libraryChangeMs: number; people: number };
  verify: { checked: number; stale: number; differences: number; sample: string[] } | null;
  counts: Counts;
  derivedCounts: Counts;
  mismatches: string[];
  report: Timing;
  oldReport: Timing;
  csv: Timing;
  oldCsv: Timing;
  csvBytes: number;
  oldCsvBytes: number;
  csvRows: number;
  oldCsvRows: number;
  /** Empty lines in the streamed CSV (a blank record is a bug in the file, not a timing matter). */
  csvBlankLines: number;
  csvMemory: Memory;
  oldCsvMemory: Memory;
  writes: WriteResult | null;
};

const env = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run npm run bench:readiness`);
  return v;
};
const log = (line: string) => console.error(`  ${line}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function time(label: string, runs: number, fn: () => Promise<unknown>): Promise<Timing> {
  let t = performance.now();
  await fn();
  const warmup = performance.now() - t;
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    await fn();
    all.push(performance.now() - t);
  }
  log(`${label}: median ${median(all).toFixed(1)} ms of ${runs} (warm-up ${warmup.toFixed(0)} ms)`);
  return { median: median(all), runs: all, warmup };
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();

/** Memory growth while `fn` runs: sampled every 2 ms, and after a full GC whenever `fn` calls `sample` (each chunk read). */
async function peakMemory(fn: (sample: () => void) => Promise<void>): Promise<Memory> {
  gc();
  gc();
  const before = process.memoryUsage();
  const heapOf = (m: NodeJS.MemoryUsage) => m.heapUsed + m.arrayBuffers;
  let heap = heapOf(before);
  let live = heap;
  let rss = before.rss;
  const sample = () => {
    const m = process.memoryUsage();
    heap = Math.max(heap, heapOf(m));
    rss = Math.max(rss, m.rss);
  };
  const sampleLive = () => {
    sample();
    gc();
    live = Math.max(live, heapOf(process.memoryUsage()));
  };
  const timer = setInterval(sample, 2);
  try {
    await fn(sampleLive);
  } finally {
    clearInterval(timer);
  }
  sample();
  const mbOf = (bytes: number) => bytes / 2 ** 20;
  return { liveMb: mbOf(live - heapOf(before)), heapMb: mbOf(heap - heapOf(before)), rssMb: mbOf(rss - before.rss) };
}

/**
 * Read a response body to its end, as a browser downloading it would: bytes, records (lines ended by CRLF;
 * a line break inside a quoted cell is a bare LF) and blank records (CRLF right after CRLF).
 */
async function consume(response: Response, sample?: () => void): Promise<{ bytes: number; rows: number; blank: number }> {
  const reader = response.body!.getReader();
  let bytes = 0;
  let rows = 0;
  let blank = 0;
  let previous = 0;
  let lastEnd = -10;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (let i = 0; i < value.length; i++) {
      const c = value[i]!;
      if (c === 10 && previous === 13) {
        rows += 1;
        if (lastEnd === bytes + i - 2) blank += 1;
        lastEnd = bytes + i;
      }
      previous = c;
    }
    bytes += value.byteLength;
    sample?.();
  }
  return { bytes, rows, blank };
}

async function main() {
  const size = JSON.parse(env("BENCH_SIZE")) as OrgSize;
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const baselineRuns = Number(process.env.BENCH_BASELINE_RUNS ?? 3);
  const writes = Number(process.env.BENCH_WRITES ?? 0);
  const dbFile = env("DATABASE_URL").replace(/^file:/, "");
  const catalog = JSON.parse(readFileSync(join(env("CONTENT_OUT_DIR"), "catalog.json"), "utf8")) as Catalog;
  // One "now" for the whole run, so the summary and the derivation judge the same moment.
  const now = new Date(process.env.BENCH_NOW ?? Date.now());
  const label = `${size.people.toLocaleString("en-GB")} people`;

  const db = freshDatabase(dbFile);
  const bar = new cliProgress.SingleBar(
    { format: `  building ${label} [{bar}] {value}/{total} people | {duration_formatted}`, etaBuffer: 1000, noTTYOutput: true, notTTYSchedule: 5000 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(size.people, 0);
  const build = buildOrganisation(db, size, catalog, now, (done) => bar.update(done));
  bar.stop();
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  const n = (v: number) => v.toLocaleString("en-GB");
  log(
    `${n(build.lessonRows)} lesson rows, ${n(build.attemptRows)} quiz attempts, ${n(build.practiceRows)} practice submissions, ${n(build.overrideRows)} overrides, ` +
      `${n(build.neverSignedIn)} never signed in, ${n(build.startingLater)} starting later, in ${build.seconds.toFixed(1)} s`,
  );

  // The app's modules read DATABASE_URL and CONTENT_OUT_DIR when first used: import them only now.
  const { prisma } = await import("../../../app/.server/db");
  const { freshenReadiness, markReadinessStale } = await import("../../../app/.server/readiness/upkeep");
  const { verifyReadiness } = await import("../../../app/.server/readiness/verify");
  const { hrReadinessReport } = await import("../../../app/.server/readiness/hr-report");
  const { ReportFilterSchema } = await import("../../../app/.server/readiness/summary-query");
  const { readinessCsvResponse } = await import("../../../app/.server/readiness/csv-stream");
  const { countByState } = await import("../../../app/.server/readiness/report");
  const baseline = await import("./baseline");

  // The full recompute: every summary from nothing, then again as a course-library change makes it (all stale).
  log("building the summary (freshenReadiness from empty)…");
  let t = performance.now();
  const people = await freshenReadiness(now);
  const firstMs = performance.now() - t;
  log(`full recompute, first: ${secs(firstMs)} for ${n(people)} people`);
  await prisma.$transaction((tx) => markReadinessStale(tx, "all", "Course library changed", now));
  t = performance.now();
  await freshenReadiness(now);
  const libraryChangeMs = performance.now() - t;
  log(`full recompute, everyone stale (a course-library change): ${secs(libraryChangeMs)}`);
  const summaryRows = {
    summaries: await prisma.readinessSummary.count(),
    courses: await prisma.readinessCourse.count(),
    curricula: await prisma.readinessCurriculum.count(),
  };

  let verify: SizeResult["verify"] = null;
  if (process.env.BENCH_VERIFY === "1") {
    log("verifyReadiness: the stored summary against the derivation…");
    const v = await verifyReadiness(now);
    verify = {
      checked: v.checked,
      stale: v.stale,
      differences: v.differences.length,
      sample: v.differences.slice(0, 5).map((d) => `${d.name} ${d.what}: stored ${d.stored.slice(0, 200)}, derived ${d.derived.slice(0, 200)}`),
    };
    log(`verified ${n(v.checked)} people (${v.stale} stale): ${v.differences.length} differences`);
  }

  // The report's first page with default filters, and the old path (derive everyone, count in memory).
  const filter = ReportFilterSchema.parse({});
  let report: Awaited<ReturnType<typeof hrReadinessReport>> | undefined;
  const reportTiming = await time("HR report, first page (summary)", runs, async () => (report = await hrReadinessReport(filter, now)));
  let old: Awaited<ReturnType<typeof baseline.oldHrReport>> | undefined;
  const oldReport = await time("HR report, old path (derive everyone)", baselineRuns, async () => (old = await baseline.oldHrReport(now)));

  const csvUrl = new URL("http://bench.local/hr/readiness.csv");
  let csvOut = { bytes: 0, rows: 0, blank: 0 };
  const csv = await time("CSV, streamed from the summary", runs, async () => (csvOut = await consume(await readinessCsvResponse(csvUrl, "summary", now))));
  let oldOut = { bytes: 0, rows: 0, blank: 0 };
  const oldCsv = await time(
    "CSV, old path (derive everyone, one string)",
    baselineRuns,
    async () => (oldOut = await consume(await baseline.oldCsvResponse(now))),
  );
  const csvMemory = await peakMemory(async (sample) => void (await consume(await readinessCsvResponse(csvUrl, "summary", now), sample)));
  const oldCsvMemory = await peakMemory(async (sample) => void (await consume(await baseline.oldCsvResponse(now), sample)));
  const showMemory = (m: Memory) => `live ${m.liveMb.toFixed(1)} MB, heap peak ${m.heapMb.toFixed(1)} MB, RSS ${m.rssMb.toFixed(1)} MB`;
  log(`CSV memory growth: streamed ${showMemory(csvMemory)}; old ${showMemory(oldCsvMemory)}`);

  // The summary's counts must equal the derivation's: overall and per department.
  const r = report!;
  const o = old!;
  const mismatches: string[] = [];
  const states = ["READY", "ON_TRACK", "NOT_STARTED", "AT_RISK", "OVERDUE"] as const;
  for (const s of [...states, "total"] as const) if (r.counts[s] !== o.counts[s]) mismatches.push(`${s}: summary ${r.counts[s]}, derivation ${o.counts[s]}`);
  const oldDepartments = new Map(o.byDepartment.map((g) => [g.label, g.counts]));
  for (const g of r.byDepartment) {
    for (const s of states)
      if (g.counts[s] !== (oldDepartments.get(g.label)?.[s] ?? 0))
        mismatches.push(`${g.label} / ${s}: summary ${g.counts[s]}, derivation ${oldDepartments.get(g.label)?.[s] ?? 0}`);
  }
  if (r.byDepartment.length !== o.byDepartment.length) mismatches.push(`departments: summary ${r.byDepartment.length}, derivation ${o.byDepartment.length}`);
  // Records with text: the old file ends without a CRLF, the streamed one with one after every record.
  const records = (o: typeof csvOut, trailing: boolean) => o.rows - o.blank + (trailing ? 0 : 1);
  if (records(csvOut, true) !== records(oldOut, false)) mismatches.push(`CSV records: streamed ${records(csvOut, true)}, old ${records(oldOut, false)}`);
  const derivedCounts = { ...countByState([]), ...o.counts };
  const cells = await prisma.readinessCourse.count({ where: { summary: { is: { inScope: true, active: true } } } });

  const writeResult = writes > 0 ? await timeWrites(writes, now) : null;

  await prisma.$disconnect();
  const result: SizeResult = {
    size,
    build,
    population: r.counts.total,
    cells,
    summaryRows,
    recompute: { firstMs, libraryChangeMs, people },
    verify,
    counts: { ...r.counts },
    derivedCounts,
    mismatches,
    report: reportTiming,
    oldReport,
    csv,
    oldCsv,
    csvBytes: csvOut.bytes,
    oldCsvBytes: oldOut.bytes,
    csvRows: csvOut.rows - csvOut.blank,
    oldCsvRows: oldOut.rows + 1,
    csvBlankLines: csvOut.blank,
    csvMemory,
    oldCsvMemory,
    writes: writeResult,
  };
  writeFileSync(env("BENCH_RESULT"), JSON.stringify(result));
}

/**
 * A progress write that changes readiness, with and without the upkeep: `finishLesson` (its transaction,
 * completeLesson, readinessChanged) against the same transaction doing only completeLesson, each on a lesson
 * the person had open and not finished, interleaved (the order swapped every pair), `n` of each.
 */
async function timeWrites(n: number, now: Date): Promise<WriteResult> {
  const { prisma } = await import("../../../app/.server/db");
  const { getCatalog } = await import("../../../app/.server/content/catalog");
  const { finishLesson, completeLesson } = await import("../../../app/.server/progress/progress");
  const { readinessFor } = await import("../../../app/.server/readiness/load");
  const lessonOf = new Map(getCatalog().courses.flatMap((c) => c.lessons.map((l) => [`${c.slug}/${l.slug}`, { course: c, lesson: l }] as const)));
  // Lessons completed by reading or confirming (not a quiz, not a sign-off), open and not finished, in the report.
  const open = await prisma.lessonProgress.findMany({
    where: { status: "IN_PROGRESS", person: { deactivatedAt: null, readiness: { is: { inScope: true } } } },
    select: { personId: true, courseSlug: true, lessonSlug: true },
    orderBy: { id: "asc" },
  });
  const seen = new Set<string>();
  const refs = open.filter((p) => {
    const found = lessonOf.get(`${p.courseSlug}/${p.lessonSlug}`);
    if (!found || found.lesson.quiz || found.lesson.completion === "signoff" || seen.has(p.personId)) return false;
    seen.add(p.personId);
    return true;
  });
  const r = rng(5);
  for (let i = refs.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [refs[i], refs[j]] = [refs[j]!, refs[i]!];
  }
  const pairs = Math.min(n, Math.floor(refs.length / 2));
  if (pairs < n) log(`only ${pairs} open lessons of different people to finish (asked for ${n})`);
  const ref = (p: (typeof refs)[number]) => ({ ...p, courseVersion: lessonOf.get(`${p.courseSlug}/${p.lessonSlug}`)!.course.version });
  const withUpkeep: number[] = [];
  const without: number[] = [];
  const timed = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  log(`timing ${pairs} progress writes with the upkeep and ${pairs} without, interleaved…`);
  for (let i = 0; i < pairs; i++) {
    const a = ref(refs[2 * i]!);
    const b = ref(refs[2 * i + 1]!);
    const up = () => timed(() => finishLesson(a));
    const bare = () => timed(() => prisma.$transaction((tx) => completeLesson(b, tx)));
    if (i % 2 === 0) {
      withUpkeep.push(await up());
      without.push(await bare());
    } else {
      without.push(await bare());
      withUpkeep.push(await up());
    }
  }
  // Where the upkeep's time goes: deriving one person from the raw tables (read only), the rest is storing.
  const derive: number[] = [];
  for (let i = 0; i < Math.min(100, pairs); i++) derive.push(await timed(() => readinessFor([refs[2 * i]!.personId], now)));
  const w = median(withUpkeep);
  const wo = median(without);
  const d = median(derive);
  log(`progress write: with upkeep ${w.toFixed(2)} ms, without ${wo.toFixed(2)} ms (${(w / wo).toFixed(2)}×); deriving one person ${d.toFixed(2)} ms`);
  return { n: pairs, withUpkeep: w, without: wo, derivePerson: d, upkeepShare: { derive: d, store: Math.max(0, w - wo - d) } };
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
