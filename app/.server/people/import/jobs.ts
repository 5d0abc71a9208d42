/**
 * Web imports run as jobs in the server process, so HR's browser is not left waiting blind for a big file: the
 * confirmation starts one and the page follows its progress (docs/decisions/010). One import runs at a time
 * (they would only queue for the database's one writer); a finished job's outcome is kept for 30 minutes,
 * in memory — a restart forgets it, and the all-or-nothing transaction means a job cut short imported nothing.
 */
import { randomUUID } from "node:crypto";
import { freshenReadiness } from "../../readiness/upkeep";
import { confirmUpload, previewView, type ImportResult } from "./import";

type Actor = { id: string; email: string; name: string };

export type ImportJobView = {
  id: string;
  fileName: string;
  /** checking: re-reading the file against Baton; writing: in the transaction; then done or failed. */
  state: "checking" | "writing" | "done" | "failed";
  done: number;
  total: number;
  startedAt: string;
  result: Extract<ImportResult, { ok: true }> | null;
  message: string | null;
  /** When Baton changed since the preview: the new preview, and the upload if it can be confirmed. */
  retry: { preview: ReturnType<typeof previewView>; upload: string | null } | null;
};

type Job = ImportJobView & { ownerId: string; ownerName: string; finishedAt: number | null; settled: Promise<void> };

const KEEP_FINISHED_MS = 30 * 60_000;
const jobs = new Map<string, Job>();

function forgetOld(now = Date.now()) {
  for (const [id, job] of jobs) if (job.finishedAt !== null && now - job.finishedAt > KEEP_FINISHED_MS) jobs.delete(id);
}

const running = () => [...jobs.values()].find((j) => j.finishedAt === null);

const view = ({ ownerId: _o, ownerName: _n, finishedAt: _f, settled: _s, ...job }: Job): ImportJobView => job;

const UNEXPECTED = "The import stopped on an unexpected error. It is all or nothing, so check People to see whether it went in before trying again.";

/**
 * Start importing a confirmed upload. Refused while another import runs. The job re-reads and re-checks the
 * file exactly as a direct confirmation did, writes the audit event, and removes the upload once imported.
 */
export function startImportJob(
  upload: { id: string; fileName: string },
  opts: { deactivateMissing: boolean; fingerprint: string },
  ctx: { actor: Actor; ip: string | null },
): { ok: true; id: string } | { ok: false; message: string } {
  forgetOld();
  const busy = running();
  if (busy) {
    const at = new Date(busy.startedAt).toISOString().slice(11, 16);
    const who = busy.ownerId === ctx.actor.id ? "you" : busy.ownerName;
    return {
      ok: false,
      message: `Another import is running (${busy.fileName}, started by ${who} at ${at} UTC). Confirm again when it has finished: nothing was imported.`,
    };
  }
  const job: Job = {
    id: randomUUID(),
    fileName: upload.fileName,
    state: "checking",
    done: 0,
    total: 0,
    startedAt: new Date().toISOString(),
    result: null,
    message: null,
    retry: null,
    ownerId: ctx.actor.id,
    ownerName: ctx.actor.name,
    finishedAt: null,
    settled: Promise.resolve(),
  };
  jobs.set(job.id, job);
  const onProgress = (done: number, total: number) => {
    job.state = "writing";
    job.done = done;
    job.total = total;
  };
  job.settled = confirmUpload(upload.id, { ...opts, onProgress }, { actor: { id: ctx.actor.id, email: ctx.actor.email }, ip: ctx.ip })
    .then(async (result) => {
      if (result.ok) {
        const { fileName: _fileName, ...counts } = result;
        job.state = "done";
        job.result = counts;
        // Compute the readiness of everyone imported now, while HR reads the result, so their next report need not
        // wait. The job is done already; it is settled (and forgotten 30 minutes later) once this is too.
        await freshenReadiness().catch((error: unknown) => console.error("readiness refresh after import failed", error));
      } else {
        job.state = "failed";
        job.message = result.message;
        if (result.preview?.ok) {
          job.retry = { preview: previewView(result.preview), upload: result.preview.plan.problems.length === 0 ? upload.id : null };
        }
      }
    })
    .catch((error: unknown) => {
      console.error(error);
      job.state = "failed";
      job.message = UNEXPECTED;
    })
    .finally(() => {
      job.finishedAt = Date.now();
    });
  return { ok: true, id: job.id };
}

/** A job as its owner sees it; anyone else's, or a forgotten one, is null. */
export function importJobFor(id: string, ownerId: string): ImportJobView | null {
  forgetOld();
  const job = jobs.get(id);
  return job && job.ownerId === ownerId ? view(job) : null;
}

/** The import this person started that is still running, if any (for coming back to the page). */
export function runningImportJobFor(ownerId: string): ImportJobView | null {
  const job = running();
  return job && job.ownerId === ownerId ? view(job) : null;
}

/** Resolves when the job has finished (tests and shutdown wait on it). */
export function importJobSettled(id: string): Promise<void> {
  return jobs.get(id)?.settled ?? Promise.resolve();
}
