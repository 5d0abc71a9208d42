import { describe, expect, it } from "vitest";
import { courseTimeWarning, estimatedMinutes } from "./time-estimate";

describe("time estimates", () => {
  it("adds reading, quiz questions and practice paperwork", () => {
    expect(estimatedMinutes({ words: 600, quizItems: 4, practice: false })).toBe(7);
    expect(estimatedMinutes({ words: 400, quizItems: 0, practice: true })).toBe(7);
  });
  it("warns only beyond 15 % either way", () => {
    const lessons = [{ words: 1000, quizItems: 4, practice: false }, { words: 1000, quizItems: 0, practice: true }]; // 5+4 + 5+5 = 19
    expect(courseTimeWarning(19, lessons)).toBeNull();
    expect(courseTimeWarning(21, lessons)).toBeNull();
    expect(courseTimeWarning(23, lessons)).toMatch(/minutes: 23 is more than 15 % away from the estimate of 19/);
    expect(courseTimeWarning(15, lessons)).toMatch(/estimate of 19/);
  });
});
