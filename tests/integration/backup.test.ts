import { execFile } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { BatonSQLite } from "~/.server/db-adapter";
import { PrismaClient } from "~/generated/prisma/client";
import { freshDatabaseFile, inspectDatabase, startWriter } from "./helpers/processes";

const run = promisify(execFile);
const backup = (databaseUrl: string, ...args: string[]) =>
  run("npm", ["run", "--silent", "db:backup", "--", ...args], { env: { ...process.env, DATABASE_URL: databaseUrl } });

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((fn) => fn()));

describe("npm run db:backup", () => {
  it("copies the live database while another process writes to it, and the copy restores", async () => {
    const live = freshDatabaseFile("backup-live");
    const restored = freshDatabaseFile("backup-restored");
    cleanup.push(live.remove, restored.remove);
    rmSync(restored.file);
    const writer = startWriter(live.url);
    cleanup.push(() => writer.child.kill("SIGKILL"));
    const personId = await writer.personId;
    await writer.rowsReported(30);

    const committedBefore = [...writer.rows];
    const { stdout } = await backup(live.url, restored.file);
    const committedDuring = writer.rows.length - committedBefore.length;
    writer.child.kill("SIGKILL");
    await writer.exited;

    expect(stdout).toMatch(/Backup written: .*integrity ok/);
    expect(committedDuring).toBeGreaterThan(0); // the writer really kept writing while the copy was taken
    const copy = inspectDatabase(restored.file, personId);
    expect(copy.integrity).toBe("ok");
    expect(copy.tables).toEqual(inspectDatabase(live.file, personId).tables);
    for (const slug of committedBefore) expect(copy.attempts.has(slug), `attempt ${slug}`).toBe(true);
    // One snapshot: every transaction is in the copy whole or not at all.
    expect([...copy.attempts].sort()).toEqual([...copy.progress].sort());

    // Restore drill: Baton's own data layer opens the copy and finds the learner's work.
    const prisma = new PrismaClient({ adapter: new BatonSQLite(restored.url) });
    try {
      const person = await prisma.person.findUniqueOrThrow({ where: { id: personId }, select: { name: true } });
      expect(person.name).toBe("Writer Process");
      expect(await prisma.quizAttempt.count({ where: { personId, submittedAt: { not: null } } })).toBe(copy.attempts.size);
      await prisma.lessonProgress.create({
        data: { personId, courseSlug: "after-restore", lessonSlug: "one", courseVersion: "x", status: "IN_PROGRESS" },
      });
      expect(await prisma.lessonProgress.count({ where: { personId, courseSlug: "after-restore" } })).toBe(1);
    } finally {
      await prisma.$disconnect();
    }
  });

  it("never overwrites an existing file unless told to", async () => {
    const live = freshDatabaseFile("backup-live");
    const target = freshDatabaseFile("backup-target");
    cleanup.push(live.remove, target.remove);
    writeFileSync(target.file, "precious");

    await expect(backup(live.url, target.file)).rejects.toMatchObject({ stderr: expect.stringMatching(/already exists/) });
    expect(existsSync(target.file)).toBe(true);
    expect(inspectDatabase(live.file, "nobody").integrity).toBe("ok");

    await backup(live.url, target.file, "--force");
    expect(inspectDatabase(target.file, "nobody").integrity).toBe("ok");
  });
});
