/**
 * At most `limit` events per key in a sliding window (e.g. 3 password resets per address per hour). The events
 * live in the database, so every server process (WEB_CONCURRENCY) counts the same ones.
 */
import { prisma } from "../db";

/** Longer than any window: events older than this are swept (housekeeping). */
const KEEP_MS = 24 * 60 * 60 * 1000;

export class RateLimit {
  constructor(
    /** Keeps this limit's keys apart from the others' in the shared table. */
    private readonly name: string,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {
    if (windowMs > KEEP_MS) throw new Error("A rate limit's window must be under a day: older events are swept.");
  }

  /** Records the event and says whether it is within the limit; one transaction, so concurrent requests count once each. */
  async take(key: string, now: number): Promise<boolean> {
    const id = `${this.name}:${key}`;
    return prisma.$transaction(async (tx) => {
      const recent = await tx.rateLimitEvent.count({ where: { key: id, at: { gt: new Date(now - this.windowMs) } } });
      if (recent >= this.limit) return false;
      await tx.rateLimitEvent.create({ data: { key: id, at: new Date(now) } });
      return true;
    });
  }
}

export async function sweepRateLimitEvents(now = new Date()): Promise<number> {
  const { count } = await prisma.rateLimitEvent.deleteMany({ where: { at: { lt: new Date(now.getTime() - KEEP_MS) } } });
  return count;
}
