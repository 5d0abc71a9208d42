import { copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll } from "vitest";

// A private copy of the migrated template for this test file: tests never share a database.
const tmp = process.env.BATON_TEST_TMP ?? join(process.cwd(), "tests", ".tmp");
const file = join(tmp, `test-${process.pid}-${Math.random().toString(36).slice(2)}.db`);
copyFileSync(join(tmp, "template.db"), file);
process.env.DATABASE_URL = `file:${file}`;

afterAll(async () => {
  const { prisma } = await import("~/.server/db");
  await prisma.$disconnect();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
});
