/**
 * Keeping the stored readiness summary equal to the rules (docs/decisions/009):
 *  - a write that changes a few people recomputes them inside its own transaction (`readinessChanged`);
 *  - a write that changes many (a curriculum edit, a new rule, an import) marks them stale inside its
 *    transaction, and they are recomputed before anyone reads them;
 *  - time passing is not a write: each row stores the next moment time alone changes it, and a row past
 *    that moment is stale too. Readers call `freshenReadiness` first; a timer only does the same work early.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Prisma } from "~/generated/prisma/client";
import { chunks } from "../chunks";
import { prisma } from "../db";
import { catalogKey } from "./catalog-key";
import { readinessFor } from "./load";
import { storeReadiness, type Cause } from "./store";

type Tx = Prisma.TransactionClient;

/** Up to this many people are recomputed inside the write's transaction; more are marked stale. */
export const INLINE_LIMIT = 50;
/** People recomputed per transaction when freshening: short turns, so other writes are not kept waiting. */
const FRESHEN_BATCH = 250;

/** Recompute these people now, inside the caller's transaction. */
export async function refreshReadiness(tx: Tx, personIds: string[], cause: string, now = new Date()) {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return;
  const rows = await readinessFor(ids, now, tx);
  await storeReadiness(tx, rows, () => ({ cause, at: now }), catalogKey(), now);
}

/** Mark these people's summaries stale (the first cause is kept); rows not yet written are stale anyway. */
export async function markReadinessStale(tx: Tx, personIds: string[] | "all", cause: string, now = new Date()) {
  if (personIds === "all") {
    await tx.readinessSummary.updateMany({ where: { staleSince: null }, data: { staleSince: now, staleCause: cause } });
    return;
  }
  for (const ids of chunks([...new Set(personIds)], 500)) {
    await tx.readinessSummary.updateMany({ where: { personId: { in: ids }, staleSince: null }, data: { staleSince: now, staleCause: cause } });
  }
}

const bulkLoading = new AsyncLocalStorage<true>();

/**
 * Run a bulk load (the demo seed, a benchmark's set-up) with upkeep deferred: writes inside only mark people
 * stale, and the caller freshens once at the end. Readers stay correct meanwhile (stale rows are never read).
 */
export function withReadinessDeferred<T>(load: () => Promise<T>): Promise<T> {
  return bulkLoading.run(true, load);
}

/** What every write that can change readiness calls, in its transaction: recompute a few, mark many stale. */
export async function readinessChanged(tx: Tx, personIds: string[] | "all", cause: string, now = new Date()) {
  if (bulkLoading.getStore()) return markReadinessStale(tx, personIds, cause, now);
  if (personIds !== "all" && new Set(personIds).size <= INLINE_LIMIT) return refreshReadiness(tx, personIds, cause, now);
  return markReadinessStale(tx, personIds, cause, now);
}

/** Everyone who holds a curriculum now (for writes to the curriculum itself). */
export async function holdersOf(tx: Tx, curriculumId: string): Promise<string[]> {
  const rows = await tx.assignment.findMany({ where: { curriculumId, unassignedAt: null }, select: { personId: true }, distinct: ["personId"] });
  return rows.map((r) => r.personId);
}

/** Up to `take` people whose stored summary is missing, marked stale, past its next change or from another library. */
async function staleBatch(now: Date, key: string, take: number, scope?: string[]): Promise<{ personId: string; cause: Cause }[]> {
  const within = scope ? { in: scope } : undefined;
  const missing = await prisma.person.findMany({ where: { id: within, readiness: { is: null } }, select: { id: true }, take });
  const result: { personId: string; cause: Cause }[] = missing.map((p) => ({ personId: p.id, cause: { cause: "First computed", at: now } }));
  if (result.length >= take) return result;
  const stale = await prisma.readinessSummary.findMany({
    // computedAt after "now": computed for a later moment (a test or a report asked about the future).
    where: { personId: within, OR: [{ staleSince: { not: null } }, { nextChangeAt: { lte: now } }, { catalogKey: { not: key } }, { computedAt: { gt: now } }] },
    select: { personId: true, staleSince: true, staleCause: true, nextChangeAt: true, catalogKey: true },

    take: take - result.length,
  });
  for (const s of stale) {
    const cause: Cause =
      s.staleSince && s.staleCause
        ? { cause: s.staleCause, at: s.staleSince }
        : s.catalogKey !== key
        ? { cause: "Course library changed", at: now }
        : s.nextChangeAt && s.nextChangeAt <= now
          ? { cause: "Time passed", timeFrom: s.nextChangeAt }
          : { cause: "Recomputed for this moment", at: now };
    result.push({ personId: s.personId, cause });
  }
  return result;
}

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The run for everyone under way, and the moment it freshens for. */
let running: { now: Date; done: Promise<number> } | null = null;

/**
 * Recompute every stale summary (or only those of `scope`, e.g. a manager's team), a batch per transaction,
 * letting other requests in between batches. Concurrent callers for everyone share one run. Returns how many
 * people were recomputed.
 */
export function freshenReadiness(now = new Date(), scope?: string[]): Promise<number> {
  if (scope) return freshen(now, scope);
  // A run for the same or a later moment covers this caller; one for an earlier moment does not: wait, then go again.
  if (running && running.now.getTime() >= now.getTime()) return running.done;
  if (running) return running.done.then(() => freshenReadiness(now));
  const run = { now, done: freshen(now).finally(() => {
    if (running === run) running = null;
  }) };
  running = run;
  return run.done;
}

async function freshen(now: Date, scope?: string[]): Promise<number> {
  const key = catalogKey();
  let total = 0;
  // A bounded loop: a batch that could not be written (say, a person deleted meanwhile) cannot spin forever.
  for (let round = 0; round < 100_000; round++) {
    const batch = await staleBatch(now, key, FRESHEN_BATCH, scope);
    if (batch.length === 0) break;
    const causes = new Map(batch.map((b) => [b.personId, b.cause]));
    await prisma.$transaction(
      async (tx) => {
        const rows = await readinessFor([...causes.keys()], now, tx);
        await storeReadiness(tx, rows, (id) => causes.get(id) ?? { cause: "Recomputed" }, key, now);
      },
      { timeout: 120_000 },
    );
    total += batch.length;
    await yieldToOthers();
  }
  return total;
}

let timer: NodeJS.Timeout | undefined;

/** Freshen in the background every few minutes, so readers rarely find anything stale. Never needed for correctness. */
export function startReadinessRefresher(everyMs = 3 * 60 * 1000) {
  if (timer) return;
  const run = () => void freshenReadiness().catch((error) => console.error("readiness refresh failed", error));
  timer = setInterval(run, everyMs);
  timer.unref();
  // Once soon after start too: a new course library makes every row stale, and HR should not wait for that.
  setTimeout(run, 2000).unref();
}
