/**
 * Item statistics for one quiz, from its submitted attempts (classical test theory, as Moodle's quiz
 * statistics report computes them). Pure: attempts and the quiz file in, plain figures out.
 */
import type { Question } from "../content/schema";
import { optionsOf } from "../quiz/draw";
import type { AttemptItem, AttemptOption, AttemptSet, ItemResult } from "../quiz/snapshot";
import { itemFlags, type ItemFlag } from "./item-flags";

/** One submitted attempt with parseable results. `set` is null when the stored set is damaged. */
export type ScoredAttempt = {
  personId: string;
  /** Percent, 0..100, as stored. */
  score: number;
  passed: boolean;
  submittedAt: Date;
  set: AttemptSet | null;
  results: ItemResult[];
};

type ItemType = AttemptItem["type"];
type OptionLabel = { text: string; correct: boolean };
/** An item as the current quiz file has it. */
export type FileItem = { id: string; type: ItemType; prompt: string; options: Pick<AttemptOption, "source" | "text" | "correct">[] };

type OptionStats = {
  source: number;
  /** A, B, C… in file order. */
  label: string;
  text: string;
  correct: boolean;
  /** Responses that chose it (a multiple-response answer counts towards each option chosen). */
  count: number;
  /** count / n; null when the item was never asked. */
  share: number | null;
};

type ItemStats = {
  id: string;
  type: ItemType;
  prompt: string;
  /** False when the item was asked once but is no longer in the quiz file (labelled from its newest snapshot). */
  inQuiz: boolean;
  /** Times asked (and answered: a blank answer counts, with credit 0). */
  n: number;
  /** Mean credit, 0..1: the share of people who got it right. Null when never asked. */
  facility: number | null;
  /** Pearson correlation of the item's credit with the rest-of-attempt score, -1..1; null when undefined. */
  discrimination: number | null;
  /** Responses that chose nothing. */
  blank: number;
  options: OptionStats[];
  flags: ItemFlag[];
};

export type QuizStats = {
  attempts: number;
  people: number;
  /** Mean score in percent; null without attempts. */
  meanScore: number | null;
  /** Share of attempts that passed, 0..1; null without attempts. */
  passRate: number | null;
  items: ItemStats[];
};

/** The quiz file's items as the statistics label them (true/false: 0 = True, 1 = False, as attempts store them). */
export function fileItemsOf(questions: Question[]): FileItem[] {
  return questions.map((q) => ({ id: q.id, type: q.type, prompt: q.prompt, options: optionsOf(q) }));
}

export function quizItemStats(attempts: ScoredAttempt[], fileItems: FileItem[]): QuizStats {
  const labels = itemLabels(attempts, fileItems);
  const responses = responsesByItem(attempts);
  return {
    attempts: attempts.length,
    people: new Set(attempts.map((a) => a.personId)).size,
    meanScore: mean(attempts.map((a) => a.score)),
    passRate: mean(attempts.map((a) => (a.passed ? 1 : 0))),
    items: [...labels.values()].map((label) => itemStats(label, responses.get(label.id) ?? [])),
  };
}

type ItemLabel = { id: string; type: ItemType; prompt: string; inQuiz: boolean; options: Map<number, OptionLabel> };

/**
 * What to call each item and option: the quiz file for what it still holds, else the newest snapshot that
 * showed it. File items come first, in file order; retired items follow in the order they were first seen.
 */
function itemLabels(attempts: ScoredAttempt[], fileItems: FileItem[]): Map<string, ItemLabel> {
  const labels = new Map<string, ItemLabel>(
    fileItems.map((f) => [f.id, { id: f.id, type: f.type, prompt: f.prompt, inQuiz: true, options: optionLabels(f.options) }]),
  );
  const oldestFirst = [...attempts].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
  const retired = new Map<string, ItemLabel>();
  for (const item of oldestFirst.flatMap((a) => a.set?.items ?? [])) {
    if (labels.has(item.id)) continue;
    const label = retired.get(item.id) ?? { id: item.id, type: item.type, prompt: item.prompt, inQuiz: false, options: new Map() };
    label.type = item.type;
    label.prompt = item.prompt;
    for (const [source, option] of optionLabels(item.options)) label.options.set(source, option);
    retired.set(item.id, label);
  }
  // Results without any snapshot (a damaged set) still count, under their id.
  for (const r of attempts.flatMap((a) => a.results)) {
    if (!labels.has(r.id) && !retired.has(r.id)) retired.set(r.id, { id: r.id, type: "single", prompt: r.id, inQuiz: false, options: new Map() });
  }
  return new Map([...labels, ...retired]);
}

function optionLabels(options: FileItem["options"]): Map<number, OptionLabel> {
  return new Map(options.map((o) => [o.source, { text: o.text, correct: o.correct }]));
}

/** One answer to one item, with how the rest of that attempt went. */
type Response = { chosen: number[]; credit: number; rest: number | null };

function responsesByItem(attempts: ScoredAttempt[]): Map<string, Response[]> {
  const byItem = new Map<string, Response[]>();
  for (const { results } of attempts) {
    const total = results.reduce((sum, r) => sum + r.credit, 0);
    for (const r of results) {
      // Rest-of-attempt score: mean credit of the other items, so the item does not correlate with itself.
      const rest = results.length > 1 ? (total - r.credit) / (results.length - 1) : null;
      const list = byItem.get(r.id) ?? [];
      list.push({ chosen: [...new Set(r.chosen)], credit: r.credit, rest });
      byItem.set(r.id, list);
    }
  }
  return byItem;
}

function itemStats(label: ItemLabel, responses: Response[]): ItemStats {
  const n = responses.length;
  const counts = new Map<number, number>([...label.options.keys()].map((source) => [source, 0]));
  for (const source of responses.flatMap((r) => r.chosen)) counts.set(source, (counts.get(source) ?? 0) + 1);
  const options = [...counts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([source, count]) => {
      const option = label.options.get(source) ?? { text: "An option no longer in the quiz", correct: false };
      return { source, label: optionLetter(source), ...option, count, share: n > 0 ? count / n : null };
    });
  const withRest = responses.filter((r): r is Response & { rest: number } => r.rest !== null);
  const facility = mean(responses.map((r) => r.credit));
  const discrimination = pearson(
    withRest.map((r) => r.credit),
    withRest.map((r) => r.rest),
  );
  // An option we cannot name (chosen once, since dropped from the file) is shown but never judged.
  const judged = options.filter((o) => label.options.has(o.source));
  return {
    id: label.id,
    type: label.type,
    prompt: label.prompt,
    inQuiz: label.inQuiz,
    n,
    facility,
    discrimination,
    blank: responses.filter((r) => r.chosen.length === 0).length,
    options,
    flags: itemFlags({ type: label.type, n, facility, discrimination, options: judged }),
  };
}

function optionLetter(source: number): string {
  return source < 26 ? String.fromCharCode(65 + source) : String(source + 1);
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Below this a sum of squares is rounding noise: the values did not vary, and a correlation is undefined. */
const NO_VARIANCE = 1e-12;

/** Pearson's r, or null with fewer than two pairs or when either side does not vary. */
export function pearson(xs: number[], ys: number[]): number | null {
  const mx = mean(xs);
  const my = mean(ys);
  if (xs.length < 2 || mx === null || my === null) return null;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    const dx = x - mx;
    const dy = (ys[i] ?? my) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  });
  if (sxx < NO_VARIANCE || syy < NO_VARIANCE) return null;
  return sxy / Math.sqrt(sxx * syy);
}
