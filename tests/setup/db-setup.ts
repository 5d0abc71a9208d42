import { copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll } from "vitest";
import { freshPostgresDatabase, testsRunOnPostgres } from "./postgres";

// A private copy of the migrated template for this test file: tests never share a database.
let remove: () => Promise<void> | void;
if (testsRunOnPostgres()) {
  const database = await freshPostgresDatabase("test");
  process.env.DATABASE_URL = database.url;
  remove = database.drop;
} else {
  const tmp = process.env.BATON_TEST_TMP ?? join(process.cwd(), "tests", ".tmp");
  const file = join(tmp, `test-${process.pid}-${Math.random().toString(36).slice(2)}.db`);
  copyFileSync(join(tmp, "template.db"), file);
  process.env.DATABASE_URL = `file:${file}`;
  remove = () => ["", "-wal", "-shm"].forEach((suffix) => rmSync(file + suffix, { force: true }));
}

afterAll(async () => {
  const { prisma } = await import("~/.server/db");
  const { closePreparedReads } = await import("~/.server/prepared");
  closePreparedReads();
  await prisma.$disconnect();
  await remove();
});
