import Database from "better-sqlite3";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

export const TMP_DIR = join(process.cwd(), "tests", ".tmp");
export const TEMPLATE_DB = join(TMP_DIR, "template.db");

/** Build one migrated database from the committed migrations; each test file gets a copy of it. */
export default function setup() {
  rmSync(TMP_DIR, { recursive: true, force: true });
  mkdirSync(TMP_DIR, { recursive: true });
  const db = new Database(TEMPLATE_DB);
  const dir = join(process.cwd(), "prisma", "migrations");
  for (const name of readdirSync(dir).filter((d) => /^\d{14}_/.test(d)).sort()) {
    db.exec(readFileSync(join(dir, name, "migration.sql"), "utf8"));
  }
  db.close();
  return () => rmSync(TMP_DIR, { recursive: true, force: true });
}
