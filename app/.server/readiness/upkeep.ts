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
import { componentLogger } from "../log";
import { yieldToOthers } from "../pace";
import { catalogKey } from "./catalog-key";
import { readinessFor } from "./load";
import { storeReadiness, type Cause } from "./store";
import { withLease } from "../upkeep-lease";
import { openDueRenewals } from "../certificates/renewal";

type Tx = Prisma.TransactionClient;

/** Up to this many people are recomputed inside the write's transaction; more are marked stale. */
const INLINE_LIMIT = 50;
/** People recomputed per transaction when freshening: short turns, so other requests are not kept waiting. */
const FRESHEN_BATCH = 100;

/** Recompute these people now, inside the caller's transaction. */
async function refreshReadiness(tx: Tx, personIds: string[], cause: string, now = new Date()) {
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

/**
 * Everyone whose stored summary is missing, marked stale, past its next change, from another course library or
 * computed for a later moment, with why. Each condition is one query, asked once per freshening run (never per
 * batch): the indexed ones (marked, next change) cheaply, the others by one pass. Missing rows are looked for only
 * when the counts say some are missing.
 */
async function staleRows(now: Date, key: string, scope?: string[]): Promise<Map<string, Cause>> {
  const within = scope ? { in: scope } : undefined;
  const causes = new Map<string, Cause>();
  const add = (personId: string, cause: Cause) => {
    if (!causes.has(personId)) causes.set(personId, cause);
  };
  const select = { personId: true, staleSince: true, staleCause: true, nextChangeAt: true } as const;
  const [flagged, due, other] = await Promise.all([
    prisma.readinessSummary.findMany({ where: { personId: within, staleSince: { not: null } }, select }),
    prisma.readinessSummary.findMany({ where: { personId: within, nextChangeAt: { lte: now } }, select }),
    // computedAt after "now": computed for a later moment (a test or a report asked about the future).
    prisma.readinessSummary.findMany({
      where: { personId: within, OR: [{ catalogKey: { not: key } }, { computedAt: { gt: now } }] },
      select: { ...select, catalogKey: true },
    }),
  ]);
  for (const s of flagged) add(s.personId, { cause: s.staleCause ?? "Recomputed", at: s.staleSince! });
  for (const s of other) if (s.catalogKey !== key) add(s.personId, { cause: "Course library changed", at: now });
  for (const s of due) add(s.personId, { cause: "Time passed", timeFrom: s.nextChangeAt! });
  for (const s of other) add(s.personId, { cause: "Recomputed for this moment", at: now });

  const [people, summaries] = await Promise.all([
    prisma.person.count({ where: { id: within } }),
    prisma.readinessSummary.count({ where: { personId: within } }),
  ]);
  if (people > summaries) {
    const missing = await prisma.person.findMany({ where: { id: within, readiness: { is: null } }, select: { id: true } });
    for (const p of missing) add(p.id, { cause: "First computed", at: now });
  }
  return causes;
}

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
  const run = {
    now,
    done: freshen(now).finally(() => {
      if (running === run) running = null;
    }),
  };
  running = run;
  return run.done;
}

async function freshen(now: Date, scope?: string[]): Promise<number> {
  const key = catalogKey();
  const causes = await staleRows(now, key, scope);
  for (const ids of chunks([...causes.keys()], FRESHEN_BATCH)) {
    await prisma.$transaction(
      async (tx) => {
        const rows = await readinessFor(ids, now, tx);
        await storeReadiness(tx, rows, (id) => causes.get(id) ?? { cause: "Recomputed" }, key, now);
      },
      { timeout: 120_000 },
    );
    await yieldToOthers();
  }
  return causes.size;
}

let timer: NodeJS.Timeout | undefined;
const log = componentLogger("readiness");

/** Freshen in the background every few minutes, so readers rarely find anything stale. Never needed for correctness. */
export function startReadinessRefresher(everyMs = 3 * 60 * 1000) {
  if (timer) return;
  // One process across every server freshens everyone in the background (docs/decisions/018).
  const run = () =>
    void withLease("readiness", 3 * everyMs, async () => {
      // Renewals whose notice began open first (certificates/renewal.ts), so the freshening after sees them.
      await openDueRenewals(new Date());
      return freshenReadiness();
    }).catch((err) => log.error({ err }, "Refreshing stale readiness failed"));
  timer = setInterval(run, everyMs);
  timer.unref();
  // Once soon after start too: a new course library makes every row stale, and HR should not wait for that.
  setTimeout(run, 2000).unref();
}
