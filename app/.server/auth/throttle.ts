/**
 * Growing delay after failed sign-ins, per key (an account's email, a client's IP, a trusted device).
 * The delay is capped so an attacker who fails on purpose cannot lock the real person out for long,
 * and failures are forgotten after a quiet period. The policy and its numbers: docs/decisions/013.
 * The counts live in the database, so every server process (WEB_CONCURRENCY) sees the same ones.
 */
import { prisma } from "../db";

export type ThrottleOptions = {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  forgetAfterMs: number;
};

export type FailureCount = { failures: number; lastFailureAt: number };

/** The count still remembered at `now`, or null once the quiet period has passed. */
function remembered(options: ThrottleOptions, count: FailureCount | null, now: number): FailureCount | null {
  return count && now - count.lastFailureAt <= options.forgetAfterMs ? count : null;
}

/** Milliseconds to wait at `now` after these failures; 0 means go ahead. Pure: the policy itself. */
export function delayAfter(options: ThrottleOptions, count: FailureCount | null, now: number): number {
  const live = remembered(options, count, now);
  if (!live || live.failures < options.freeFailures) return 0;
  const delay = Math.min(options.baseDelayMs * 2 ** (live.failures - options.freeFailures), options.maxDelayMs);
  return Math.max(0, live.lastFailureAt + delay - now);
}

/** The count after one more failure at `now`. Pure. */
export function afterFailure(options: ThrottleOptions, count: FailureCount | null, now: number): FailureCount {
  return { failures: (remembered(options, count, now)?.failures ?? 0) + 1, lastFailureAt: now };
}

export class Throttle {
  constructor(
    /** Keeps this throttle's keys apart from the others' in the shared table. */
    private readonly name: string,
    readonly options: ThrottleOptions,
  ) {}

  /** Milliseconds to wait before the next attempt for this key is allowed; 0 means go ahead. */
  async waitMs(key: string, now: number): Promise<number> {
    const row = await prisma.signInFailure.findUnique({ where: { key: this.#key(key) } });
    return delayAfter(this.options, row && { failures: row.failures, lastFailureAt: row.lastFailureAt.getTime() }, now);
  }

  /** One transaction: failures counted at the same moment by several processes are all counted. */
  async recordFailure(key: string, now: number): Promise<void> {
    const id = this.#key(key);
    await prisma.$transaction(async (tx) => {
      const row = await tx.signInFailure.findUnique({ where: { key: id } });
      const next = afterFailure(this.options, row && { failures: row.failures, lastFailureAt: row.lastFailureAt.getTime() }, now);
      const data = { failures: next.failures, lastFailureAt: new Date(next.lastFailureAt) };
      await tx.signInFailure.upsert({ where: { key: id }, create: { key: id, ...data }, update: data });
    });
  }

  async reset(key: string): Promise<void> {
    await prisma.signInFailure.deleteMany({ where: { key: this.#key(key) } });
  }

  #key(key: string) {
    return `${this.name}:${key}`;
  }
}

const MINUTE = 60_000;

/**
 * One account, for browsers it does not trust: three free tries, then 1 s, 2 s, 4 s … never more than a minute.
 * Trusted devices skip it (and do not feed it), so guessing from anywhere else cannot keep the owner out.
 */
export const accountThrottle = new Throttle("account", {
  freeFailures: 3,
  baseDelayMs: 1000,
  maxDelayMs: MINUTE,
  forgetAfterMs: 15 * MINUTE,
});

/** One IP across all accounts (password spraying): more free tries, a longer cap. */
export const ipThrottle = new Throttle("ip", {
  freeFailures: 10,
  baseDelayMs: 1000,
  maxDelayMs: 5 * MINUTE,
  forgetAfterMs: 60 * MINUTE,
});

/**
 * One trusted device: five wrong passwords and its cookie stops counting as trusted for 15 minutes (it is then
 * treated like any other browser), so a stolen device cookie buys a guesser five tries, not a way past the limit.
 */
export const deviceThrottle = new Throttle("device", {
  freeFailures: 5,
  baseDelayMs: 15 * MINUTE,
  maxDelayMs: 15 * MINUTE,
  forgetAfterMs: 15 * MINUTE,
});

const THROTTLES = [accountThrottle, ipThrottle, deviceThrottle];

/** Forget counts no throttle remembers any more (housekeeping). */
export async function sweepSignInFailures(now = new Date()): Promise<number> {
  const longest = Math.max(...THROTTLES.map((t) => t.options.forgetAfterMs));
  const { count } = await prisma.signInFailure.deleteMany({ where: { lastFailureAt: { lt: new Date(now.getTime() - longest) } } });
  return count;
}
