import { describe, expect, it } from "vitest";
import type { AttemptSet } from "./snapshot";
import { readSubmission } from "./submission";

const opt = (source: number, correct = false) => ({ source, text: `option ${source}`, correct });
const set: AttemptSet = {
  passMark: 75,
  scoring: "all-or-nothing",
  items: [
    { id: "one", type: "single", prompt: "?", explanation: "x", options: [opt(2), opt(0, true), opt(1)] },
    { id: "many", type: "multiple", prompt: "?", explanation: "x", options: [opt(1, true), opt(0), opt(2, true)] },
  ],
};
const form = (fields: [string, string][]) => {
  const f = new FormData();
  f.set("intent", "submit-quiz");
  for (const [k, v] of fields) f.append(k, v);
  return f;
};

describe("readSubmission", () => {
  it("turns shown positions into source indexes", () => {
    expect(
      readSubmission(
        set,
        form([
          ["q.one", "1"],
          ["q.many", "0"],
          ["q.many", "2"],
        ]),
      ),
    ).toEqual({ kind: "answers", answers: { one: [0], many: [1, 2] } });
  });
  it("lists the questions left unanswered by number", () => {
    expect(readSubmission(set, form([["q.many", "0"]]))).toEqual({ kind: "incomplete", missing: [1] });
  });
  it.each([
    [
      "an item not drawn",
      [
        ["q.one", "0"],
        ["q.many", "0"],
        ["q.other", "1"],
      ],
      /not part of this attempt/,
    ],
    [
      "an option not shown",
      [
        ["q.one", "3"],
        ["q.many", "0"],
      ],
      /question 1 is not one of its options/,
    ],
    [
      "a value that is not a position",
      [
        ["q.one", "x"],
        ["q.many", "0"],
      ],
      /question 1 is not one of its options/,
    ],
    [
      "the same option twice",
      [
        ["q.one", "0"],
        ["q.many", "0"],
        ["q.many", "0"],
      ],
      /question 2 was sent twice/,
    ],
    [
      "two answers to a single-answer item",
      [
        ["q.one", "0"],
        ["q.one", "1"],
        ["q.many", "0"],
      ],
      /Question 1 takes one answer/,
    ],
  ] as const)("refuses %s", (_, fields, message) => {
    const outcome = readSubmission(set, form(fields.map(([k, v]) => [k, v])));
    expect(outcome.kind).toBe("tampered");
    expect(outcome.kind === "tampered" && outcome.message).toMatch(message);
  });
});
