// Moving to PostgreSQL (issue 17): the demo organisation, seeded into a SQLite file of its own, copied with
// `npm run db:copy` into databases on BATON_PG_URL's server, or on a throwaway cluster of its own when that is unset
// (the SQLite pass of the suite). Whatever DATABASE_URL this test file got is never used.
import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminQuery, postgresServer, query } from "../setup/postgres";
import { freshDatabaseFile } from "./helpers/processes";

type Finished = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

/** A child process in a group of its own (npm starts node under a shell: a kill must reach all of them). */
function start(command: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const finished = new Promise<Finished>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
  const printed = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (stdout.includes(text)) resolve();
      child.stdout.on("data", () => stdout.includes(text) && resolve());
      void finished.then((f) => reject(new Error(`exited (${f.code ?? f.signal}) before printing "${text}": ${f.stdout}${f.stderr}`)));
    });
  return { finished, printed, kill: () => process.kill(-child.pid!, "SIGKILL") };
}

const copy = (args: string[], env: Record<string, string> = {}) => start("npm", ["run", "--silent", "db:copy", "--", ...args], env);
const node = (script: string, databaseUrl: string) =>
  start(process.execPath, ["--import", "tsx", script], { DATABASE_URL: databaseUrl }).finished.then((f) =>
    f.code === 0 ? f : Promise.reject(new Error(`${script} exited ${f.code}: ${f.stdout}${f.stderr}`)),
  );
const migrate = (databaseUrl: string) => start(process.execPath, ["scripts/db-migrate.mjs"], { DATABASE_URL: databaseUrl }).finished;

let server: Awaited<ReturnType<typeof postgresServer>>;
const databases: string[] = [];
/** A PostgreSQL database of this run, not created yet (db:copy creates it); dropped at the end. */
function target(name: string) {
  const database = `db_copy_${name}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  databases.push(database);
  return server.url(database);
}

const sourceFile = freshDatabaseFile("db-copy-demo");
const source = `file:${sourceFile.file}`;
let sqlite: Database.Database;

/** Rows per table, in the source and in a copy. */
function sourceCounts() {
  const tables = `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`;
  const rows = (table: string) => {
    const sql = `SELECT count(*) FROM "${table}"`;
    return Number(sqlite.prepare(sql).pluck().get());
  };
  const names = sqlite.prepare(tables).pluck().all().map(String);
  return Object.fromEntries(names.map((t) => [t, rows(t)]));
}
async function copyCounts(url: string) {
  const counts: Record<string, number> = {};
  for (const table of Object.keys(sourceCounts())) counts[table] = Number((await query(url, `SELECT count(*) AS n FROM "${table}"`))[0].n);
  return counts;
}

/** Each person as the source holds them and as a copy does: dates as milliseconds, so no time zone can hide a shift. */
function sourcePeople() {
  return sqlite
    .prepare(`SELECT email, role, managerId, viewVersion, startDate, signedInAt FROM Person ORDER BY email`)
    .all()
    .map((p: any) => ({ ...p, startDate: p.startDate && Date.parse(p.startDate), signedInAt: p.signedInAt && Date.parse(p.signedInAt) }));
}
async function copyPeople(url: string) {
  const ms = (column: string) => `(extract(epoch FROM "${column}") * 1000)::float8 AS "${column}"`;
  return query(url, `SELECT email, role::text, "managerId", "viewVersion", ${ms("startDate")}, ${ms("signedInAt")} FROM "Person" ORDER BY email COLLATE "C"`);
}
/** Flags and the counter the copy must not bump (its triggers are off while rows go in). */
const FLAGS = `SELECT (SELECT count(*) FROM "QuizAttempt" WHERE passed) AS passed, (SELECT count(*) FROM "LessonFeedback" WHERE anonymous) AS anonymous,
  (SELECT count(*) FROM "CurriculumCourse" WHERE required) AS required, (SELECT value FROM "ViewGeneration") AS generation`;
const sourceFlags = () => sqlite.prepare(FLAGS).get();
const copyFlags = async (url: string) => {
  const [row] = await query(url, FLAGS);
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
};

beforeAll(async () => {
  const seeded = (async () => {
    // db-migrate records the migrations in _prisma_migrations, as on a real install (the test template has none).
    sourceFile.remove();
    expect((await migrate(source)).code).toBe(0);
    await node("prisma/seed.ts", source);
  })();
  server = await postgresServer();
  await seeded;
  sqlite = new Database(sourceFile.file, { readonly: true });
}, 120_000);

afterAll(async () => {
  sqlite?.close();
  for (const name of databases) await adminQuery(server.url("postgres"), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
  server?.stop();
  sourceFile.remove();
});

describe("npm run db:copy", () => {
  let copied: string;

  it("copies every table of the demo organisation into PostgreSQL with the same rows, dates, flags and enums", { timeout: 60_000 }, async () => {
    copied = target("demo");
    const run = await copy(["--from", source, "--to", copied]).finished;
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Copied \d+ tables, [\d,]+ rows in [\d.]+ s; every table's row count and checksum equal the source's\./);

    const counts = sourceCounts();
    expect(counts.Person).toBeGreaterThan(10);
    expect(await copyCounts(copied)).toEqual(counts);
    expect(await copyPeople(copied)).toEqual(sourcePeople());
    expect(await copyFlags(copied)).toEqual(sourceFlags());
    // The comparisons above mean something only if the demo has both values of each flag, and managers.
    expect(sourceFlags()).toMatchObject({ passed: expect.toSatisfy((n: number) => n > 0 && n < counts.QuizAttempt!) });
    expect(sourceFlags()).toMatchObject({ anonymous: expect.toSatisfy((n: number) => n > 0 && n < counts.LessonFeedback!) });
    expect(sourcePeople().filter((p) => p.managerId).length).toBeGreaterThan(0);
  });

  it("leaves a copy whose stored readiness equals the rules, on PostgreSQL", { timeout: 60_000 }, async () => {
    const verified = await node("scripts/readiness-verify.ts", copied);
    expect(verified.stdout).toMatch(/Checked [1-9]\d* people against the rules/);
    expect(verified.stdout).toMatch(/The stored readiness summary equals the derivation\./);
  });

  it("refuses to copy over a database that already holds Baton data, and changes nothing in it", { timeout: 60_000 }, async () => {
    await query(copied, `UPDATE "ViewGeneration" SET value = 424242`);
    const before = await copyCounts(copied);
    const run = await copy(["--from", source, "--to", copied]).finished;
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(
      /^postgresql:\/\/\S+ already holds Baton data \(.+\): add --replace to replace it with the copy, or choose an empty database\.$/,
    );
    expect(await copyCounts(copied)).toEqual(before);
    expect(await query(copied, `SELECT value FROM "ViewGeneration"`)).toEqual([{ value: 424242 }]);
  });

  it("replaces what the database holds with --replace", { timeout: 60_000 }, async () => {
    const run = await copy(["--from", source, "--to", copied, "--replace"]).finished;
    expect(run.code).toBe(0);
    expect(await copyCounts(copied)).toEqual(sourceCounts());
    expect(await copyFlags(copied)).toEqual(sourceFlags());
  });

  it("marks a copy cut short, so Baton refuses to start on it until the copy has run again", { timeout: 60_000 }, async () => {
    const url = target("interrupted");
    const interrupted = copy(["--from", source, "--to", url], { BATON_COPY_PAUSE_AFTER_TABLE: "Person" });
    await interrupted.printed("Paused after Person");
    interrupted.kill();
    expect((await interrupted.finished).signal).toBe("SIGKILL");

    // The transaction never committed: the tables are as the migrations left them, and the mark says why.
    expect(await query(url, `SELECT count(*)::int AS n FROM "Person"`)).toEqual([{ n: 0 }]);
    const refused = await migrate(url);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toMatch(
      /^This database holds an interrupted copy from file:\S+db-copy-demo\S+, started \S+: run npm run db:copy again .*before starting Baton on it\.$/,
    );

    const again = await copy(["--from", source, "--to", url]).finished;
    expect(again.code).toBe(0);
    expect(await copyCounts(url)).toEqual(sourceCounts());
    expect((await migrate(url)).code).toBe(0);
    expect(await query(url, `SELECT to_regclass('"_baton_copy"') AS mark`)).toEqual([{ mark: null }]);
  });

  it("explains in one line a missing or unmigrated source, a wrong URL and an unreachable server", { timeout: 60_000 }, async () => {
    const unmigrated = freshDatabaseFile("db-copy-unmigrated");
    const cases: [string[], RegExp][] = [
      [["--from", "file:./no/such/baton.db", "--to", server.url("postgres")], /^There is no database at \.\/no\/such\/baton\.db/],
      [["--from", unmigrated.url, "--to", target("unmigrated")], /is not a migrated Baton database .*run DATABASE_URL=file:\S+ npm run db:migrate first/],
      [["--from", source, "--to", "file:./copy.db"], /^--to must be a PostgreSQL URL/],
      [["--from", "postgresql://somewhere/baton", "--to", server.url("postgres")], /^--from must be a SQLite database/],
      [["--from", source, "--to", "postgresql://postgres@127.0.0.1:1/baton"], /^Cannot reach the PostgreSQL server of --to/],
    ];
    try {
      const runs = await Promise.all(cases.map(([args]) => copy(args).finished));
      runs.forEach((run, i) => {
        expect(run.code, run.stderr).toBe(1);
        expect(run.stderr.trim()).toMatch(cases[i]![1]);
        expect(run.stderr.trim()).not.toContain("\n");
      });
    } finally {
      unmigrated.remove();
    }
  });
});
