import { describe, expect, it } from "vitest";
import type { Question, Quiz } from "../content/schema";
import { buildAttemptSet, drawQuestions, seededRandom } from "./draw";

const item = (id: string, tag?: string, extra: Partial<Question> = {}): Question =>
  ({
    id,
    type: "single",
    prompt: `${id}?`,
    explanation: "x",
    tag,
    choices: [{ text: `${id} right`, correct: true }, { text: `${id} b` }, { text: `${id} c` }, { text: `${id} d` }],
    ...extra,
  }) as Question;

const pool: Quiz = { draw: 3, questions: ["a", "b", "c", "d", "e", "f"].map((id) => item(id)) };

describe("drawQuestions", () => {
  it("draws the quiz's number of items, never one twice, in the file's order", () => {
    for (let seed = 1; seed <= 50; seed++) {
      const ids = drawQuestions(pool, new Set(), seededRandom(seed)).map((q) => q.id);
      expect(ids).toHaveLength(3);
      expect(new Set(ids).size).toBe(3);
      expect([...ids].sort()).toEqual(ids);
    }
  });
  it("is reproducible from its randomness and varies between seeds", () => {
    const once = drawQuestions(pool, new Set(), seededRandom(7)).map((q) => q.id);
    expect(drawQuestions(pool, new Set(), seededRandom(7)).map((q) => q.id)).toEqual(once);
    const draws = new Set(
      Array.from({ length: 30 }, (_, s) =>
        drawQuestions(pool, new Set(), seededRandom(s))
          .map((q) => q.id)
          .join(),
      ),
    );
    expect(draws.size).toBeGreaterThan(5);
  });
  it("prefers items the learner has not seen, then fills up with seen ones", () => {
    for (let seed = 1; seed <= 30; seed++) {
      expect(drawQuestions(pool, new Set(["a", "b", "c"]), seededRandom(seed)).map((q) => q.id)).toEqual(["d", "e", "f"]);
      const ids = drawQuestions(pool, new Set(["a", "b", "c", "d", "e"]), seededRandom(seed)).map((q) => q.id);
      expect(ids).toContain("f");
      expect(ids).toHaveLength(3);
    }
  });
  it("draws per group", () => {
    const grouped: Quiz = {
      groups: [
        { tag: "scenario", draw: 2 },
        { tag: "knowledge", draw: 1 },
      ],
      questions: [item("s1", "scenario"), item("s2", "scenario"), item("s3", "scenario"), item("k1", "knowledge"), item("k2", "knowledge")],
    };
    for (let seed = 1; seed <= 30; seed++) {
      const ids = drawQuestions(grouped, new Set(), seededRandom(seed)).map((q) => q.id);
      expect(ids.filter((id) => id.startsWith("s"))).toHaveLength(2);
      expect(ids.filter((id) => id.startsWith("k"))).toHaveLength(1);
    }
  });
  it("asks every item when the quiz draws none", () => {
    expect(drawQuestions({ questions: pool.questions }, new Set(), seededRandom(1))).toHaveLength(6);
  });
});

describe("buildAttemptSet", () => {
  const quiz = {
    passMark: 75,
    scoring: "partial" as const,
    questions: [
      item("shuffled"),
      item("scale", undefined, { fixedOrder: true }),
      { id: "tf", type: "truefalse", prompt: "?", explanation: "x", answer: false, feedbackFalse: "Yes, false." } as Question,
    ],
  };
  it("shuffles options per attempt but keeps fixed-order items and true/false as written", () => {
    const orders = new Set<string>();
    for (let seed = 1; seed <= 30; seed++) {
      const set = buildAttemptSet(quiz, new Set(), seededRandom(seed));
      orders.add(set.items[0]!.options.map((o) => o.source).join());
      expect(set.items[1]!.options.map((o) => o.source)).toEqual([0, 1, 2, 3]);
      expect(set.items[2]!.options).toEqual([
        { source: 0, text: "True", correct: false, feedback: undefined },
        { source: 1, text: "False", correct: true, feedback: "Yes, false." },
      ]);
    }
    expect(orders.size).toBeGreaterThan(10);
  });
  it("keeps every option once with its key, and the pass mark and scoring it will be graded by", () => {
    const set = buildAttemptSet(quiz, new Set(), seededRandom(3));
    expect(set).toMatchObject({ passMark: 75, scoring: "partial" });
    const first = set.items[0]!;
    expect(first.options.map((o) => o.source).sort()).toEqual([0, 1, 2, 3]);
    expect(first.options.find((o) => o.correct)?.text).toBe("shuffled right");
  });
});
