/**
 * Growing delay after failed sign-ins, per key (an account's email, a client's IP, a trusted device).
 * The delay is capped so an attacker who fails on purpose cannot lock the real person out for long,
 * and failures are forgotten after a quiet period. The policy and its numbers: docs/decisions/013.
 */
export type ThrottleOptions = {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  forgetAfterMs: number;
};

type Entry = { failures: number; lastFailureAt: number };

export class Throttle {
  private entries = new Map<string, Entry>();
  constructor(private readonly options: ThrottleOptions) {}

  /** Milliseconds to wait before the next attempt for this key is allowed; 0 means go ahead. */
  waitMs(key: string, now: number): number {
    const entry = this.live(key, now);
    if (!entry || entry.failures < this.options.freeFailures) return 0;
    const steps = entry.failures - this.options.freeFailures;
    const delay = Math.min(this.options.baseDelayMs * 2 ** steps, this.options.maxDelayMs);
    return Math.max(0, entry.lastFailureAt + delay - now);
  }

  recordFailure(key: string, now: number): void {
    const entry = this.live(key, now);
    this.entries.set(key, { failures: (entry?.failures ?? 0) + 1, lastFailureAt: now });
    if (this.entries.size > 50_000) this.prune(now);
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  private live(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && now - entry.lastFailureAt > this.options.forgetAfterMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private prune(now: number) {
    for (const [key, entry] of this.entries) {
      if (now - entry.lastFailureAt > this.options.forgetAfterMs) this.entries.delete(key);
    }
  }
}

const MINUTE = 60_000;

/**
 * One account, for browsers it does not trust: three free tries, then 1 s, 2 s, 4 s … never more than a minute.
 * Trusted devices skip it (and do not feed it), so guessing from anywhere else cannot keep the owner out.
 */
export const accountThrottle = new Throttle({
  freeFailures: 3,
  baseDelayMs: 1000,
  maxDelayMs: MINUTE,
  forgetAfterMs: 15 * MINUTE,
});

/** One IP across all accounts (password spraying): more free tries, a longer cap. */
export const ipThrottle = new Throttle({
  freeFailures: 10,
  baseDelayMs: 1000,
  maxDelayMs: 5 * MINUTE,
  forgetAfterMs: 60 * MINUTE,
});

/**
 * One trusted device: five wrong passwords and its cookie stops counting as trusted for 15 minutes (it is then
 * treated like any other browser), so a stolen device cookie buys a guesser five tries, not a way past the limit.
 */
export const deviceThrottle = new Throttle({
  freeFailures: 5,
  baseDelayMs: 15 * MINUTE,
  maxDelayMs: 15 * MINUTE,
  forgetAfterMs: 15 * MINUTE,
});
