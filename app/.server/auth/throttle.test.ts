import { describe, expect, it } from "vitest";
import { prisma } from "../db";
import {
  Throttle,
  accountThrottle,
  afterFailure,
  delayAfter,
  deviceThrottle,
  ipThrottle,
  sweepSignInFailures,
  type FailureCount,
  type ThrottleOptions,
} from "./throttle";

const options = { freeFailures: 3, baseDelayMs: 1000, maxDelayMs: 60_000, forgetAfterMs: 15 * 60_000 };

/** The policy alone, in memory: what the stored counts go through. */
function policy(o: ThrottleOptions = options) {
  const counts = new Map<string, FailureCount>();
  return {
    waitMs: (key: string, now: number) => delayAfter(o, counts.get(key) ?? null, now),
    recordFailure: (key: string, now: number) => void counts.set(key, afterFailure(o, counts.get(key) ?? null, now)),
    reset: (key: string) => void counts.delete(key),
  };
}

describe("sign-in throttle policy", () => {
  it("lets the first few failures through without delay", () => {
    const t = policy();
    for (let i = 0; i < 3; i++) {
      expect(t.waitMs("ana@x.test", 0)).toBe(0);
      t.recordFailure("ana@x.test", 0);
    }
    expect(t.waitMs("ana@x.test", 0)).toBe(1000);
  });

  it("doubles the delay with each further failure", () => {
    const t = policy();
    let now = 0;
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      now += t.waitMs("k", now);
      t.recordFailure("k", now);
      delays.push(t.waitMs("k", now));
    }
    expect(delays).toEqual([0, 0, 1000, 2000, 4000, 8000, 16000]);
  });

  it("caps the delay so a victim is never locked out for long", () => {
    const t = policy();
    for (let i = 0; i < 100; i++) t.recordFailure("victim", i);
    // Uncapped, 97 doublings of a second; capped, a minute from the last failure (at 99 ms).
    expect(t.waitMs("victim", 100)).toBe(59_999);
    expect(t.waitMs("victim", 99 + 60_000)).toBe(0);
  });

  it("forgets failures after a quiet period and on success", () => {
    const t = policy();
    for (let i = 0; i < 5; i++) t.recordFailure("a", 0);
    expect(t.waitMs("a", 1)).toBeGreaterThan(0);
    expect(t.waitMs("a", 15 * 60_000 + 1)).toBe(0);
    for (let i = 0; i < 5; i++) t.recordFailure("b", 0);
    t.reset("b");
    expect(t.waitMs("b", 1)).toBe(0);
  });

  it("never asks anyone to wait longer than its cap, however long the attack (ADR 013)", () => {
    const account = policy(accountThrottle.options);
    let worst = 0;
    for (let now = 0; now < 24 * 3_600_000; now += 10_000) {
      if (account.waitMs("k", now) === 0) account.recordFailure("k", now);
      worst = Math.max(worst, account.waitMs("k", now));
    }
    expect(worst).toBe(60_000);
    const ip = policy(ipThrottle.options);
    for (let i = 0; i < 100; i++) ip.recordFailure("ip", i);
    expect(ip.waitMs("ip", 100)).toBe(5 * 60_000 - 1);
  });
});

describe("sign-in throttles in the database", () => {
  it("keeps keys and throttles apart", async () => {
    const t = new Throttle(`test-${Math.random()}`, options);
    for (let i = 0; i < 10; i++) await t.recordFailure("attacked", 0);
    expect(await t.waitMs("attacked", 0)).toBeGreaterThan(0);
    expect(await t.waitMs("someone-else", 0)).toBe(0);
    expect(await new Throttle(`other-${Math.random()}`, options).waitMs("attacked", 0)).toBe(0);
  });

  it("is shared: another process (another instance) sees the same count, and concurrent failures all count", async () => {
    const name = `shared-${Math.random()}`;
    const [a, b] = [new Throttle(name, options), new Throttle(name, options)];
    await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).recordFailure("k", 1000)));
    // Six failures: three free, then 1 s · 2^(6-3) = 8 s after the last.
    expect(await a.waitMs("k", 1000)).toBe(8000);
    expect(await b.waitMs("k", 1000)).toBe(8000);
    await b.reset("k");
    expect(await a.waitMs("k", 1000)).toBe(0);
  });

  it("sweeps counts no throttle remembers any more", async () => {
    const key = `old-${Math.random()}`;
    await ipThrottle.recordFailure(key, Date.parse("2026-01-01T00:00:00Z"));
    await sweepSignInFailures(new Date("2026-01-01T00:59:00Z"));
    expect(await prisma.signInFailure.count({ where: { key: `ip:${key}` } })).toBe(1);
    await sweepSignInFailures(new Date("2026-01-01T01:00:01Z"));
    expect(await prisma.signInFailure.count({ where: { key: `ip:${key}` } })).toBe(0);
  });
});

describe("trusted device lockout", () => {
  it("allows five wrong passwords, then stops trusting the device for 15 minutes after the last one", async () => {
    const device = `device-${Math.random()}`;
    for (let i = 0; i < 5; i++) {
      expect(await deviceThrottle.waitMs(device, i * 1000)).toBe(0);
      await deviceThrottle.recordFailure(device, i * 1000);
    }
    expect(await deviceThrottle.waitMs(device, 5000)).toBe(15 * 60_000 - 1000);
    expect(await deviceThrottle.waitMs(device, 4000 + 15 * 60_000)).toBe(0);
  });
});
