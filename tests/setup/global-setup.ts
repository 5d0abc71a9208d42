import Database from "better-sqlite3";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { buildLibrary } from "../../app/.server/content/compile";
import { preparePostgres, testsRunOnPostgres } from "./postgres";

/** Build one migrated database from the committed migrations; each test file gets a copy of it. */
export default async function setup() {
  // One folder per run, so two runs on one machine never delete each other's databases.
  const TMP_DIR = join(process.cwd(), "tests", ".tmp", `vitest-${process.pid}`);
  const TEMPLATE_DB = join(TMP_DIR, "template.db");
  process.env.BATON_TEST_TMP = TMP_DIR;
  rmSync(TMP_DIR, { recursive: true, force: true });
  mkdirSync(TMP_DIR, { recursive: true });
  const db = new Database(TEMPLATE_DB);
  const dir = join(process.cwd(), "prisma", "migrations");
  for (const name of readdirSync(dir)
    .filter((d) => /^\d{14}_/.test(d))
    .sort()) {
    db.exec(readFileSync(join(dir, name, "migration.sql"), "utf8"));
  }
  db.close();
  // The real course library, compiled for this run: tests read it as the server does.
  const contentOut = join(TMP_DIR, "content");
  const built = await buildLibrary({ contentDir: join(process.cwd(), "content"), outDir: contentOut });
  if (built.problems.length > 0) throw new Error(`content/ has problems: run npm run content:check`);
  process.env.CONTENT_OUT_DIR = contentOut;
  const stopPostgres = testsRunOnPostgres() ? await preparePostgres() : async () => {};
  return async () => {
    await stopPostgres();
    rmSync(TMP_DIR, { recursive: true, force: true });
  };
}
