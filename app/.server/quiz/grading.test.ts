import { describe, expect, it } from "vitest";
import { gradeAttemptSet, gradeItem } from "./grading";
import type { AttemptItem, AttemptSet } from "./snapshot";

const opt = (source: number, correct = false) => ({ source, text: `option ${source}`, correct });
// Stored in shown order: sources deliberately out of file order, as a shuffle leaves them.
const single: AttemptItem = { id: "one", type: "single", prompt: "?", explanation: "x", options: [opt(2), opt(0, true), opt(1)] };
const many: AttemptItem = { id: "many", type: "multiple", prompt: "?", explanation: "x", options: [opt(3, true), opt(0, true), opt(2), opt(1, true)] };
const tf: AttemptItem = { id: "tf", type: "truefalse", prompt: "?", explanation: "x", options: [opt(0), opt(1, true)] };

describe("gradeItem", () => {
  it("grades single-answer items by the source index of the chosen option", () => {
    expect(gradeItem(single, [0], "all-or-nothing")).toEqual({ id: "one", chosen: [0], correct: true, credit: 1 });
    expect(gradeItem(single, [2], "all-or-nothing")).toMatchObject({ correct: false, credit: 0 });
    expect(gradeItem(tf, [1], "all-or-nothing")).toMatchObject({ correct: true });
  });
  it("needs every correct option and no wrong one, all or nothing", () => {
    expect(gradeItem(many, [0, 1, 3], "all-or-nothing")).toMatchObject({ correct: true, credit: 1 });
    expect(gradeItem(many, [0, 1], "all-or-nothing")).toMatchObject({ correct: false, credit: 0 });
    expect(gradeItem(many, [0, 1, 2, 3], "all-or-nothing")).toMatchObject({ correct: false, credit: 0 });
  });
  it("gives partial credit: (right chosen − wrong chosen) ÷ right, never below zero", () => {
    expect(gradeItem(many, [0, 1], "partial").credit).toBeCloseTo(2 / 3);
    expect(gradeItem(many, [0, 1, 2, 3], "partial").credit).toBeCloseTo(2 / 3);
    expect(gradeItem(many, [0, 2], "partial").credit).toBe(0);
    expect(gradeItem(many, [2], "partial").credit).toBe(0);
    // Partial credit is for multiple-response items only.
    expect(gradeItem(single, [2], "partial").credit).toBe(0);
  });
});

describe("gradeAttemptSet", () => {
  const set: AttemptSet = { passMark: 75, scoring: "partial", items: [single, many, tf] };
  it("scores the credits of the stored items as a whole percent and passes at the pass mark", () => {
    expect(gradeAttemptSet(set, { one: [0], many: [0, 1, 3], tf: [1] })).toMatchObject({ score: 100, correctCount: 3, questionCount: 3, passed: true });
    // 1 + 2/3 + 1 = 2.667 of 3 → 89 %
    expect(gradeAttemptSet(set, { one: [0], many: [0, 1], tf: [1] })).toMatchObject({ score: 89, correctCount: 2, passed: true });
    // 0 + 2/3 + 1 → 56 %
    expect(gradeAttemptSet(set, { one: [1], many: [3, 1], tf: [1] })).toMatchObject({ score: 56, passed: false });
  });
  it("ignores answers to items that were not drawn and counts missing answers as wrong", () => {
    const grade = gradeAttemptSet(set, { one: [0], other: [1] });
    expect(grade.results.map((r) => r.id)).toEqual(["one", "many", "tf"]);
    expect(grade.score).toBe(33);
  });
});
