import { describe, expect, it } from "vitest";
import type { Quiz } from "../content/schema";
import { gradeAttempt, readAnswers } from "./grading";

const quiz: Quiz & { passMark: number } = {
  passMark: 80,
  questions: [
    { id: "one", type: "single", prompt: "?", explanation: "because", choices: [{ text: "a" }, { text: "b", correct: true }] },
    { id: "many", type: "multiple", prompt: "?", explanation: "both", choices: [{ text: "a", correct: true }, { text: "b" }, { text: "c", correct: true }] },
    { id: "tf", type: "truefalse", prompt: "?", explanation: "no", answer: false },
    { id: "sc", type: "scenario", situation: "A guest…", prompt: "?", explanation: "ask", choices: [{ text: "ask", correct: true }, { text: "guess" }] },
    { id: "five", type: "single", prompt: "?", explanation: "x", choices: [{ text: "a", correct: true }, { text: "b" }] },
  ],
};

describe("gradeAttempt", () => {
  it("scores all correct as 100 and passes", () => {
    const g = gradeAttempt(quiz, { one: [1], many: [2, 0], tf: false, sc: [0], five: [0] });
    expect(g).toMatchObject({ correctCount: 5, questionCount: 5, score: 100, passed: true });
  });

  it("needs every correct choice and no wrong one in a multiple-choice question", () => {
    expect(gradeAttempt(quiz, { many: [0] }).results[1]?.correct).toBe(false);
    expect(gradeAttempt(quiz, { many: [0, 1, 2] }).results[1]?.correct).toBe(false);
    expect(gradeAttempt(quiz, { many: [0, 2, 2] }).results[1]?.correct).toBe(true);
  });

  it("passes exactly at the pass mark and fails below it", () => {
    const fourOfFive = gradeAttempt(quiz, { one: [1], many: [0, 2], tf: false, sc: [0], five: [1] });
    expect(fourOfFive).toMatchObject({ score: 80, passed: true });
    const threeOfFive = gradeAttempt(quiz, { one: [1], many: [0, 2], tf: true, sc: [0], five: [1] });
    expect(threeOfFive).toMatchObject({ score: 60, passed: false });
  });

  it("treats a missing or mistyped answer as wrong and explains every question", () => {
    const g = gradeAttempt(quiz, { tf: [0], one: true });
    expect(g.correctCount).toBe(0);
    expect(g.results.map((r) => r.explanation)).toEqual(["because", "both", "no", "ask", "x"]);
    expect(g.results[0]?.expected).toEqual([1]);
  });
});

describe("readAnswers", () => {
  it("reads form fields and reports what was left unanswered", () => {
    const form = new FormData();
    form.append("q.one", "1");
    form.append("q.many", "0");
    form.append("q.many", "2");
    form.append("q.tf", "false");
    form.append("q.five", "7"); // out of range: ignored
    const { answers, unanswered } = readAnswers(quiz, form);
    expect(answers).toEqual({ one: [1], many: [0, 2], tf: false });
    expect(unanswered).toEqual(["sc", "five"]);
  });

  it("keeps one choice for single-choice questions even if a client sends more", () => {
    const form = new FormData();
    form.append("q.one", "0");
    form.append("q.one", "1");
    expect(readAnswers(quiz, form).answers.one).toEqual([0]);
  });
});
