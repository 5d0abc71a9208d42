import { describe, expect, it } from "vitest";
import type { Question, Quiz } from "../content/schema";
import { bestImperfectScore, itemsPerAttempt, passMarkProblem } from "./pass-mark";

const single = (id: string, tag?: string): Question => ({
  id,
  type: "single",
  prompt: "?",
  explanation: "x",
  tag,
  choices: [{ text: "a", correct: true }, { text: "b" }],
});
const multiple = (id: string, correct: number): Question => ({
  id,
  type: "multiple",
  prompt: "?",
  explanation: "x",
  choices: [...Array.from({ length: correct }, () => ({ text: "right", correct: true })), { text: "wrong" }],
});
const quiz = (questions: Question[], extra: Partial<Quiz> = {}): Quiz => ({ questions, ...extra });

describe("itemsPerAttempt", () => {
  it("counts every item, the quiz's draw, or the groups' draws", () => {
    const qs = [single("a", "x"), single("b", "x"), single("c", "y"), single("d", "y"), single("e", "y")];
    expect(itemsPerAttempt(quiz(qs))).toBe(5);
    expect(itemsPerAttempt(quiz(qs, { draw: 3 }))).toBe(3);
    expect(
      itemsPerAttempt(
        quiz(qs, {
          groups: [
            { tag: "x", draw: 1 },
            { tag: "y", draw: 2 },
          ],
        }),
      ),
    ).toBe(3);
  });
});

describe("passMarkProblem", () => {
  it("flags four all-or-nothing items at 80 %: one miss gives 75 %", () => {
    const q = quiz([single("a"), single("b"), single("c"), multiple("d", 3)]);
    expect(bestImperfectScore(q)).toBe(75);
    expect(passMarkProblem(q, 80)).toMatch(
      /pass mark 80 % can only be met with a perfect score: 4 items per attempt, all-or-nothing scoring, so the best score short of perfect is 75 %/,
    );
    expect(passMarkProblem(q, 75)).toBeNull();
  });
  it("accepts five items at 80 %, and a deliberate 100 %", () => {
    expect(passMarkProblem(quiz([single("a"), single("b"), single("c"), single("d"), single("e")]), 80)).toBeNull();
    expect(passMarkProblem(quiz([single("a"), single("b")]), 100)).toBeNull();
  });
  it("counts drawn items, not the pool", () => {
    const pool = quiz([single("a"), single("b"), single("c"), single("d"), single("e"), single("f")], { draw: 4 });
    expect(passMarkProblem(pool, 80)).toMatch(/4 items per attempt/);
  });
  it("lets partial credit on a multiple-response item reach the mark short of perfect", () => {
    // 4 items, one of them with 4 correct options: leaving one out scores (3 + 3/4) / 4 = 93.75 → 94 %.
    const q = quiz([single("a"), single("b"), single("c"), multiple("d", 4)], { scoring: "partial" });
    expect(bestImperfectScore(q)).toBe(94);
    expect(passMarkProblem(q, 80)).toBeNull();
  });
});
