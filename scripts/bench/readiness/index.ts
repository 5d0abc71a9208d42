// npm run bench:readiness
// Builds a synthetic organisation twice — BENCH_PEOPLE people (10,000, about a million person × course cells)
// and a tenth of that — builds the stored readiness summary, proves it equals the derivation on the small one,
// and measures the issue's goals against baselines measured in the same run: the report's first page and the
// CSV against the old path (derive everyone from the raw tables), the CSV's memory at both sizes, a progress
// write with and without the upkeep, and GET /login latency on the built server during a people import and a
// full CSV (scripts/bench/readiness/load.ts, also `npm run bench:readiness:load` on its own).
// Writes the section "Readiness report" of docs/benchmarks.md (only at the default sizes, or with BENCH_WRITE_DOCS=1).
//
// Sizes for quick local runs: BENCH_PEOPLE=1000 BENCH_RUNS=1 BENCH_LOAD=0 npm run bench:readiness
//   BENCH_PEOPLE (10000) · BENCH_SMALL_PEOPLE (BENCH_PEOPLE / 10) · BENCH_CURRICULA (100) · BENCH_COURSES (250)
//   BENCH_COURSES_PER_CURRICULUM (10) · BENCH_CURRICULA_PER_PERSON (14) · BENCH_RUNS (5) · BENCH_BASELINE_RUNS (3)
//   BENCH_WRITES (200) · BENCH_LOAD=0 skips the server part · BENCH_IMPORT_ROWS (200000) · BENCH_NO_BUILD=1 reuses build-bench/
//   BENCH_KEEP=1 keeps the databases
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SizeResult } from "./measure";
import type { LoadResult } from "./load";
import { syntheticCatalog, writeCatalog, type OrgSize } from "./org";
import { renderSection } from "./render";
import { writeSection } from "../report";

const num = (name: string, fallback: number) => {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, not "${raw}"`);
  return n;
};

const PEOPLE = num("BENCH_PEOPLE", 10_000);
const SMALL = num("BENCH_SMALL_PEOPLE", Math.max(1, Math.round(PEOPLE / 10)));
const RUNS = num("BENCH_RUNS", 5);
const BASELINE_RUNS = num("BENCH_BASELINE_RUNS", 3);
const WRITES = num("BENCH_WRITES", 200);
const IMPORT_ROWS = num("BENCH_IMPORT_ROWS", 200_000);
const LOAD = process.env.BENCH_LOAD !== "0";
const COURSES = num("BENCH_COURSES", 250);
const shape = {
  curricula: num("BENCH_CURRICULA", 100),
  courses: COURSES,
  coursesPerCurriculum: num("BENCH_COURSES_PER_CURRICULUM", 10),
  curriculaPerPerson: num("BENCH_CURRICULA_PER_PERSON", 14),
};
const DEFAULT_SIZES =
  PEOPLE === 10_000 &&
  SMALL === 1_000 &&
  RUNS === 5 &&
  BASELINE_RUNS === 3 &&
  WRITES === 200 &&
  IMPORT_ROWS === 200_000 &&
  LOAD &&
  COURSES === 250 &&
  shape.curricula === 100 &&
  shape.coursesPerCurriculum === 10 &&
  shape.curriculaPerPerson === 14;
const WRITE_DOCS = process.env.BENCH_WRITE_DOCS === "1" || (DEFAULT_SIZES && process.env.BENCH_WRITE_DOCS !== "0");

function main() {
  const dir = join(tmpdir(), `baton-bench-readiness-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeCatalog(dir, syntheticCatalog(COURSES));
  const now = new Date();
  const started = performance.now();

  const results: SizeResult[] = [];
  let load: LoadResult | null = null;
  try {
    for (const people of [SMALL, PEOPLE]) {
      const size: OrgSize = { people, ...shape };
      const resultFile = join(dir, `result-${people}.json`);
      const small = people === SMALL;
      console.error(`\n${people.toLocaleString("en-GB")} people`);
      // Each size in its own process: the app's database client binds to one database per process.
      execFileSync(process.execPath, ["--expose-gc", "--import", "tsx", join("scripts", "bench", "readiness", "measure.ts")], {
        stdio: ["ignore", "inherit", "inherit"],
        env: {
          ...process.env,
          NODE_ENV: "production",
          DATABASE_URL: `file:${join(dir, `org-${people}.db`)}`,
          CONTENT_OUT_DIR: dir,
          BENCH_SIZE: JSON.stringify(size),
          BENCH_RUNS: String(RUNS),
          BENCH_BASELINE_RUNS: String(BASELINE_RUNS),
          BENCH_WRITES: small ? "0" : String(WRITES),
          BENCH_VERIFY: small ? "1" : "0",
          BENCH_NOW: now.toISOString(),
          BENCH_RESULT: resultFile,
        },
      });
      results.push(JSON.parse(readFileSync(resultFile, "utf8")) as SizeResult);
    }
    if (LOAD) {
      console.error(
        `\nGET /login on the built server during a ${IMPORT_ROWS.toLocaleString("en-GB")}-row import and a full CSV (${PEOPLE.toLocaleString("en-GB")} people)`,
      );
      const resultFile = join(dir, "result-load.json");
      try {
        execFileSync(process.execPath, ["--import", "tsx", join("scripts", "bench", "readiness", "load.ts")], {
          stdio: ["ignore", "inherit", "inherit"],
          env: {
            ...process.env,
            BENCH_DATABASE: join(dir, `org-${PEOPLE}.db`),
            BENCH_CONTENT: dir,
            BENCH_IMPORT_ROWS: String(IMPORT_ROWS),
            BENCH_RESULT: resultFile,
          },
        });
      } catch {
        // Reported in the section as not measured; the figures above still stand.
        console.error("!!! the load part failed: see its output above");
        process.exitCode = 1;
      }
      if (existsSync(resultFile)) load = JSON.parse(readFileSync(resultFile, "utf8")) as LoadResult;
    }
  } finally {
    if (process.env.BENCH_KEEP !== "1") rmSync(dir, { recursive: true, force: true });
    else console.error(`databases kept in ${dir}`);
  }
  const [small, large] = results as [SizeResult, SizeResult];
  const section = renderSection(small, large, load, now, (performance.now() - started) / 1000);
  console.log(`\n${section}`);

  const problems = [
    ...results.flatMap((r) => r.mismatches.map((m) => `${r.size.people} people: ${m}`)),
    ...(small.verify && small.verify.differences > 0
      ? [`verifyReadiness found ${small.verify.differences} differences: ${small.verify.sample.join("; ")}`]
      : []),
  ];
  if (problems.length) {
    console.error(`\n!!! The stored summary does not equal the derivation — a bug:\n${problems.map((m) => `  ${m}`).join("\n")}\n`);
    process.exitCode = 1;
  }
  if (WRITE_DOCS) {
    writeSection(join("docs", "benchmarks.md"), section);
    console.error(`written to docs/benchmarks.md (section "Readiness report")`);
  } else console.error(`not written to docs/benchmarks.md (sizes are not the defaults; BENCH_WRITE_DOCS=1 to write anyway)`);
}

main();
