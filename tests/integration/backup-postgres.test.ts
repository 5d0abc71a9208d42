// Restore drill for PostgreSQL (issue 17): back up with `npm run db:backup`, keep writing, restore with
// `npm run db:restore`, and check the restored database is the moment of the backup. Runs against BATON_PG_URL's
// server, or a throwaway cluster of its own when that is unset (the SQLite pass of the suite).
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migratePostgres } from "../../scripts/db/migrate-postgres.mjs";
import { startCluster } from "../../scripts/db/postgres-cluster.mjs";
import { adminQuery, databaseUrl, query } from "../setup/postgres";

const run = promisify(execFile);
const npm = (url: string, script: string, ...args: string[]) =>
  run("npm", ["run", "--silent", script, "--", ...args], { env: { ...process.env, DATABASE_URL: url } });

/** Rows per table of Baton's schema, migrations table included. */
async function tableCounts(url: string) {
  const rows = await query(
    url,
    `SELECT table_name AS t, (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I', table_name), false, true, '')))[1]::text::int AS c
     FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.t, r.c]));
}

const SEED = `
INSERT INTO "Person" ("id", "email", "name", "role", "department", "startDate", "updatedAt") VALUES
  ('p-ada', 'ada@example.com', 'Ada Lovelace', 'LEARNER', 'Engineering', '2026-01-05', '2026-01-02 09:00:00'),
  ('p-grace', 'grace@example.com', 'Grace Hopper', 'MANAGER', 'Engineering', '2025-06-01', '2026-01-02 09:00:00'),
  ('p-ines', 'ines@example.com', 'Inès Moreau', 'HR', NULL, NULL, '2026-01-02 09:00:00');
UPDATE "Person" SET "managerId" = 'p-grace' WHERE "id" = 'p-ada';
INSERT INTO "LessonProgress" ("id", "personId", "courseSlug", "lessonSlug", "courseVersion", "status", "completedAt", "updatedAt") VALUES
  ('lp-1', 'p-ada', 'security-basics', 'passwords', 'v1', 'COMPLETED', '2026-01-06 10:00:00', '2026-01-06 10:00:00'),
  ('lp-2', 'p-ada', 'security-basics', 'phishing', 'v1', 'COMPLETED', '2026-01-06 11:00:00', '2026-01-06 11:00:00'),
  ('lp-3', 'p-ada', 'security-basics', 'quiz', 'v1', 'IN_PROGRESS', NULL, '2026-01-06 12:00:00'),
  ('lp-4', 'p-grace', 'security-basics', 'passwords', 'v1', 'COMPLETED', '2026-01-03 08:00:00', '2026-01-03 08:00:00');
INSERT INTO "QuizAttempt" ("id", "personId", "courseSlug", "lessonSlug", "courseVersion", "attemptNumber", "submittedAt", "items", "answers", "results", "correctCount", "questionCount", "score", "passed") VALUES
  ('qa-1', 'p-ada', 'security-basics', 'quiz', 'v1', 1, '2026-01-06 12:05:00', '[{"id":"q1"}]', '{"q1":[0]}', '{"q1":{"correct":false}}', 0, 1, 0, false),
  ('qa-2', 'p-ada', 'security-basics', 'quiz', 'v1', 2, NULL, '[{"id":"q1"}]', NULL, NULL, 0, 1, 0, false);`;

const AFTER_BACKUP = `
INSERT INTO "Person" ("id", "email", "name", "updatedAt") VALUES ('p-late', 'late@example.com', 'Hired After Backup', now());
INSERT INTO "LessonProgress" ("id", "personId", "courseSlug", "lessonSlug", "courseVersion", "status", "updatedAt")
  VALUES ('lp-late', 'p-late', 'security-basics', 'passwords', 'v1', 'IN_PROGRESS', now());`;

const SAMPLE = `SELECT p.*, row_to_json(q) AS attempt FROM "Person" p JOIN "QuizAttempt" q ON q."personId" = p."id" WHERE q."id" = 'qa-1'`;
const COUNTS_LINE = /3 Person, 4 LessonProgress, 1 QuizAttempt \(1 in progress\)/;

async function unusedPort() {
  return new Promise<number>((resolve, reject) => {
    const server = createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 1));
    });
  });
}

let server: string;
let stopServer = () => {};
const databases: string[] = [];
const dir = mkdtempSync(join(tmpdir(), "baton-backup-"));
const archive = join(dir, "baton.dump");
const url = (name: string) => databaseUrl(server, name);
/** A database name of this run; dropped at the end. */
function database(name: string) {
  const full = `backup_${name}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  databases.push(full);
  return full;
}

let source: string;
let atBackup: Record<string, number>;
let sampleAtBackup: unknown[];
let backupOutput: string;

beforeAll(async () => {
  if (process.env.BATON_PG_URL) {
    server = process.env.BATON_PG_URL;
  } else {
    const cluster = await startCluster();
    server = cluster.url("postgres");
    stopServer = cluster.stop;
  }
  source = database("source");
  await migratePostgres(url(source));
  await query(url(source), SEED);
  atBackup = await tableCounts(url(source));
  sampleAtBackup = await query(url(source), SAMPLE);

  backupOutput = (await npm(url(source), "db:backup", archive)).stdout;
  await query(url(source), AFTER_BACKUP);
});

afterAll(async () => {
  for (const name of databases) await adminQuery(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
  stopServer();
  rmSync(dir, { recursive: true, force: true });
});

describe("npm run db:backup and db:restore on PostgreSQL", () => {
  it("restores into a new database with exactly the rows of the moment of the backup, which Baton finds up to date", async () => {
    expect(backupOutput).toMatch(/Backup written: .*baton\.dump \(\d+ KB; /);
    expect(backupOutput).toMatch(COUNTS_LINE);
    expect(backupOutput).toMatch(/pg_restore --list ok/);

    const restored = database("restored");
    const { stdout } = await npm(url(source), "db:restore", archive, "--to", url(restored));
    expect(stdout).toMatch(/\(created\)/);
    expect(stdout).toMatch(COUNTS_LINE);

    expect(await tableCounts(url(restored))).toEqual(atBackup);
    expect(await query(url(restored), SAMPLE)).toEqual(sampleAtBackup);
    expect(await query(url(restored), `SELECT "id" FROM "Person" WHERE "id" = 'p-late'`)).toEqual([]);
    expect(await query(url(restored), `SELECT "id" FROM "LessonProgress" WHERE "personId" = 'p-late'`)).toEqual([]);
    expect((await tableCounts(url(source))).Person).toBe(atBackup.Person! + 1); // the later row is really in the live database

    // Baton's migrations table came along: the migrator finds nothing to apply.
    const migrate = await run("node", ["scripts/db-migrate.mjs"], { env: { ...process.env, DATABASE_URL: url(restored) } });
    expect(migrate.stdout).toMatch(/^Database is up to date\.$/m);
  });

  it("refuses a second backup to the same file without --force and leaves the first untouched", async () => {
    const before = readFileSync(archive);
    const modified = statSync(archive).mtimeMs;
    await expect(npm(url(source), "db:backup", archive)).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/already exists.*--force/) });
    expect(readFileSync(archive).equals(before)).toBe(true);
    expect(statSync(archive).mtimeMs).toBe(modified);
  });

  it("says in one line, without a stack trace, that the server cannot be reached", async () => {
    const unreachable = `postgresql://postgres:secret@127.0.0.1:${await unusedPort()}/baton`;
    const target = join(dir, "unreachable.dump");
    const failure = await npm(unreachable, "db:backup", target).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure.code).toBe(1);
    expect(failure.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^Cannot reach the PostgreSQL server .*ECONNREFUSED/)]);
    expect(failure.stderr).not.toMatch(/secret/);
    expect(() => statSync(target)).toThrow();
  });

  it("refuses to restore over a database that holds data unless --replace, which puts back the backup's rows", async () => {
    await expect(npm(url(source), "db:restore", archive, "--to", url(source))).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/already holds \d+ tables.*--replace/),
    });
    expect((await tableCounts(url(source))).Person).toBe(atBackup.Person! + 1);

    await npm(url(source), "db:restore", archive, "--to", url(source), "--replace");
    expect(await tableCounts(url(source))).toEqual(atBackup);
    expect(await query(url(source), `SELECT "id" FROM "Person" WHERE "id" = 'p-late'`)).toEqual([]);
  });

  it("explains that a SQLite database is restored by copying the file", async () => {
    await expect(npm("file:./data/baton.db", "db:restore", archive)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/Restoring SQLite is copying the file/),
    });
  });
});
