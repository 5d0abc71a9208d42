import { describe, expect, test } from "vitest";
import { prisma } from "../db";
import { RateLimit, sweepRateLimitEvents } from "./rate-limit";

describe("RateLimit", () => {
  test("allows the limit within the window, refuses more, and allows again once the window moved on", async () => {
    const limit = new RateLimit(`test-${Math.random()}`, 3, 60_000);
    const taken: boolean[] = [];
    for (const i of [0, 1, 2, 3]) taken.push(await limit.take("a", 1000 + i));
    expect(taken).toEqual([true, true, true, false]);
    expect(await limit.take("b", 1004)).toBe(true);
    expect(await limit.take("a", 61_001)).toBe(true);
  });

  test("is shared between processes (instances) and counts concurrent requests once each", async () => {
    const name = `shared-${Math.random()}`;
    const [a, b] = [new RateLimit(name, 3, 60_000), new RateLimit(name, 3, 60_000)];
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).take("k", 5000)));
    expect(results.filter(Boolean)).toHaveLength(3);
  });

  test("sweeps events older than a day", async () => {
    const name = `sweep-${Math.random()}`;
    const stored = () => prisma.rateLimitEvent.count({ where: { key: `${name}:k` } });
    await new RateLimit(name, 3, 60_000).take("k", Date.parse("2026-01-01T00:00:00Z"));
    await sweepRateLimitEvents(new Date("2026-01-01T23:00:00Z"));
    expect(await stored()).toBe(1);
    await sweepRateLimitEvents(new Date("2026-01-02T00:00:01Z"));
    expect(await stored()).toBe(0);
  });
});
