import Database from "better-sqlite3";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

/** Build one migrated database from the committed migrations; each test file gets a copy of it. */
export default function setup() {
  // One folder per run, so two runs on one machine never delete each other's databases.
  const TMP_DIR = join(process.cwd(), "tests", ".tmp", `vitest-${process.pid}`);
  const TEMPLATE_DB = join(TMP_DIR, "template.db");
  process.env.BATON_TEST_TMP = TMP_DIR;
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
