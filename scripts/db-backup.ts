// npm run db:backup -- <file> [--force]
// A consistent copy of the database in DATABASE_URL, taken while Baton keeps running and writing.
// PostgreSQL: pg_dump's custom format from one snapshot (scripts/db/backup-postgres.ts). SQLite, below:
// VACUUM INTO reads one snapshot (WAL lets writers carry on meanwhile) and writes a compact single file;
// the copy is checked with integrity_check and only then given its name. Restore: stop Baton, put the
// file in place of the database (deleting any -wal and -shm beside the old one), start Baton.
import Database from "better-sqlite3";
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { backupPostgres, fsyncPath } from "./db/backup-postgres";

const COUNTED_TABLES = ["Person", "LessonProgress", "QuizAttempt"];

/** Rows of one table in the copy, as the summary line says it; quiz attempts still open are told apart. */
function tableCount(db: Database.Database, table: string): string {
  const count = (where = "") => String(db.prepare(`SELECT count(*) FROM "${table}"${where}`).pluck().get());
  const columns = new Set(db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table));
  if (table === "QuizAttempt" && columns.has("submittedAt")) {
    return `${count(" WHERE submittedAt IS NOT NULL")} ${table} (${count(" WHERE submittedAt IS NULL")} in progress)`;
  }
  return `${count()} ${table}`;
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main() {
  const args = process.argv.slice(2);
  const force = args.includes("--force");
  const target = args.find((a) => !a.startsWith("--"));
  if (!target) fail("Usage: npm run db:backup -- <file> [--force]");

  const databaseUrl = process.env.DATABASE_URL ?? "file:./data/baton.db";
  if (/^postgres(ql)?:\/\//i.test(databaseUrl)) {
    return backupPostgres(databaseUrl, target, { force }).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
  }
  const source = databaseUrl.replace(/^file:/, "");
  if (!existsSync(source)) fail(`There is no database at ${source} (DATABASE_URL).`);
  const out = resolve(target);
  if (resolve(source) === out) fail("The backup must go to another file than the database itself.");
  if (existsSync(out) && !force) fail(`${target} already exists: choose another name or add --force to replace it.`);
  mkdirSync(dirname(out), { recursive: true });

  const started = performance.now();
  console.log(`Backing up ${source} → ${target} …`);
  const partial = `${out}.partial-${process.pid}`;
  rmSync(partial, { force: true });
  try {
    const db = new Database(source, { readonly: true, fileMustExist: true, timeout: 5000 });
    try {
      db.prepare("VACUUM INTO ?").run(partial);
    } finally {
      db.close();
    }
    fsyncPath(partial);

    const copy = new Database(partial, { readonly: true });
    let counts: string;
    try {
      const integrity = copy.pragma("integrity_check", { simple: true });
      if (integrity !== "ok") throw new Error(`the copy failed integrity_check: ${String(integrity)}`);
      const tables = new Set(copy.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
      counts = COUNTED_TABLES.filter((t) => tables.has(t))
        .map((t) => tableCount(copy, t))
        .join(", ");
    } finally {
      copy.close();
    }
    // Only a complete, checked copy gets the name: a crash mid-backup never leaves a broken file there.
    renameSync(partial, out);
    fsyncPath(dirname(out));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const kb = Math.round(statSync(out).size / 1024);
    console.log(`Backup written: ${target} (${kb} KB; ${counts}; integrity ok) in ${seconds}s.`);
  } catch (error) {
    rmSync(partial, { force: true });
    fail(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

await main();
