/** The "PostgreSQL (issue 17)" section of docs/benchmarks.md and the terminal table, from one run's figures. */
import { availableParallelism } from "node:os";
import { fmt, type Options, type Row } from "../context";
import { machine, mark, markdownTable, plainTable } from "../report";
import type { Activity } from "./activity";
import type { TreeCpu } from "./cpu";
import type { BuildResult, MeasureResult } from "./readiness";
import type { WebResult } from "./web";

export const SECTION = "## PostgreSQL (issue 17)";

/** PostgreSQL's throughput must be at least this share of SQLite's (within 2×), its latency at most 1 ÷ this. */
const WITHIN = 0.5;
/** The readiness issue's goal for the report's first page: this many times faster than deriving everyone. */
const REPORT_SPEEDUP = 50;
const COPY_SECONDS = 60;

export type CopyResult = {
  /** `npm run db:copy` end to end, and the copy's own count. */
  ms: number;
  ownSeconds: number;
  tables: number;
  rows: number;
  /** Each table's copy and check, slowest first. */
  perTable: { name: string; rows: number; seconds: number }[];
  /** Rebuilding keys and indexes after the load, as db:copy reports it. */
  rebuildSeconds: number | null;
  /**
   * Time inside PostgreSQL's statements by phase (pg_stat_statements): loading rows (a COPY FROM STDIN lasts as long
   * as db:copy streams), building keys and indexes, reading rows back for the checksums (COPY TO STDOUT waits for
   * db:copy to hash them), and all statements.
   */
  phases: { loadMs: number; indexMs: number; checkMs: number; allMs: number };
  /** CPU seconds used meanwhile by db:copy (npm and node) and by PostgreSQL's processes. */
  cpu: TreeCpu | null;
};
export type Run = {
  options: Options;
  people: number;
  runs: number;
  baselineRuns: number;
  socket: boolean;
  settings: Record<string, string>;
  postgresVersion: string;
  sqlite: WebResult;
  postgres: WebResult;
  org: BuildResult;
  copy: CopyResult;
  reportSqlite: MeasureResult;
  reportPostgres: MeasureResult;
  loadAtStart: number;
  seconds: number;
};

type PgRow = { figure: string; sqlite: string; postgres: string; ratio: string; goal: string; met: boolean | null; by?: string };

const n = (v: number) => v.toLocaleString("en");
const time = (ms: number) => (ms >= 1000 ? fmt.s(ms) : fmt.ms(ms));

/** A throughput row: PostgreSQL ÷ SQLite, at least WITHIN. */
function throughput(figure: string, sqlite: number, postgres: number): PgRow {
  const share = postgres / sqlite;
  return {
    figure,
    sqlite: fmt.rps(sqlite),
    postgres: fmt.rps(postgres),
    ratio: fmt.pct(share),
    goal: `≥ ${fmt.pct(WITHIN)} of SQLite's`,
    met: share >= WITHIN,
    by: `${fmt.times(WITHIN / share)} short`,
  };
}

/** A latency row: PostgreSQL ÷ SQLite, at most 1 ÷ WITHIN when `goal`. */
function latency(figure: string, sqlite: number, postgres: number, goal: boolean): PgRow {
  const ratio = postgres / sqlite;
  return {
    figure,
    sqlite: fmt.ms(sqlite),
    postgres: fmt.ms(postgres),
    ratio: fmt.times(ratio),
    goal: goal ? `≤ ${fmt.times(1 / WITHIN)} SQLite's` : "—",
    met: goal ? ratio <= 1 / WITHIN : null,
    by: `${fmt.times(ratio * WITHIN)} over`,
  };
}

type Load = "lesson" | "quiz";
/** CPU milliseconds per request during a load test's measured rounds: Baton's server, and PostgreSQL's processes. */
const cpuPerRequest = (w: WebResult, load: Load) => {
  const c = w.cpu?.[load];
  return c ? { server: (c.server * 1000) / c.requests, postgres: (c.postgres * 1000) / c.requests, busy: (c.server + c.postgres + c.bench) / c.seconds } : null;
};

function cpuRows(label: string, sqlite: WebResult, postgres: WebResult, load: Load): PgRow[] {
  const s = cpuPerRequest(sqlite, load);
  const p = cpuPerRequest(postgres, load);
  if (!s || !p) return [];
  const row = (figure: string, a: number, b: number, ratio = fmt.times(b / a)): PgRow => ({
    figure,
    sqlite: fmt.ms(a),
    postgres: fmt.ms(b),
    ratio,
    goal: "—",
    met: null,
  });
  return [
    row(`${label}: CPU per request, Baton's server process`, s.server, p.server),
    row(`${label}: CPU per request, PostgreSQL's processes`, s.postgres, p.postgres, "—"),
    {
      figure: `${label}: cores busy (server, PostgreSQL and autocannon) of ${availableParallelism()}`,
      sqlite: s.busy.toFixed(2),
      postgres: p.busy.toFixed(2),
      ratio: "—",
      goal: "—",
      met: null,
    },
  ];
}

export function rowsOf(run: Run): PgRow[] {
  const { sqlite, postgres, reportSqlite: rs, reportPostgres: rp } = run;
  const c = run.options.connections;
  const rows: PgRow[] = [
    throughput(`Lesson page, signed in, warm, ${c} connections: throughput`, sqlite.lesson.rps, postgres.lesson.rps),
    latency("Lesson page: p50 latency", sqlite.lesson.p50, postgres.lesson.p50, false),
    latency("Lesson page: p99 latency", sqlite.lesson.p99, postgres.lesson.p99, true),
    latency("Lesson page one request at a time: median latency", sqlite.oneAtATimeMs, postgres.oneAtATimeMs, false),
    latency("… of which its route loaders, called in-process", sqlite.loadersMs, postgres.loadersMs, false),
    ...cpuRows("Lesson page", sqlite, postgres, "lesson"),
    throughput(`Quiz submissions, ${c} connections: throughput`, sqlite.quiz.rps, postgres.quiz.rps),
    latency("Quiz submissions: p50 latency", sqlite.quiz.p50, postgres.quiz.p50, false),
    latency("Quiz submissions: p99 latency", sqlite.quiz.p99, postgres.quiz.p99, true),
    ...cpuRows("Quiz submissions", sqlite, postgres, "quiz"),
  ];
  // The quiz test's correctness checks, the same on both databases (integrity: SQLite's integrity_check, amcheck on PostgreSQL).
  // A figure that names its request count names SQLite's; each side's count goes beside its value instead.
  sqlite.correctness.forEach((s: Row, i) => {
    const p = postgres.correctness[i]!;
    const figure = s.figure.replace(/ of [\d,]+$/, "");
    const value = (r: Row, w: WebResult) => (figure === s.figure ? r.value : `${r.value} of ${n(w.quiz.requests)}`);
    rows.push({
      figure: `Quiz: ${figure}`,
      sqlite: value(s, sqlite),
      postgres: value(p, postgres),
      ratio: "—",
      goal: s.goal,
      met: s.met !== false && p.met !== false,
    });
  });
  const copyMet = run.copy.ms <= COPY_SECONDS * 1000;
  rows.push({
    figure: `\`npm run db:copy\` of the ${n(run.people)}-person organisation (${n(run.copy.rows)} rows, ${run.copy.tables} tables), end to end`,
    sqlite: "—",
    postgres: fmt.s(run.copy.ms),
    ratio: "—",
    goal: `< ${COPY_SECONDS} s`,
    met: copyMet,
    by: `${fmt.s(run.copy.ms - COPY_SECONDS * 1000)} over`,
  });
  rows.push({
    figure: `HR report, first page, default filters (${n(run.people)} people): median of ${run.runs}`,
    sqlite: time(rs.report.median),
    postgres: time(rp.report.median),
    ratio: fmt.times(rp.report.median / rs.report.median),
    goal: "—",
    met: null,
  });
  if (rs.oldReport && rp.oldReport) {
    rows.push({
      figure: `HR report, old path (derive everyone, count in memory): ${run.baselineRuns === 1 ? "one run" : `median of ${run.baselineRuns}`}`,
      sqlite: time(rs.oldReport.median),
      postgres: time(rp.oldReport.median),
      ratio: fmt.times(rp.oldReport.median / rs.oldReport.median),
      goal: "—",
      met: null,
    });
    const speedup = (m: MeasureResult) => m.oldReport!.median / m.report.median;
    rows.push({
      figure: "HR report, first page: times faster than the old path on the same database (readiness issue's goal)",
      sqlite: `${fmt.times(speedup(rs))} faster`,
      postgres: `${fmt.times(speedup(rp))} faster`,
      ratio: "—",
      goal: `≥ ${REPORT_SPEEDUP}× faster (on PostgreSQL)`,
      met: speedup(rp) >= REPORT_SPEEDUP,
      by: `${fmt.pct(speedup(rp) / REPORT_SPEEDUP)} of the goal`,
    });
  }
  const sameCounts = JSON.stringify(rs.counts) === JSON.stringify(rp.counts);
  const agree = rs.mismatches.length + rp.mismatches.length === 0;
  rows.push({
    figure: "HR report counts by state: the copy's equal the original's; the summary's equal the derivation's",
    sqlite: `${n(rs.counts.total ?? 0)} people; ${rs.mismatches.length === 0 ? "equal" : `${rs.mismatches.length} differ`}`,
    postgres: `${sameCounts ? "equal" : "differ"}; ${rp.mismatches.length === 0 ? "equal" : `${rp.mismatches.length} differ`}`,
    ratio: "—",
    goal: "equal; equal",
    met: sameCounts && agree,
  });
  const memory = (w: WebResult) => (w.serverMemoryMb === null ? "n/a" : `${Math.round(w.serverMemoryMb)} MB`);
  rows.push({
    figure: "Server peak memory (RSS) after the lesson and quiz tests",
    sqlite: memory(sqlite),
    postgres: memory(postgres),
    ratio: "—",
    goal: "—",
    met: null,
  });
  return rows;
}

const share = (a: Activity, key: keyof Activity) => a[key].toFixed(1);

/** What PostgreSQL's connections did during a load test, in a sentence. */
function activityLine(label: string, a: Activity) {
  return (
    `${label}: of ${share(a, "connections")} connections open on average, ${share(a, "running")} running a statement, ` +
    `${share(a, "waitingForWriteLock")} waiting for the write lock and ${share(a, "idleInTransaction")} in a transaction waiting for the app; ` +
    `the write lock was held in ${fmt.pct(a.lockHeld)} of ${n(a.samples)} samples, its holder running a statement in ${fmt.pct(a.holderRunning)} of those.`
  );
}

/** How long a quiz submission holds the write lock: the share of time it is held ÷ submissions per second. */
const lockHoldMs = (run: Run, a: Activity) => (a.lockHeld * 1000) / run.postgres.quiz.rps;

/**
 * Where PostgreSQL's time goes, in paragraphs: the server's connections during the load tests, and db:copy's phases
 * (when its goal is met; a missed goal has it among the notes).
 */
export function whereTimeGoes(run: Run, rows: PgRow[]): string[] {
  const copyMet = !rows.some((r) => r.figure.startsWith("`npm run db:copy`") && r.met === false);
  return [...(run.postgres.activity ? [activityParagraph(run, run.postgres.activity)] : []), ...(copyMet ? [copyNote(run.copy, true)] : [])];
}

function activityParagraph(run: Run, a: NonNullable<WebResult["activity"]>): string {
  return (
    "**What the server's PostgreSQL connections did** (pg_stat_activity sampled every 50 ms during the measured rounds; the server holds " +
    "Prisma's pool of up to 10 connections and up to 4 for its prepared reads): " +
    `${activityLine("lesson page", a.lesson)} ${activityLine("Quiz submissions", a.quiz)} ` +
    `So a submission holds the write lock about ${fmt.ms(lockHoldMs(run, a.quiz))} (the lock's busy share ÷ ${fmt.rps(run.postgres.quiz.rps)}), ` +
    `PostgreSQL executing a statement for ${fmt.pct(a.quiz.holderRunning)} of it: the rest the transaction waits for the server process between ` +
    "its statements (Prisma, Baton's code, and the other requests' page rendering on the same event loop). Submissions queue for that " +
    "lock, not for PostgreSQL or the pool."
  );
}

/** The CPU a request costs on each database, and whether the cores were the limit, in a sentence ("" without figures). */
function cpuSentence(sqlite: WebResult, postgres: WebResult, load: Load): string {
  const s = cpuPerRequest(sqlite, load);
  const p = cpuPerRequest(postgres, load);
  if (!s || !p) return "";
  const cores = availableParallelism();
  return (
    `Under load a request costs ${fmt.ms(p.server)} of the server's CPU on PostgreSQL against ${fmt.ms(s.server)} on SQLite (the pg driver's ` +
    `protocol work and waiting on sockets replace in-process SQLite calls), plus ${fmt.ms(p.postgres)} in PostgreSQL's own processes: ` +
    `${fmt.ms(p.server + p.postgres)} against ${fmt.ms(s.server + s.postgres)} in all. With autocannon on the same machine the ${cores} cores were ` +
    `${fmt.pct(p.busy / cores)} busy on PostgreSQL and ${fmt.pct(s.busy / cores)} on SQLite` +
    (p.busy / cores >= 0.9
      ? ": the machine was full, so the extra CPU per request is what throughput and queueing pay for. "
      : ": the cores were not the limit on PostgreSQL, waiting was. ")
  );
}

/** Where a missed goal's time goes, from the figures measured in the run. */
export function notesOf(run: Run, rows: PgRow[]): string[] {
  const notes: string[] = [];
  const { sqlite, postgres, reportSqlite: rs, reportPostgres: rp } = run;
  const missed = (start: string) => rows.some((r) => r.figure.startsWith(start) && r.met === false);
  const activity = postgres.activity;
  if (missed("Lesson page")) {
    const dataGap = postgres.loadersMs - sqlite.loadersMs;
    notes.push(
      `Lesson page on PostgreSQL: ${fmt.pct(postgres.lesson.rps / sqlite.lesson.rps)} of SQLite's throughput, p99 ${fmt.times(postgres.lesson.p99 / sqlite.lesson.p99)} SQLite's. ` +
        `One request at a time the page takes ${fmt.ms(postgres.oneAtATimeMs)} against ${fmt.ms(sqlite.oneAtATimeMs)}; its route loaders ${fmt.ms(postgres.loadersMs)} against ` +
        `${fmt.ms(sqlite.loadersMs)} (${fmt.ms(dataGap)} more: each query is a round trip to another process instead of a call into SQLite in the same one). ` +
        cpuSentence(sqlite, postgres, "lesson") +
        (activity ? `${activityLine("During the load", activity.lesson)} ` : "") +
        "What would close it: fewer round trips per page — the session read (one prepared statement that also carries the view-cache versions) is asked " +
        "twice per page, by the layout and by the page, and could be asked once per request; and whatever else the loaders still read on a warm view cache.",
    );
  }
  if (missed("Quiz submissions")) {
    const a = activity?.quiz;
    notes.push(
      `Quiz submissions on PostgreSQL: ${fmt.pct(postgres.quiz.rps / sqlite.quiz.rps)} of SQLite's throughput (${fmt.rps(postgres.quiz.rps)} against ${fmt.rps(sqlite.quiz.rps)}), ` +
        `p99 ${fmt.ms(postgres.quiz.p99)} against ${fmt.ms(sqlite.quiz.p99)}. ` +
        cpuSentence(sqlite, postgres, "quiz") +
        (a
          ? `${activityLine("During the measured rounds", a)} With every submission's transaction holding the one write lock ` +
            `(docs/decisions/018), the lock is held about ${fmt.ms(lockHoldMs(run, a))} per submission (lock-held share ÷ submissions per second), ` +
            `and the holder spends ${fmt.pct(1 - a.holderRunning)} of that waiting for the app between statements (Prisma and Baton's code on a busy ` +
            "event loop, each statement a round trip) rather than in PostgreSQL. "
          : "") +
        "What would close it: split the write lock per concern as docs/decisions/018 foresees (per person for quiz attempts), so " +
        "submissions of different learners overlap; and fewer statements inside the transaction (grade before it opens, write the attempt and progress in one statement).",
    );
  }
  if (missed("`npm run db:copy`")) notes.push(copyNote(run.copy, false));
  if (missed("HR report, first page: times faster") && rs.oldReport && rp.oldReport) {
    const statements = rp.statements ?? [];
    const server = statements.reduce((sum, s) => sum + s.totalMs, 0) / run.runs;
    const top = statements
      .slice(0, 3)
      .map((s) => `\`${s.query.slice(0, 90)}${s.query.length > 90 ? "…" : ""}\` ${fmt.ms(s.totalMs / run.runs)} (${s.calls / run.runs} call(s) a report)`)
      .join("; ");
    notes.push(
      `HR report on PostgreSQL: ${fmt.times(rp.oldReport.median / rp.report.median)} faster than deriving everyone (goal ≥ ${REPORT_SPEEDUP}×): ` +
        `${time(rp.report.median)} against ${time(rp.oldReport.median)}; on SQLite in the same run ${fmt.times(rs.oldReport.median / rs.report.median)} ` +
        `(${time(rs.report.median)} against ${time(rs.oldReport.median)}). PostgreSQL itself spent ${fmt.ms(server)} a report executing ` +
        `${n(statements.reduce((sum, s) => sum + s.calls, 0) / run.runs)} statements (pg_stat_statements; they run partly side by side, so the sum can exceed the wall time)` +
        (top ? `, most in ${top}` : "") +
        `; the rest of the ${time(rp.report.median)} is Prisma, the pool and Node. ` +
        "What would close it: the first page's grouped counts read every summary row of the population — a counts table kept per state, department and start month " +
        "by the summary's writer (with the verifier checking it) would make them independent of the number of people.",
    );
  }
  return notes;
}

/** Where db:copy's time goes: by phase, by table, and which side of the stream was busy. */
export function copyNote(copy: CopyResult, met: boolean): string {
  const { loadMs, indexMs, checkMs, allMs } = copy.phases;
  const own = copy.ownSeconds * 1000;
  const slowest = copy.perTable
    .slice(0, 3)
    .map((t) => `${t.name} (${n(t.rows)} rows, ${t.seconds.toFixed(1)} s)`)
    .join(", ");
  const cpu = copy.cpu;
  const busy = cpu ? { copy: (cpu.commandSeconds * 1000) / copy.ms, postgres: (cpu.postgresSeconds * 1000) / copy.ms } : null;
  const phases = [
    {
      ms: loadMs,
      fix:
        busy && busy.copy > busy.postgres
          ? "the load, led by db:copy's side (reading SQLite and encoding every row on one core): overlap reading and encoding the next table with PostgreSQL's work on this one, or load two tables at once"
          : "the load on PostgreSQL's side: load two tables at once over two connections",
    },
    { ms: indexMs, fix: "rebuilding keys and indexes: build them on several connections at once, with a larger maintenance_work_mem" },
    {
      ms: checkMs,
      fix: "the checksum read-back: compute the checksum inside PostgreSQL (an aggregate over each row's canonical text) instead of streaming every row back to be hashed",
    },
  ].sort((a, b) => b.ms - a.ms);
  return (
    `db:copy: ${fmt.s(copy.ms)} end to end for ${n(copy.rows)} rows (${n(Math.round(copy.rows / (copy.ms / 1000)))} rows/s; goal < ${COPY_SECONDS} s` +
    `${met ? "" : `, over by ${fmt.s(copy.ms - COPY_SECONDS * 1000)}`}). Its own count is ${fmt.s(own)}; the rest is npm and process start. ` +
    `Inside PostgreSQL's statements (pg_stat_statements): loading rows ${fmt.s(loadMs)}, keys and indexes ${fmt.s(indexMs)}` +
    `${copy.rebuildSeconds === null ? "" : ` (db:copy counts ${copy.rebuildSeconds.toFixed(1)} s for the rebuild)`}, reading rows back for the checksums ` +
    `${fmt.s(checkMs)}, ${fmt.s(allMs - loadMs - indexMs - checkMs)} in the migration and everything else; the other ${fmt.s(Math.max(0, own - allMs))} of db:copy's count ` +
    "is between statements (reading the schema, connecting). " +
    (slowest ? `Slowest tables (load and check): ${slowest}. ` : "") +
    (cpu && busy
      ? `CPU meanwhile: db:copy ${fmt.s(cpu.commandSeconds * 1000)} (busy ${fmt.pct(busy.copy)} of the time), PostgreSQL ${fmt.s(cpu.postgresSeconds * 1000)} ` +
        `(${fmt.pct(busy.postgres)}), on ${availableParallelism()} cores. `
      : "") +
    (met ? "" : `What would close it, largest phase first: ${phases[0]!.fix}.`)
  ).trim();
}

export function terminalTable(rows: PgRow[]): string {
  return plainTable(
    ["figure", "SQLite", "PostgreSQL", "PG ÷ SQLite", "goal", ""],
    rows.map((r) => [r.figure, r.sqlite, r.postgres, r.ratio, r.goal, mark(r, "MISSED")]),
  );
}

export function markdownSection(run: Run, rows: PgRow[], notes: string[]): string {
  const m = machine();
  const o = run.options;
  const settings = Object.entries(run.settings)
    .map(([k, v]) => `\`${k}=${v}\``)
    .join(", ");
  const lines = [
    SECTION,
    "",
    `Latest \`npm run bench:postgres\`: ${m.date}${m.commit ? `, commit ${m.commit}` : ""}. Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb.toFixed(1)} GB memory, ` +
      `Node ${m.node}, ${m.os}; load average ${run.loadAtStart.toFixed(1)} at the start and ${m.load.toFixed(1)} at the end. The run took ${Math.round(run.seconds)} s.`,
    "",
    `Both databases in one run, measured one after the other (never both at once on ${m.cores} cores). **PostgreSQL ${run.postgresVersion}**: a throwaway ` +
      `cluster (scripts/db/postgres-cluster.mjs) on this machine, durable (fsync and full-page writes on), ${settings}: PostgreSQL's counterpart of ` +
      "SQLite's WAL with `synchronous=NORMAL` — a commit does not wait for its fsync, and a crash can lose the last few hundred milliseconds of " +
      "commits but never corrupts the database. Otherwise the defaults; pg_stat_statements is loaded with tracking off except in the " +
      `readiness database. Baton reaches it ${run.socket ? "through its Unix socket (`postgresql://…@localhost:PORT/db?host=<socket dir>`)" : "over TCP on 127.0.0.1"}, ` +
      "every write transaction behind the one advisory write lock (docs/decisions/018). " +
      "**SQLite**: Baton's defaults (WAL, `synchronous=NORMAL`, one connection).",
    "",
    `**Lesson page and quiz submissions**: the production build (\`NODE_ENV=production node server.mjs\`, one process) on a fresh database of each kind with the ` +
      `same synthetic learners (${n(run.sqlite.learners)} on SQLite, ${n(run.postgres.learners)} on PostgreSQL: 100 readers plus the quiz test's, at least as ` +
      "many on PostgreSQL as on SQLite), measured by the functions `npm run bench` uses (scripts/bench/lesson.ts, quiz.ts, load.ts): autocannon with " +
      `${o.connections} connections, a ${o.warmupSeconds} s warm-up, then the median of ${o.rounds} rounds of ${o.lessonSeconds} s (lesson page) and ` +
      `${o.quizSeconds} s (quiz submissions, one form in ${o.doubleEvery} sent twice at once, the database audited afterwards). The page one request at a time ` +
      "and its route loaders called in-process come first, with nothing else running. Load average (other work on the machine) at the start and end of " +
      `each half: SQLite ${run.sqlite.load.start.toFixed(1)} → ${run.sqlite.load.end.toFixed(1)}, PostgreSQL ${run.postgres.load.start.toFixed(1)} → ${run.postgres.load.end.toFixed(1)}.`,
    "",
    `**Readiness report**: the ${n(run.people)}-person organisation of \`npm run bench:readiness\` (scripts/bench/readiness/org.ts: ${n(run.org.build.lessonRows)} lesson rows, ` +
      `${n(run.org.build.attemptRows)} quiz attempts, ${n(run.org.build.practiceRows)} practice submissions) built in SQLite with its stored summary ` +
      `(${n(run.org.summaries)} people, ${fmt.s(run.org.summaryMs)}), copied to PostgreSQL with \`npm run db:copy\` (timed end to end, process start and the target's ` +
      `migration included), then the report's first page timed on each as scripts/bench/readiness/measure.ts times it (a warm-up, then the median of ${run.runs}) and the ` +
      `old path it is judged against (readiness/baseline.ts: derive everyone, count in memory; ${run.baselineRuns === 1 ? "one run" : `median of ${run.baselineRuns}`}, no warm-up). ` +
      `The readiness issue's goal is a ratio: the first page ≥ ${REPORT_SPEEDUP}× faster than the old path, here on the same PostgreSQL database.`,
    "",
    ...markdownTable(
      ["figure", "SQLite", "PostgreSQL", "PG ÷ SQLite", "goal", ""],
      rows.map((r) => [r.figure, r.sqlite, r.postgres, r.ratio, r.goal, mark(r)]),
    ),
    "",
  ];
  for (const paragraph of whereTimeGoes(run, rows)) lines.push(paragraph, "");
  if (notes.length > 0) lines.push("### Where a goal is missed, and why (PostgreSQL)", "", ...notes.map((x) => `- ${x}`), "");
  lines.push(
    `Re-run with \`npm run bench:postgres\` (about ${Math.ceil(run.seconds / 60)} minutes; \`-- --quick\` for a short look that does not write this file; ` +
      "`--seconds`, `--quiz-seconds`, `--rounds`, `--people`, `--no-build`, `--tcp` as the script's first lines say).",
    "",
  );
  return lines.join("\n");
}
