/**
 * Simple statistics over the whole quiz library that reveal guessable patterns: is the right option usually the
 * longest, are true/false answers lopsided, do multiple-response items always have the same number of right
 * options, are enough items applied scenarios. content/README.md states the thresholds and why.
 */
import type { Quiz } from "./schema";

export type LibraryStats = {
  items: number;
  /** Single-answer and scenario items whose correct option is strictly the longest. */
  longestIsRight: { count: number; of: number; share: number };
  trueFalse: { count: number; share: number; answeredTrue: number };
  /** How many multiple-response items have 1, 2, 3 … correct options. */
  multipleCorrectCounts: Record<number, number>;
  scenarioShare: number;
};

const THRESHOLDS = {
  /** With 3–4 options chance alone makes the right one the longest in 25–33 % of items. */
  longestIsRightAtMost: 0.4,
  /** True/false items are weak evidence (50 % by guessing): a small minority of the library. */
  trueFalseShareAtMost: 0.15,
  /** …and not lopsided: between 30 % and 70 % answered "true" once there are at least 4. */
  trueShareBetween: [0.3, 0.7] as const,
  /** Multiple-response items use at least two different numbers of right options, none for over 70 % of them. */
  oneCorrectCountAtMost: 0.7,
  /** Applied "what would you do" items. */
  scenarioShareAtLeast: 0.4,
};

export function libraryStats(quizzes: Quiz[]): LibraryStats {
  const questions = quizzes.flatMap((q) => q.questions);
  let longest = 0;
  let singles = 0;
  let tf = 0;
  let tfTrue = 0;
  let scenarios = 0;
  const multipleCorrectCounts: Record<number, number> = {};
  for (const q of questions) {
    if (q.type === "scenario") scenarios += 1;
    if (q.type === "truefalse") {
      tf += 1;
      if (q.answer) tfTrue += 1;
      continue;
    }
    if (q.type === "multiple") {
      const n = q.choices.filter((c) => c.correct).length;
      multipleCorrectCounts[n] = (multipleCorrectCounts[n] ?? 0) + 1;
      continue;
    }
    singles += 1;
    const right = q.choices.find((c) => c.correct)!.text.length;
    if (q.choices.every((c) => c.correct || c.text.length < right)) longest += 1;
  }
  const share = (n: number, of: number) => (of === 0 ? 0 : n / of);
  return {
    items: questions.length,
    longestIsRight: { count: longest, of: singles, share: share(longest, singles) },
    trueFalse: { count: tf, share: share(tf, questions.length), answeredTrue: tfTrue },
    multipleCorrectCounts,
    scenarioShare: share(scenarios, questions.length),
  };
}

/** Every threshold the library breaks, in words (empty when it keeps them all). */
export function guessablePatterns(stats: LibraryStats): string[] {
  const t = THRESHOLDS;
  const out: string[] = [];
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  if (stats.longestIsRight.share > t.longestIsRightAtMost) {
    out.push(`the right option is the longest in ${pct(stats.longestIsRight.share)} of single-answer items (at most ${pct(t.longestIsRightAtMost)})`);
  }
  if (stats.trueFalse.share > t.trueFalseShareAtMost) out.push(`${pct(stats.trueFalse.share)} of items are true/false (at most ${pct(t.trueFalseShareAtMost)})`);
  if (stats.trueFalse.count >= 4) {
    const trueShare = stats.trueFalse.answeredTrue / stats.trueFalse.count;
    if (trueShare < t.trueShareBetween[0] || trueShare > t.trueShareBetween[1]) out.push(`${pct(trueShare)} of true/false items are "true" (between 30 % and 70 %)`);
  }
  const counts = Object.values(stats.multipleCorrectCounts);
  const multiples = counts.reduce((a, b) => a + b, 0);
  if (multiples >= 4 && (counts.length < 2 || Math.max(...counts) / multiples > t.oneCorrectCountAtMost)) {
    out.push(`multiple-response items nearly always have the same number of right options (${JSON.stringify(stats.multipleCorrectCounts)})`);
  }
  if (stats.scenarioShare < t.scenarioShareAtLeast) out.push(`${pct(stats.scenarioShare)} of items are applied scenarios (at least ${pct(t.scenarioShareAtLeast)})`);
  return out;
}
