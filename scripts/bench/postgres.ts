// npm run bench:postgres [-- --seconds 10] [--quiz-seconds 20] [--warmup 3] [--rounds 3] [--connections N] [--double-every 10]
//                         [--people 10000] [--runs 5] [--baseline-runs 1] [--no-build] [--tcp] [--quick] [--write]
// Issue 17's figures, SQLite and PostgreSQL in one run: builds the production app and starts a throwaway PostgreSQL
// cluster; the lesson page and quiz submissions on a fresh SQLite database, then on a fresh PostgreSQL one (same
// data, same load, one server at a time: scripts/bench/postgres/web.ts); then the readiness benchmark's organisation
// built in SQLite, copied with `npm run db:copy` (timed) and the HR report timed on both (postgres/readiness.ts).
// A full run writes the section "PostgreSQL (issue 17)" of docs/benchmarks.md; --quick (short rounds, 1,000 people)
// writes nothing unless --write. The cluster and every scratch file are removed at the end, also on failure.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { startCluster } from "../db/postgres-cluster.mjs";
import { numberOption, type Options } from "./context";
import { syntheticCatalog, writeCatalog, type OrgSize } from "./readiness/org";
import type { BuildResult, MeasureResult } from "./postgres/readiness";
import { SECTION, markdownSection, notesOf, rowsOf, terminalTable, whereTimeGoes, type CopyResult, type Run } from "./postgres/render";
import { sampleTreeCpu, type TreeCpu } from "./postgres/cpu";
import { statementsSince, trackDatabase, type Statement } from "./postgres/statements";
import type { WebResult } from "./postgres/web";
import { machine, writeSection } from "./report";
import { BUILD_DIR, scratchDir, step } from "./setup";
import { status } from "./status";

const DOC = join("docs", "benchmarks.md");
/** Comparable to SQLite's WAL + synchronous=NORMAL: no fsync wait per commit, still crash-safe. */
const SETTINGS = { synchronous_commit: "off", shared_preload_libraries: "pg_stat_statements", "pg_stat_statements.track": "none" };
const ORG_DATABASE = "baton_org";
/** The readiness benchmark's organisation, as bench:readiness builds it at 10,000 people. */
const SHAPE = { curricula: 100, courses: 250, coursesPerCurriculum: 10, curriculaPerPerson: 14 };

function parseOptions(argv: string[]) {
  const quick = argv.includes("--quick");
  const number = (name: string, fallback: number) => numberOption(argv, name, fallback);
  const options: Options = {
    parts: ["lesson", "quiz"],
    connections: number("--connections", 2 * availableParallelism() + 1),
    lessonSeconds: number("--seconds", quick ? 3 : 10),
    quizSeconds: number("--quiz-seconds", quick ? 5 : 20),
    warmupSeconds: number("--warmup", quick ? 1 : 3),
    rounds: number("--rounds", quick ? 1 : 3),
    gzip: false,
    doubleEvery: number("--double-every", 10),
    build: !argv.includes("--no-build"),
    write: false,
  };
  const people = number("--people", quick ? 1_000 : 10_000);
  options.write = argv.includes("--write") || (!quick && people === 10_000);
  return { options, people, runs: number("--runs", quick ? 2 : 5), baselineRuns: number("--baseline-runs", 1), socket: !argv.includes("--tcp") };
}

/** Run one of this benchmark's own steps in a child process (its output shown as it comes) and read back its JSON result. */
function child<T>(script: string, env: Record<string, string>, resultFile: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const run = spawn(process.execPath, ["--import", "tsx", join("scripts", "bench", "postgres", script)], {
      env: { ...process.env, ...env, BENCH_RESULT: resultFile },
      stdio: ["ignore", "inherit", "inherit"],
    });
    run.on("error", reject);
    run.on("close", (code, signal) => {
      if (code !== 0) return reject(new Error(`${script} ${env.BENCH_MODE ?? ""} failed (${signal ?? `exit ${code}`}): see its output above`));
      resolve(JSON.parse(readFileSync(resultFile, "utf8")) as T);
    });
  });
}

async function main() {
  const { options, people, runs, baselineRuns, socket } = parseOptions(process.argv.slice(2));
  const started = performance.now();
  const m = machine();
  status.log(`Baton on SQLite and PostgreSQL · ${m.cpu}, ${m.cores} cores, ${m.memoryGb.toFixed(1)} GB, Node ${m.node}`);
  const scratch = scratchDir();
  const log = (name: string) => join(scratch.dir, `${name}.log`);
  const result = (name: string) => join(scratch.dir, `${name}.json`);
  let cluster: Awaited<ReturnType<typeof startCluster>> | null = null;
  const cleanUp = () => {
    cluster?.stop();
    cluster = null;
    if (process.env.BENCH_KEEP) console.log(`Scratch files kept in ${scratch.dir}`);
    else scratch.remove();
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      status.log(`\n${signal}: stopping PostgreSQL and removing scratch files …`);
      cleanUp();
      process.exit(130);
    });
  }
  try {
    if (options.build) {
      await step("Prisma clients (SQLite and PostgreSQL)", "npm", ["run", "--silent", "db:generate"], {}, log("build"));
      await step(`Production build (${BUILD_DIR}/)`, "npx", ["remix", "vite:build"], { BUILD_DIR }, log("build"));
    }
    const contentOut = join(scratch.dir, "content");
    await step("content:build", process.execPath, ["--import", "tsx", "scripts/content-build.ts"], { CONTENT_OUT_DIR: contentOut }, log("content"));

    const pgCluster = await startCluster({ durable: true, settings: SETTINGS });
    cluster = pgCluster;
    const pgUrl = (database: string) =>
      socket ? `postgresql://postgres@localhost:${pgCluster.port}/${database}?host=${pgCluster.dir}` : pgCluster.url(database);
    const postgresVersion = await serverVersion(pgUrl("postgres"));
    status.log(`PostgreSQL ${postgresVersion} is running in ${pgCluster.dir} (port ${pgCluster.port}, ${socket ? "Unix socket" : "TCP"}).`);

    // 1. Lesson page and quiz submissions: SQLite first, then PostgreSQL with at least as many quiz learners.
    const webRun = async (url: string, name: string, quizLearners: number) => {
      status.log(`\n── lesson page and quiz submissions on ${name} ──`);
      await step(`Migrate a fresh ${name} database`, process.execPath, ["scripts/db-migrate.mjs"], { DATABASE_URL: url }, log("migrate"));
      const env = {
        NODE_ENV: "production",
        DATABASE_URL: url,
        CONTENT_OUT_DIR: contentOut,
        BUILD_DIR,
        BENCH_OPTIONS: JSON.stringify(options),
        BENCH_DIR: scratch.dir,
        BENCH_QUIZ_LEARNERS: String(quizLearners),
        BENCH_PG_DIR: pgCluster.dir,
      };
      return child<WebResult>("web.ts", env, result(`web-${name}`));
    };
    const sqlite = await webRun(`file:${join(scratch.dir, "web.db")}`, "SQLite", 0);
    const postgres = await webRun(pgUrl("baton_web"), "PostgreSQL", sqlite.quizLearners);

    // 2. The readiness report: the organisation in SQLite, copied with db:copy, the report timed on both.
    status.log(`\n── readiness report at ${people.toLocaleString("en")} people ──`);
    const readinessContent = join(scratch.dir, "readiness-content");
    mkdirSync(readinessContent, { recursive: true });
    writeCatalog(readinessContent, syntheticCatalog(SHAPE.courses));
    const orgUrl = `file:${join(scratch.dir, "org.db")}`;
    const now = new Date().toISOString();
    const readinessEnv = { NODE_ENV: "production", CONTENT_OUT_DIR: readinessContent, BENCH_NOW: now };
    await step("Migrate the organisation's SQLite database", process.execPath, ["scripts/db-migrate.mjs"], { DATABASE_URL: orgUrl }, log("migrate"));
    const size: OrgSize = { people, ...SHAPE };
    const org = await child<BuildResult>(
      "readiness.ts",
      { ...readinessEnv, DATABASE_URL: orgUrl, BENCH_MODE: "build", BENCH_SIZE: JSON.stringify(size) },
      result("org"),
    );
    // The target database is created empty first (as a DBA would), so PostgreSQL's time per statement is tracked in it.
    const orgPg = pgUrl(ORG_DATABASE);
    await trackDatabase(pgUrl("postgres"), ORG_DATABASE);
    const copyStatements = await statementsSince(pgUrl("postgres"), ORG_DATABASE);
    const copyCpu = sampleTreeCpu(pgCluster.dir);
    const copyMs = await step("npm run db:copy", "npm", ["run", "--silent", "db:copy", "--", "--from", orgUrl, "--to", orgPg], {}, log("copy")).finally(() =>
      copyCpu.stop(),
    );
    const copy = copyOutcome(copyMs, readFileSync(log("copy"), "utf8"), await copyStatements.read(), copyCpu.stop());
    status.log(`db:copy: ${copy.rows.toLocaleString("en")} rows in ${copy.tables} tables.`);
    const measureEnv = { ...readinessEnv, BENCH_MODE: "measure", BENCH_RUNS: String(runs), BENCH_BASELINE_RUNS: String(baselineRuns) };
    status.log("HR report on SQLite:");
    const reportSqlite = await child<MeasureResult>("readiness.ts", { ...measureEnv, DATABASE_URL: orgUrl }, result("report-sqlite"));
    status.log("HR report on PostgreSQL:");
    const reportPostgres = await child<MeasureResult>(
      "readiness.ts",
      { ...measureEnv, DATABASE_URL: orgPg, BENCH_STATS_URL: pgUrl("postgres"), BENCH_STATS_DATABASE: ORG_DATABASE },
      result("report-postgres"),
    );

    const run: Run = {
      options,
      people,
      runs,
      baselineRuns,
      socket,
      settings: { synchronous_commit: SETTINGS.synchronous_commit },
      postgresVersion,
      sqlite,
      postgres,
      org,
      copy,
      reportSqlite,
      reportPostgres,
      loadAtStart: m.load,
      seconds: (performance.now() - started) / 1000,
    };
    const rows = rowsOf(run);
    const notes = [...notesOf(run, rows), ...sqlite.notes.map((x) => `SQLite: ${x}`), ...postgres.notes.map((x) => `PostgreSQL: ${x}`)];
    console.log(`\n${terminalTable(rows)}\n`);
    for (const paragraph of whereTimeGoes(run, rows)) console.log(`${paragraph}\n`);
    for (const note of notes) console.log(`• ${note}\n`);
    const missed = rows.filter((r) => r.met === false).length;
    console.log(`${missed === 0 ? "Every goal met" : `${missed} goal(s) missed`} · ${Math.round(run.seconds)} s in all.`);
    if (options.write) {
      writeSection(DOC, markdownSection(run, rows, notes));
      console.log(`Results written to ${DOC} (${SECTION.slice(3)}).`);
    } else console.log(`${DOC} not updated (a quick or resized run; add --write to record it).`);
  } finally {
    cleanUp();
  }
}

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
    return rows[0]?.server_version.split(" ")[0] ?? "?";
  } finally {
    await client.end();
  }
}

/**
 * What db:copy printed (its summary line "Copied 32 tables, 509,669 rows in 16.4 s", and, when its output is not a
 * terminal, a line per table "  Person: 1,000 rows copied, checksum equal (0.1 s)" and one for rebuilding the keys and
 * indexes), PostgreSQL's time per statement meanwhile, and the CPU both sides used.
 */
function copyOutcome(ms: number, output: string, statements: Statement[], cpu: TreeCpu | null): CopyResult {
  const number = (text: string) => Number(text.replace(/,/g, ""));
  const line = /Copied (\d+) tables?, ([\d,]+) rows? in ([\d.]+) s/.exec(output);
  if (!line) throw new Error(`db:copy finished without its summary line:\n${output.slice(-2000)}`);
  const perTable = [...output.matchAll(/^\s+(\w+): ([\d,]+) rows? copied, checksum equal \(([\d.]+) s\)/gm)].map((t) => ({
    name: t[1]!,
    rows: number(t[2]!),
    seconds: Number(t[3]),
  }));
  const rebuilt = /indexes and foreign keys rebuilt \(([\d.]+) s\)/.exec(output);
  const phaseMs = (kind: RegExp) => statements.filter((st) => kind.test(st.query)).reduce((sum, st) => sum + st.totalMs, 0);
  return {
    ms,
    tables: Number(line[1]),
    rows: number(line[2]!),
    ownSeconds: Number(line[3]),
    perTable: perTable.sort((a, b) => b.seconds - a.seconds),
    rebuildSeconds: rebuilt ? Number(rebuilt[1]) : null,
    phases: {
      loadMs: phaseMs(/^(INSERT INTO|COPY .* FROM STDIN)/i),
      indexMs: phaseMs(/^(CREATE (UNIQUE )?INDEX|ALTER TABLE .* ADD (CONSTRAINT|PRIMARY|FOREIGN))/i),
      checkMs: phaseMs(/^(COPY .* TO STDOUT|DECLARE|FETCH|CLOSE)\b/i),
      allMs: phaseMs(/./),
    },
    cpu,
  };
}

main().catch((error) => {
  status.log("");
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
