// Import jobs live in the database (docs/decisions/018): whichever server process answers sees the same job, one
// import runs at a time across processes, and a job whose process died is reported as stopped, not running forever.
import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import { prisma } from "~/.server/db";
import { importJobFor, importJobSettled, runningImportJobFor, startImportJob } from "~/.server/people/import/jobs";
import { createTestPerson } from "../factories";

/** A job as another process would have written it. */
async function jobOf(ownerId: string, at: { host: string; pid: number; heartbeatAt: Date }, state: "CHECKING" | "WRITING" = "WRITING") {
  const id = crypto.randomUUID();
  await prisma.importJob.create({
    data: { id, fileName: "hris.csv", ownerId, ownerName: "Other HR", state, done: 120, total: 400, startedAt: new Date(), ...at },
  });
  return id;
}

/** A pid that no process on this machine has. */
const deadPid = 2 ** 22 + 17;
const clear = () => prisma.importJob.deleteMany();

describe("import jobs shared by every server process", () => {
  it("shows a job another process is running, with the progress it stored, to the person who started it only", async () => {
    await clear();
    const hr = await createTestPerson({ role: "HR" });
    const other = await createTestPerson({ role: "HR" });
    const id = await jobOf(hr.id, { host: "another-machine", pid: 4242, heartbeatAt: new Date() });
    expect(await importJobFor(id, hr.id)).toMatchObject({ state: "writing", done: 120, total: 400, fileName: "hris.csv" });
    expect(await runningImportJobFor(hr.id)).toMatchObject({ id });
    expect(await importJobFor(id, other.id)).toBeNull();
  });

  it("refuses a second import while one runs on another process, naming it", async () => {
    await clear();
    const hr = await createTestPerson({ role: "HR" });
    await jobOf(hr.id, { host: "another-machine", pid: 4242, heartbeatAt: new Date() });
    const second = await startImportJob({ id: "upload-x", fileName: "again.csv" }, { deactivateMissing: false, fingerprint: "f" }, { actor: hr, ip: null });
    expect(second).toMatchObject({ ok: false, message: expect.stringMatching(/Another import is running \(hris\.csv, started by you/) });
    expect(await prisma.importJob.count()).toBe(1);
  });

  it("reports a job whose process died as stopped, and lets the next import start", async () => {
    await clear();
    const hr = await createTestPerson({ role: "HR" });
    const here = await jobOf(hr.id, { host: hostname(), pid: deadPid, heartbeatAt: new Date() });
    const silent = await jobOf(hr.id, { host: "another-machine", pid: 4242, heartbeatAt: new Date(Date.now() - 5 * 60_000) }, "CHECKING");
    for (const id of [here, silent]) {
      expect(await importJobFor(id, hr.id)).toMatchObject({
        state: "failed",
        message: expect.stringMatching(/stopped when its server process ended.*nothing was imported/),
      });
    }
    expect(await runningImportJobFor(hr.id)).toBeNull();
    const next = await startImportJob({ id: "upload-y", fileName: "next.csv" }, { deactivateMissing: false, fingerprint: "f" }, { actor: hr, ip: null });
    expect(next).toMatchObject({ ok: true });
    // The upload does not exist: the job fails on its own, and says so, once settled.
    if (next.ok) {
      await importJobSettled(next.id);
      expect(await importJobFor(next.id, hr.id)).toMatchObject({ state: "failed" });
    }
  });
});
