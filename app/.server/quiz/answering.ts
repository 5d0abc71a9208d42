import type { AttemptItem, AttemptSet } from "./snapshot";

/**
 * Fill in an attempt the way a learner's browser would (fields `q.<id>`, values = shown positions). For the
 * demo organisation, benchmarks and tests: a learner who knows everything, nothing, or something between.
 */
export type Pick = "right" | "wrong";

function positionsFor(item: AttemptItem, pick: Pick): number[] {
  const positions = item.options.map((o, i) => ({ i, correct: o.correct }));
  if (pick === "right") return positions.filter((p) => p.correct).map((p) => p.i);
  const wrong = positions.filter((p) => !p.correct).map((p) => p.i);
  return item.type === "multiple" ? wrong : wrong.slice(0, 1);
}

/** A form answering every item of the set; `pickFor` decides item by item (default: all right or all wrong). */
export function answerForm(set: AttemptSet, attemptNumber: number, pickFor: Pick | ((item: AttemptItem, index: number) => Pick)): FormData {
  const form = new FormData();
  form.set("intent", "submit-quiz");
  form.set("attempt", String(attemptNumber));
  set.items.forEach((item, index) => {
    const pick = typeof pickFor === "function" ? pickFor(item, index) : pickFor;
    for (const p of positionsFor(item, pick)) form.append(`q.${item.id}`, String(p));
  });
  return form;
}
