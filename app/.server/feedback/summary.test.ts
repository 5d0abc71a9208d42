import { describe, expect, it } from "vitest";
import { confidenceGain, ratingTrend } from "./summary";

const now = new Date("2026-12-01T12:00:00Z");
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);

describe("a lesson's rating trend", () => {
  it("compares the last 30 days with the time before", () => {
    const t = ratingTrend(
      [
        { rating: 5, at: daysAgo(2) },
        { rating: 4, at: daysAgo(29) },
        { rating: 2, at: daysAgo(31) },
        { rating: 3, at: daysAgo(90) },
      ],
      now,
    );
    expect(t.all).toEqual({ average: 3.5, count: 4 });
    expect(t.recent).toEqual({ average: 4.5, count: 2 });
    expect(t.earlier).toEqual({ average: 2.5, count: 2 });
    expect(t.trend).toBe("up");
  });

  it("calls small moves steady, and has no trend without ratings on both sides", () => {
    const olderRatings = [4, 4, 4, 4, 5].map((rating, i) => ({ rating, at: daysAgo(40 + i) }));
    expect(ratingTrend([{ rating: 4, at: daysAgo(1) }, ...olderRatings], now).trend).toBe("steady");
    expect(
      ratingTrend(
        [
          { rating: 2, at: daysAgo(1) },
          { rating: 4, at: daysAgo(40) },
        ],
        now,
      ).trend,
    ).toBe("down");
    expect(ratingTrend([{ rating: 2, at: daysAgo(1) }], now)).toMatchObject({ trend: null, earlier: { average: null, count: 0 } });
    expect(ratingTrend([], now).all).toEqual({ average: null, count: 0 });
  });
});

describe("confidence gained", () => {
  it("averages before and after, and the gain only over people who answered both", () => {
    const rows = [
      { personId: "a", moment: "BEFORE", value: 2 },
      { personId: "a", moment: "AFTER", value: 4 },
      { personId: "b", moment: "BEFORE", value: 3 },
      { personId: "b", moment: "AFTER", value: 4 },
      { personId: "c", moment: "BEFORE", value: 1 },
      { personId: "d", moment: "AFTER", value: 5 },
    ];
    expect(confidenceGain(rows)).toEqual({
      before: { average: 2, count: 3 },
      after: { average: 13 / 3, count: 3 },
      gain: { average: 1.5, count: 2 },
    });
  });
});
