/**
 * Web imports run as jobs in a server process, so HR's browser is not left waiting blind for a big file: the
 * confirmation starts one and the page follows its progress (docs/decisions/010). The job's state and outcome
 * live in the database (docs/decisions/018), so the page works whichever server process answers it, and one
 * import runs at a time across all of them (they would only queue for the database's writer). The process that
 * runs a job keeps its progress in memory too: on PostgreSQL it also writes it to the row every few seconds; on
 * SQLite the import's own transaction holds the one writer, so other processes see "saving" without a count.
 * A job whose process died is reported as stopped: the all-or-nothing transaction means it imported nothing.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { dialect, prisma } from "../../db";
import type { ImportJob } from "~/generated/prisma/client";
import { freshenReadiness } from "../../readiness/upkeep";
import { confirmUpload, previewView, type ImportOptions, type ImportResult } from "./import";

type Actor = { id: string; email: string; name: string };

export type ImportJobView = {
  id: string;
  fileName: string;
  /** checking: re-reading the file against Baton; writing: in the transaction; then done or failed. */
  state: "checking" | "writing" | "done" | "failed";
  done: number;
  total: number;
  startedAt: string;
  result: Omit<Extract<ImportResult, { ok: true }>, "ok"> | null;
  message: string | null;
  /** When Baton changed since the preview: the new preview, and the upload if it can be confirmed. */
  retry: { preview: ReturnType<typeof previewView>; upload: string | null } | null;
};

const KEEP_FINISHED_MS = 30 * 60_000;
const HEARTBEAT_MS = 2_000;
/** A job of another host whose heartbeat is older than this died with its process. */
const HEARTBEAT_LOST_MS = 30_000;
const HOST = hostname();

/** Jobs this process runs: their live progress and the promise that settles when they finish. */
const local = new Map<string, { done: number; total: number; writing: boolean; settled: Promise<void> }>();

const UNEXPECTED = "The import stopped on an unexpected error. It is all or nothing, so check People to see whether it went in before trying again.";
const STOPPED = "The import stopped when its server process ended. It is all or nothing, so nothing was imported: confirm it again.";

const finished = (job: ImportJob) => job.state === "DONE" || job.state === "FAILED";

function alive(job: ImportJob, now = Date.now()): boolean {
  if (finished(job) || local.has(job.id)) return true;
  if (job.host === HOST) {
    try {
      process.kill(job.pid, 0);
      return true;
    } catch {
      return false;
    }
  }
  return now - job.heartbeatAt.getTime() < HEARTBEAT_LOST_MS;
}

function view(job: ImportJob): ImportJobView {
  const live = local.get(job.id);
  const stopped = !alive(job);
  const result = job.result ? (JSON.parse(job.result) as ImportJobView["result"] & { importedAt: string }) : null;
  return {
    id: job.id,
    fileName: job.fileName,
    state: stopped ? "failed" : job.state === "CHECKING" && live?.writing ? "writing" : (job.state.toLowerCase() as ImportJobView["state"]),
    done: live?.done ?? job.done,
    total: live?.total ?? job.total,
    startedAt: job.startedAt.toISOString(),
    result: result ? { ...result, importedAt: new Date(result.importedAt) } : null,
    message: stopped ? STOPPED : job.message,
    retry: job.retry ? (JSON.parse(job.retry) as ImportJobView["retry"]) : null,
  };
}

/**
 * Start importing a confirmed upload. Refused while another import runs anywhere. The job re-reads and re-checks
 * the file exactly as a direct confirmation did, writes the audit event, and removes the upload once imported.
 */
export async function startImportJob(
  upload: { id: string; fileName: string },
  opts: { deactivateMissing: boolean; fingerprint: string } & ImportOptions,
  ctx: { actor: Actor; ip: string | null },
): Promise<{ ok: true; id: string } | { ok: false; message: string }> {
  const now = new Date();
  const id = randomUUID();
  const busy = await prisma.$transaction(async (tx) => {
    await tx.importJob.deleteMany({ where: { finishedAt: { lt: new Date(now.getTime() - KEEP_FINISHED_MS) } } });
    const running = (await tx.importJob.findMany({ where: { state: { in: ["CHECKING", "WRITING"] } } })).filter((j) => alive(j, now.getTime()));
    if (running[0]) return running[0];
    await tx.importJob.create({
      data: {
        id,
        fileName: upload.fileName,
        ownerId: ctx.actor.id,
        ownerName: ctx.actor.name,
        state: "CHECKING",
        startedAt: now,
        host: HOST,
        pid: process.pid,
        heartbeatAt: now,
      },
    });
    return null;
  });
  if (busy) {
    const at = busy.startedAt.toISOString().slice(11, 16);
    const who = busy.ownerId === ctx.actor.id ? "you" : busy.ownerName;
    return {
      ok: false,
      message: `Another import is running (${busy.fileName}, started by ${who} at ${at} UTC). Confirm again when it has finished: nothing was imported.`,
    };
  }
  const progress = { done: 0, total: 0, writing: false, settled: Promise.resolve() };
  local.set(id, progress);
  const heartbeat = setInterval(() => void beat(id, progress), HEARTBEAT_MS);
  heartbeat.unref();
  const onProgress = (done: number, total: number) => Object.assign(progress, { done, total, writing: true });
  progress.settled = confirmUpload(upload.id, { ...opts, onProgress }, { actor: { id: ctx.actor.id, email: ctx.actor.email }, ip: ctx.ip })
    .then(async (result) => {
      if (result.ok) {
        const { fileName: _fileName, ok: _ok, ...counts } = result;
        await settle(id, { state: "DONE", result: JSON.stringify(counts), done: progress.total, total: progress.total });
        // Compute the readiness of everyone imported now, while HR reads the result, so their next report need not
        // wait. The job is done already; it is settled once this is too.
        await freshenReadiness().catch((error: unknown) => console.error("readiness refresh after import failed", error));
      } else {
        const retry = result.preview?.ok
          ? { preview: previewView(result.preview), upload: result.preview.plan.problems.length === 0 ? upload.id : null }
          : null;
        await settle(id, { state: "FAILED", message: result.message, retry: retry ? JSON.stringify(retry) : null });
      }
    })
    .catch(async (error: unknown) => {
      console.error(error);
      await settle(id, { state: "FAILED", message: UNEXPECTED }).catch((e: unknown) => console.error(e));
    })
    .finally(() => {
      clearInterval(heartbeat);
      local.delete(id);
    });
  return { ok: true, id };
}

/** Renew the running job's heartbeat and progress. On SQLite this would wait for the import's own transaction. */
async function beat(id: string, progress: { done: number; total: number; writing: boolean }) {
  if (dialect() !== "postgresql") return;
  await prisma.importJob
    .updateMany({
      where: { id, finishedAt: null },
      data: { heartbeatAt: new Date(), done: progress.done, total: progress.total, ...(progress.writing && { state: "WRITING" }) },
    })
    .catch((error: unknown) => console.error("import heartbeat failed", error));
}

function settle(id: string, data: Partial<Pick<ImportJob, "state" | "result" | "retry" | "message" | "done" | "total">>) {
  const now = new Date();
  return prisma.importJob.update({ where: { id }, data: { ...data, finishedAt: now, heartbeatAt: now } });
}

/** A job as its owner sees it; anyone else's, or a forgotten one, is null. */
export async function importJobFor(id: string, ownerId: string): Promise<ImportJobView | null> {
  const job = await prisma.importJob.findUnique({ where: { id } });
  return job && job.ownerId === ownerId ? view(job) : null;
}

/** The import this person started that is still running, if any (for coming back to the page). */
export async function runningImportJobFor(ownerId: string): Promise<ImportJobView | null> {
  const jobs = await prisma.importJob.findMany({ where: { ownerId, state: { in: ["CHECKING", "WRITING"] } }, orderBy: { startedAt: "desc" } });
  const job = jobs.find((j) => alive(j));
  return job ? view(job) : null;
}

/** Resolves when a job this process runs has finished (tests and shutdown wait on it). */
export function importJobSettled(id: string): Promise<void> {
  return local.get(id)?.settled ?? Promise.resolve();
}
