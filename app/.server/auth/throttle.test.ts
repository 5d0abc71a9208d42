import { describe, expect, it } from "vitest";
import { Throttle, accountThrottle, deviceThrottle, ipThrottle } from "./throttle";

const options = { freeFailures: 3, baseDelayMs: 1000, maxDelayMs: 60_000, forgetAfterMs: 15 * 60_000 };

describe("sign-in throttle", () => {
  it("lets the first few failures through without delay", () => {
    const t = new Throttle(options);
    for (let i = 0; i < 3; i++) {
      expect(t.waitMs("ana@x.test", 0)).toBe(0);
      t.recordFailure("ana@x.test", 0);
    }
    expect(t.waitMs("ana@x.test", 0)).toBe(1000);
  });

  it("doubles the delay with each further failure", () => {
    const t = new Throttle(options);
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
    const t = new Throttle(options);
    for (let i = 0; i < 100; i++) t.recordFailure("victim", i);
    expect(t.waitMs("victim", 100)).toBeLessThanOrEqual(60_000);
    expect(t.waitMs("victim", 100 + 60_000)).toBe(0);
  });

  it("forgets failures after a quiet period and on success", () => {
    const t = new Throttle(options);
    for (let i = 0; i < 5; i++) t.recordFailure("a", 0);
    expect(t.waitMs("a", 1)).toBeGreaterThan(0);
    expect(t.waitMs("a", 15 * 60_000 + 1)).toBe(0);
    for (let i = 0; i < 5; i++) t.recordFailure("b", 0);
    t.reset("b");
    expect(t.waitMs("b", 1)).toBe(0);
  });

  it("keeps keys apart", () => {
    const t = new Throttle(options);
    for (let i = 0; i < 10; i++) t.recordFailure("attacked", 0);
    expect(t.waitMs("someone-else", 0)).toBe(0);
  });

  it("never asks anyone to wait longer than its cap, however long the attack (ADR 013)", () => {
    const key = `cap-${Math.random()}`;
    let worst = 0;
    for (let now = 0; now < 24 * 3_600_000; now += 10_000) {
      if (accountThrottle.waitMs(key, now) === 0) accountThrottle.recordFailure(key, now);
      worst = Math.max(worst, accountThrottle.waitMs(key, now));
    }
    expect(worst).toBe(60_000);
    const ip = `ip-${Math.random()}`;
    for (let i = 0; i < 100; i++) ipThrottle.recordFailure(ip, i);
    expect(ipThrottle.waitMs(ip, 100)).toBeLessThanOrEqual(5 * 60_000);
  });
});

describe("trusted device lockout", () => {
  it("allows five wrong passwords, then stops trusting the device for 15 minutes after the last one", () => {
    const device = `device-${Math.random()}`;
    for (let i = 0; i < 5; i++) {
      expect(deviceThrottle.waitMs(device, i * 1000)).toBe(0);
      deviceThrottle.recordFailure(device, i * 1000);
    }
    expect(deviceThrottle.waitMs(device, 5000)).toBe(15 * 60_000 - 1000);
    expect(deviceThrottle.waitMs(device, 4000 + 15 * 60_000)).toBe(0);
  });
});
