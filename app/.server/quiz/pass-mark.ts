import type { Question, Quiz } from "../content/schema";

/** How many items one attempt asks: the groups' draws, the quiz's draw, or every item. */
export function itemsPerAttempt(quiz: Quiz): number {
  if (quiz.groups) return quiz.groups.reduce((n, g) => n + g.draw, 0);
  return Math.min(quiz.draw ?? quiz.questions.length, quiz.questions.length);
}

/** Items that can be drawn at all (with groups, only those whose tag has a group). */
function drawable(quiz: Quiz): Question[] {
  if (!quiz.groups) return quiz.questions;
  const tags = new Set(quiz.groups.map((g) => g.tag));
  return quiz.questions.filter((q) => q.tag !== undefined && tags.has(q.tag));
}

/**
 * The best score short of perfect one attempt can reach: one item missed, or — with partial credit — one
 * correct option of a multiple-response item left out (the least costly mistake there is).
 */
export function bestImperfectScore(quiz: Quiz): number {
  const n = itemsPerAttempt(quiz);
  let bestPartial = 0;
  if (quiz.scoring === "partial") {
    for (const q of drawable(quiz)) {
      if (q.type !== "multiple") continue;
      const correct = q.choices.filter((c) => c.correct).length;
      bestPartial = Math.max(bestPartial, (correct - 1) / correct);
    }
  }
  return Math.round(((n - 1 + bestPartial) / n) * 100);
}

/**
 * A pass mark that only a perfect score meets is a trap (one slip and a learner fails), unless the course
 * asks for 100 % on purpose. Returns the problem in words, or null.
 */
export function passMarkProblem(quiz: Quiz, passMark: number): string | null {
  if (passMark >= 100) return null;
  const best = bestImperfectScore(quiz);
  if (best >= passMark) return null;
  const n = itemsPerAttempt(quiz);
  const scoring = quiz.scoring === "partial" ? "partial credit" : "all-or-nothing";
  return (
    `pass mark ${passMark} % can only be met with a perfect score: ${n} item${n === 1 ? "" : "s"} per attempt, ${scoring} scoring, ` +
    `so the best score short of perfect is ${best} %. Lower passMark to ${best} or less, ask more items, ` +
    `or set passMark: 100 if a perfect score is meant`
  );
}
