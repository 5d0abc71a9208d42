/** Averages for the feedback page (pure): ratings with their trend, confidence before and after. */

export type Mean = { average: number | null; count: number };

function mean(values: readonly number[]): Mean {
  if (values.length === 0) return { average: null, count: 0 };
  return { average: values.reduce((a, b) => a + b, 0) / values.length, count: values.length };
}

const DAY = 24 * 60 * 60 * 1000;
/** A move smaller than this, on a 1–5 scale, is noise rather than a trend. */
const STEADY_BAND = 0.25;

export type Trend = "up" | "down" | "steady";

/** All ratings, then the last `days` days against everything before them. No trend without both sides. */
export function ratingTrend(ratings: readonly { rating: number; at: Date }[], now: Date, days = 30) {
  const since = now.getTime() - days * DAY;
  const recent = mean(ratings.filter((r) => r.at.getTime() >= since).map((r) => r.rating));
  const earlier = mean(ratings.filter((r) => r.at.getTime() < since).map((r) => r.rating));
  let trend: Trend | null = null;
  if (recent.average !== null && earlier.average !== null) {
    const delta = recent.average - earlier.average;
    trend = delta >= STEADY_BAND ? "up" : delta <= -STEADY_BAND ? "down" : "steady";
  }
  return { all: mean(ratings.map((r) => r.rating)), recent, earlier, trend, days };
}

/**
 * Confidence before and after, and the gain: the average of (after − before) over the people who answered
 * both, so people who only answered once do not skew it.
 */
export function confidenceGain(rows: readonly { personId: string; moment: string; value: number }[]) {
  const before = new Map<string, number>();
  const after = new Map<string, number>();
  for (const row of rows) (row.moment === "BEFORE" ? before : after).set(row.personId, row.value);
  const gains = [...after].flatMap(([personId, value]) => {
    const start = before.get(personId);
    return start === undefined ? [] : [value - start];
  });
  return { before: mean([...before.values()]), after: mean([...after.values()]), gain: mean(gains) };
}
