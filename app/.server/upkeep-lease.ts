/**
 * Background work that should run in one process at a time across every server (docs/decisions/018): freshening
 * everyone's readiness, queueing what time made due, sweeps. WEB_CONCURRENCY picks one process per machine
 * (docs/decisions/016); with several machines, the process holding an unexpired lease in the database does it.
 * The holder renews on each run; if it dies, its lease runs out and another process takes over.
 */
import { hostname } from "node:os";
import { prisma } from "./db";

/** This process, as lease owner. */
export const PROCESS_OWNER = `${hostname()}:${process.pid}`;

/** Take or renew the lease `name` for `ms`; false when another owner holds it unexpired. */
export async function holdLease(name: string, ms: number, { owner = PROCESS_OWNER, now = new Date() } = {}): Promise<boolean> {
  const until = new Date(now.getTime() + ms);
  return prisma.$transaction(async (tx) => {
    const lease = await tx.upkeepLease.findUnique({ where: { name } });
    if (lease && lease.owner !== owner && lease.until > now) return false;
    await tx.upkeepLease.upsert({ where: { name }, create: { name, owner, until }, update: { owner, until } });
    return true;
  });
}

/** Run `work` only when this process holds the lease `name`. */
export async function withLease<T>(name: string, ms: number, work: () => Promise<T>): Promise<T | null> {
  return (await holdLease(name, ms)) ? work() : null;
}
