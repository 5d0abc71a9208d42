import type { Answers, AttemptSet } from "./snapshot";

export type Submission = { kind: "answers"; answers: Answers } | { kind: "incomplete"; missing: number[] } | { kind: "tampered"; message: string };

/**
 * Read a quiz form against the attempt's stored set. Fields are `q.<item id>`, values the option's position
 * as shown (never its place in the file, which would hint at the key); they become option source indexes.
 * Anything the form could not have sent — an item not drawn, an option not shown, a value twice, two values
 * for a single-answer item — is refused whole.
 */
export function readSubmission(set: AttemptSet, form: FormData): Submission {
  const drawn = new Map(set.items.map((item) => [item.id, item]));
  for (const key of new Set(form.keys())) {
    if (!key.startsWith("q.")) continue;
    if (!drawn.has(key.slice(2))) return { kind: "tampered", message: "An answer was sent for a question that is not part of this attempt." };
  }
  const answers: Answers = {};
  const missing: number[] = [];
  for (const [index, item] of set.items.entries()) {
    const values = form.getAll(`q.${item.id}`);
    if (values.length === 0) {
      missing.push(index + 1);
      continue;
    }
    const positions = values.map((v) => (typeof v === "string" && /^\d{1,3}$/.test(v) ? Number(v) : -1));
    if (positions.some((p) => p < 0 || p >= item.options.length)) {
      return { kind: "tampered", message: `The answer to question ${index + 1} is not one of its options.` };
    }
    if (new Set(positions).size !== positions.length) return { kind: "tampered", message: `The answer to question ${index + 1} was sent twice.` };
    if (item.type !== "multiple" && positions.length > 1) {
      return { kind: "tampered", message: `Question ${index + 1} takes one answer.` };
    }
    answers[item.id] = positions.map((p) => item.options[p]!.source);
  }
  return missing.length ? { kind: "incomplete", missing } : { kind: "answers", answers };
}
