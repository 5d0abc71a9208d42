import Database from "better-sqlite3";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const MIGRATIONS = join(process.cwd(), "prisma", "migrations");

/** A new SQLite file with every committed migration applied (any earlier file of that name is removed first). */
export function migratedDb(file: string): string {
  for (const s of ["", "-wal", "-shm"]) rmSync(file + s, { force: true });
  const db = new Database(file);
  for (const m of readdirSync(MIGRATIONS)
    .filter((d) => /^\d{14}_/.test(d))
    .sort())
    db.exec(readFileSync(join(MIGRATIONS, m, "migration.sql"), "utf8"));
  db.pragma("journal_mode = WAL");
  db.close();
  return file;
}
