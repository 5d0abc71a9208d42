import type { MultipleScoring } from "../content/schema";
import type { Answers, AttemptItem, AttemptSet, ItemResult } from "./snapshot";

/**
 * One item against what was chosen (option source indexes). Single-answer items: right or wrong.
 * Multiple-response items: all-or-nothing, or partial credit = (correct options chosen − wrong options
 * chosen) ÷ correct options, never below 0.
 */
export function gradeItem(item: AttemptItem, chosen: number[], scoring: MultipleScoring): ItemResult {
  const picks = [...new Set(chosen)].sort((a, b) => a - b);
  const keys = item.options.filter((o) => o.correct).map((o) => o.source);
  const hits = picks.filter((p) => keys.includes(p)).length;
  const wrong = picks.length - hits;
  const correct = hits === keys.length && wrong === 0;
  let credit = correct ? 1 : 0;
  if (!correct && item.type === "multiple" && scoring === "partial") credit = Math.max(0, (hits - wrong) / keys.length);
  return { id: item.id, chosen: picks, correct, credit };
}

export type Grade = { results: ItemResult[]; correctCount: number; questionCount: number; score: number; passed: boolean };

/** Grade an attempt against its own stored set: score = credits ÷ items asked, as a whole percent. */
export function gradeAttemptSet(set: AttemptSet, answers: Answers): Grade {
  const results = set.items.map((item) => gradeItem(item, answers[item.id] ?? [], set.scoring));
  const questionCount = results.length;
  const credits = results.reduce((n, r) => n + r.credit, 0);
  const score = questionCount === 0 ? 0 : Math.round((credits / questionCount) * 100);
  return { results, correctCount: results.filter((r) => r.correct).length, questionCount, score, passed: score >= set.passMark };
}
