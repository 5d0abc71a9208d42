import { describe, expect, it } from "vitest";
import { Throttle } from "./throttle";

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
});
