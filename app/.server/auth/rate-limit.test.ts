import { describe, expect, test } from "vitest";
import { RateLimit } from "./rate-limit";

describe("RateLimit", () => {
  test("allows the limit within the window, refuses more, and allows again once the window moved on", () => {
    const limit = new RateLimit(3, 60_000);
    expect([0, 1, 2, 3].map((i) => limit.take("a", 1000 + i))).toEqual([true, true, true, false]);
    expect(limit.take("b", 1004)).toBe(true);
    expect(limit.take("a", 61_001)).toBe(true);
  });
});
