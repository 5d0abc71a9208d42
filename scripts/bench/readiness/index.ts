// npm run bench:readiness
// Builds a synthetic organisation twice — BENCH_PEOPLE people (10,000) and a tenth of that — with about 100
// person × course cells each, then times the HR readiness report and its CSV export against a hand-written SQL
// aggregation of the same counts, measured in the same run, and checks that the counts agree.
// Writes the section "Readiness report" of docs/benchmarks.md (only at the default sizes, or with BENCH_WRITE_DOCS=1).
//
// Sizes for quick local runs: BENCH_PEOPLE=2000 BENCH_RUNS=1 npm run bench:readiness
//   BENCH_PEOPLE (10000) · BENCH_SMALL_PEOPLE (BENCH_PEOPLE / 10) · BENCH_CURRICULA (100) · BENCH_COURSES (250)
//   BENCH_COURSES_PER_CURRICULUM (10) · BENCH_CURRICULA_PER_PERSON (14) · BENCH_RUNS (5) · BENCH_KEEP=1 keeps the databases
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import type { SizeResult, Timing } from "./measure";
import { syntheticCatalog, writeCatalog, type OrgSize } from "./org";
import { writeSection } from "../report";

const num = (name: string, fallback: number) => {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, not "${raw}"`);
  return n;
};

const PEOPLE = num("BENCH_PEOPLE", 10_000);
const SMALL = num("BENCH_SMALL_PEOPLE", Math.max(1, Math.round(PEOPLE / 10)));
const RUNS = num("BENCH_RUNS", 5);
const COURSES = num("BENCH_COURSES", 250);
const shape = {
  curricula: num("BENCH_CURRICULA", 100),
  courses: COURSES,
  coursesPerCurriculum: num("BENCH_COURSES_PER_CURRICULUM", 10),
  curriculaPerPerson: num("BENCH_CURRICULA_PER_PERSON", 14),
};
const DEFAULT_SIZES = PEOPLE === 10_000 && SMALL === 1_000 && RUNS === 5 && COURSES === 250 && shape.curricula === 100 && shape.coursesPerCurriculum === 10 && shape.curriculaPerPerson === 14;
const WRITE_DOCS = process.env.BENCH_WRITE_DOCS === "1" || (DEFAULT_SIZES && process.env.BENCH_WRITE_DOCS !== "0");

const GOAL_VS_SQL = 2;
const GOAL_SCALING = 10;

function main() {
  const dir = join(tmpdir(), `baton-bench-readiness-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const catalog = syntheticCatalog(COURSES);
  writeCatalog(dir, catalog);
  const now = new Date();
  const started = performance.now();

  const results: SizeResult[] = [];
  try {
    for (const people of [SMALL, PEOPLE]) {
      const size: OrgSize = { people, ...shape };
      const resultFile = join(dir, `result-${people}.json`);
      console.error(`\n${people.toLocaleString("en-GB")} people`);
      // Each size in its own process: the app's database client binds to one database per process.
      execFileSync(process.execPath, ["--import", "tsx", join("scripts", "bench", "readiness", "measure.ts")], {
        stdio: ["ignore", "inherit", "inherit"],
        env: {
          ...process.env,
          NODE_ENV: "production",
          DATABASE_URL: `file:${join(dir, `org-${people}.db`)}`,
          CONTENT_OUT_DIR: dir,
          BENCH_SIZE: JSON.stringify(size),
          BENCH_RUNS: String(RUNS),
          BENCH_NOW: now.toISOString(),
          BENCH_RESULT: resultFile,
        },
      });
      results.push(JSON.parse(readFileSync(resultFile, "utf8")) as SizeResult);
    }
  } finally {
    if (process.env.BENCH_KEEP !== "1") rmSync(dir, { recursive: true, force: true });
    else console.error(`databases kept in ${dir}`);
  }
  const [small, large] = results as [SizeResult, SizeResult];
  const totalSeconds = (performance.now() - started) / 1000;

  const section = renderSection(small, large, now, totalSeconds);
  console.log(`\n${section}`);
  const mismatches = results.flatMap((r) => r.mismatches.map((m) => `${r.size.people} people: ${m}`));
  if (mismatches.length) {
    console.error(`\n!!! MISMATCH between the report and the SQL baseline — a bug in one of them:\n${mismatches.map((m) => `  ${m}`).join("\n")}\n`);
    process.exitCode = 1;
  }
  if (WRITE_DOCS) {
    writeSection(join("docs", "benchmarks.md"), section);
    console.error(`written to docs/benchmarks.md (section "Readiness report")`);
  } else console.error(`not written to docs/benchmarks.md (sizes are not the defaults; BENCH_WRITE_DOCS=1 to write anyway)`);
}

const f = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const x = (ratio: number) => `${ratio.toFixed(2)}×`;
const n = (v: number) => v.toLocaleString("en-GB");
const met = (ok: boolean, by: string) => (ok ? "met" : `**missed** (${by})`);

const withoutGc = (small: Timing, large: Timing) => (large.median - large.gcMs) / Math.max(small.median - small.gcMs, 1);

/** For each missed goal: by how much, and what the same run says about why. */
function missedNotes(small: SizeResult, large: SizeResult, peopleRatio: number): string {
  const notes: string[] = [];
  const sqlScale = large.sql.median / small.sql.median;
  for (const [what, timing] of [["HR report", "report"], ["CSV export", "csv"]] as const) {
    const scale = large[timing].median / small[timing].median;
    if (scale > peopleRatio) {
      notes.push(
        `${what}: ${x(scale)} the time for ${n(peopleRatio)}× the data, ${((scale / peopleRatio - 1) * 100).toFixed(0)} % over the goal. ` +
          `The hand-written SQL grows ${x(sqlScale)} on the same two databases${sqlScale > peopleRatio ? ` (SQLite itself does not stay linear here; against that growth the ${what === "HR report" ? "report" : "export"} grows ${x(scale / sqlScale)})` : ""}; ` +
          `per person it costs ${(small[timing].median / small.population).toFixed(2)} ms at ${n(small.size.people)} people and ${(large[timing].median / large.population).toFixed(2)} ms at ${n(large.size.people)}. ` +
          `Garbage collection took ${f(small[timing].gcMs)} at ${n(small.size.people)} people and ${f(large[timing].gcMs)} at ${n(large.size.people)}; ` +
          `without it the ratio is ${x(withoutGc(small[timing], large[timing]))}` +
          (withoutGc(small[timing], large[timing]) <= peopleRatio
            ? ": the report holds every person's row, course by course, until it is sorted and counted, and the more of it is alive, the more each collection has to copy."
            : "."),
      );
    }
    for (const r of [large, small]) {
      const ratio = r[timing].median / r.sql.median;
      if (ratio > GOAL_VS_SQL) {
        notes.push(
          `${what} at ${n(r.size.people)} people: ${x(ratio)} the SQL baseline (goal ≤ ${GOAL_VS_SQL}×). Besides the states the SQL computes, the report ` +
            "reads the rows through Prisma, writes a reason per unfinished course and quiz, per-curriculum progress and the recent quizzes of every person, and sorts them.",
        );
      }
    }
  }
  return notes.length ? `### Where a goal is missed, and why\n\n${notes.map((note) => `- ${note}`).join("\n")}\n\n` : "";
}

function renderSection(small: SizeResult, large: SizeResult, now: Date, totalSeconds: number): string {
  const cpu = cpus();
  const machine = `${cpu[0]?.model.trim() ?? "unknown CPU"}, ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}`;
  const rows: string[] = [];
  const vsSql = (r: SizeResult, t: number) => t / r.sql.median;
  for (const r of [large, small]) {
    const who = `${n(r.size.people)} people`;
    rows.push(`| ${who} | SQL baseline (one hand-written query, raw better-sqlite3) | ${f(r.sql.median)} | 1.00× | — |`);
    const rep = vsSql(r, r.report.median);
    rows.push(`| ${who} | HR report \`hrReadinessReport({})\` | ${f(r.report.median)} | ${x(rep)} | ${met(rep <= GOAL_VS_SQL, `${x(rep / GOAL_VS_SQL)} the goal of ≤ ${GOAL_VS_SQL}×`)} |`);
    const csv = vsSql(r, r.csv.median);
    rows.push(`| ${who} | CSV export \`readinessCsvResponse\` (${(r.csvBytes / 2 ** 20).toFixed(1)} MB) | ${f(r.csv.median)} | ${x(csv)} | ${met(csv <= GOAL_VS_SQL, `${x(csv / GOAL_VS_SQL)} the goal of ≤ ${GOAL_VS_SQL}×`)} |`);
  }
  const scale = (a: number, b: number) => b / a;
  const peopleRatio = large.size.people / small.size.people;
  const scaling = [
    ["SQL baseline", scale(small.sql.median, large.sql.median)],
    ["HR report", scale(small.report.median, large.report.median)],
    ["CSV export", scale(small.csv.median, large.csv.median)],
  ] as const;
  const scaleRows = scaling.map(
    ([what, ratio]) =>
      `| ${what} | ${x(ratio)} | ${what === "SQL baseline" ? "(reference)" : met(ratio <= peopleRatio, `${x(ratio / peopleRatio)} the goal of ≤ ${peopleRatio}×`)} |`,
  );
  const counts = (r: SizeResult) => ["READY", "ON_TRACK", "NOT_STARTED", "AT_RISK", "OVERDUE"].map((s) => `${s.toLowerCase().replace("_", " ")} ${n(r.counts[s] ?? 0)}`).join(", ");
  const agree = small.mismatches.length + large.mismatches.length === 0;
  return `## Readiness report

\`npm run bench:readiness\` (scripts/bench/readiness/), ${now.toISOString().slice(0, 10)}, ${machine}.
A synthetic organisation in a fresh SQLite database: ${n(large.size.people)} people in 12 departments (managers,
start dates over the last six months and the next three weeks, a few without, 2 % deactivated), ${large.size.curricula} curricula
of ${large.size.coursesPerCurriculum} courses from a ${large.size.courses}-course catalog (due rules, optional courses, courses made required
later, archived curricula, unassigned and reassigned periods), about ${large.size.curriculaPerPerson} curricula per person:
**${n(large.cells)} person × course cells** (${n(large.requiredCells)} required), ${n(large.build.lessonRows)} lesson progress rows and
${n(large.build.attemptRows)} quiz attempts; progress follows each person's pace (finished, part-way, untouched; quizzes
passed, failed, out of attempts). The same at a tenth: ${n(small.size.people)} people, ${n(small.cells)} cells,
${n(small.build.lessonRows)} lesson rows. Report population: ${counts(large)} (of ${n(large.population)}).

**Baseline, same run:** one hand-written SQL query (scripts/bench/readiness/sql.ts) on a raw better-sqlite3 connection
that computes every person's state from the same tables by the rules of docs/readiness.md and counts them by
department and state. Each figure is a warm-up, then the median of ${large.report.runs.length} runs, with the same "now".
The report's counts ${agree ? "**equal** the SQL counts at both sizes (overall, per department, and required cells)" : "**DIFFER** from the SQL counts — see the run's output"}.

| organisation | what | time | vs SQL | goal: ≤ ${GOAL_VS_SQL}× SQL |
|---|---|---|---|---|
${rows.join("\n")}

| ${n(peopleRatio)}× the data: time at ${n(large.size.people)} ÷ time at ${n(small.size.people)} | ratio | goal: ≤ ${peopleRatio}× |
|---|---|---|
${scaleRows.join("\n")}

${missedNotes(small, large, peopleRatio)}Whole run, both organisations built and measured: ${totalSeconds.toFixed(0)} s. Re-run with \`npm run bench:readiness\`
(\`BENCH_PEOPLE=2000 BENCH_RUNS=1\` for a quick look; other sizes do not write this file).
`;
}

main();
