/**
 * Drawing an attempt's items from a quiz's pool and shuffling their options. Pure: randomness comes in as a
 * function, so tests pass a seeded one and the server a cryptographic one.
 */
import { randomInt } from "node:crypto";
import type { Question, Quiz } from "../content/schema";
import { itemsPerAttempt } from "./pass-mark";
import type { AttemptItem, AttemptOption, AttemptSet } from "./snapshot";

/** A number in [0, 1). */
export type Random = () => number;

/** Deterministic randomness for tests (mulberry32). */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the server uses: a learner must not be able to predict a draw or an order. */
export const secureRandom: Random = () => randomInt(0, 2 ** 32) / 2 ** 32;

function shuffle<T>(list: readonly T[], random: Random): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The items one attempt asks: per group (or from the whole quiz), items the learner has not seen yet come
 * first, in random order; seen ones fill what is left. Returned in the quiz file's order.
 */
export function drawQuestions(quiz: Quiz, seen: ReadonlySet<string>, random: Random): Question[] {
  const groups = quiz.groups ?? [{ tag: null, draw: itemsPerAttempt(quiz) }];
  const picked = new Set<string>();
  for (const group of groups) {
    const pool = quiz.questions.filter((q) => group.tag === null || q.tag === group.tag);
    const fresh = shuffle(
      pool.filter((q) => !seen.has(q.id)),
      random,
    );
    const again = shuffle(
      pool.filter((q) => seen.has(q.id)),
      random,
    );
    for (const q of [...fresh, ...again].slice(0, group.draw)) picked.add(q.id);
  }
  return quiz.questions.filter((q) => picked.has(q.id));
}

/** An item's options in file order; true/false is a two-option item (0 = True, 1 = False). */
export function optionsOf(q: Question): AttemptOption[] {
  if (q.type === "truefalse") {
    return [
      { source: 0, text: "True", correct: q.answer, feedback: q.feedbackTrue },
      { source: 1, text: "False", correct: !q.answer, feedback: q.feedbackFalse },
    ];
  }
  return q.choices.map((c, source) => ({ source, text: c.text, correct: c.correct === true, feedback: c.feedback }));
}

function attemptItem(q: Question, random: Random): AttemptItem {
  const options = optionsOf(q);
  const keepOrder = q.fixedOrder === true || q.type === "truefalse";
  return {
    id: q.id,
    type: q.type,
    prompt: q.prompt,
    ...(q.type === "scenario" ? { situation: q.situation } : {}),
    explanation: q.explanation,
    options: keepOrder ? options : shuffle(options, random),
  };
}

/** Everything one attempt needs, fixed when it starts: the drawn items with shuffled options and the scoring. */
export function buildAttemptSet(quiz: Quiz & { passMark: number }, seen: ReadonlySet<string>, random: Random): AttemptSet {
  return {
    passMark: quiz.passMark,
    scoring: quiz.scoring ?? "all-or-nothing",
    items: drawQuestions(quiz, seen, random).map((q) => attemptItem(q, random)),
  };
}
