/**
 * What a browser may see of an attempt. Before submitting: the drawn items and their options in the stored
 * order, as positions — no keys, no feedback, no explanation. After: the learner's answer, right or wrong,
 * the feedback of the options they chose and the explanation; which options were correct only when `reveal`
 * (docs/decisions/007-quiz-attempts.md: once the quiz is passed).
 */
import type { AttemptSet, ItemResult } from "./snapshot";

export type PublicItem = {
  id: string;
  type: "single" | "multiple" | "scenario" | "truefalse";
  prompt: string;
  situation?: string;
  options: { position: number; text: string }[];
};

export function publicItems(set: AttemptSet): PublicItem[] {
  return set.items.map((item) => ({
    id: item.id,
    type: item.type,
    prompt: item.prompt,
    ...(item.situation ? { situation: item.situation } : {}),
    options: item.options.map((o, position) => ({ position, text: o.text })),
  }));
}

export type ReviewItem = Omit<PublicItem, "options"> & {
  correct: boolean;
  /** 0..1 (partial credit on multiple-response items). */
  credit: number;
  explanation: string;
  options: { position: number; text: string; chosen: boolean; feedback: string | null; correct: boolean | null }[];
};

export function reviewItems(set: AttemptSet, results: ItemResult[], reveal: boolean): ReviewItem[] {
  const byId = new Map(results.map((r) => [r.id, r]));
  return set.items.map((item) => {
    const result = byId.get(item.id);
    const chosen = new Set(result?.chosen ?? []);
    return {
      id: item.id,
      type: item.type,
      prompt: item.prompt,
      ...(item.situation ? { situation: item.situation } : {}),
      correct: result?.correct ?? false,
      credit: result?.credit ?? 0,
      explanation: item.explanation,
      options: item.options.map((o, position) => ({
        position,
        text: o.text,
        chosen: chosen.has(o.source),
        feedback: chosen.has(o.source) ? (o.feedback ?? null) : null,
        correct: reveal ? o.correct : null,
      })),
    };
  });
}
