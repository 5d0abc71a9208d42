import { describe, expect, it } from "vitest";
import type { AttemptItem } from "../quiz/snapshot";
import { fileItemsOf, pearson, quizItemStats, type FileItem, type ScoredAttempt } from "./item-stats";

/** A quiz file item; options as [text, correct] in file order. */
const fileItem = (id: string, type: FileItem["type"], prompt: string, options: [string, boolean][]): FileItem => ({
  id,
  type,
  prompt,
  options: options.map(([text, correct], source) => ({ source, text, correct })),
});
const file = [
  fileItem("q1", "single", "Q1?", [
    ["a1", true],
    ["b1", false],
    ["c1", false],
  ]),
  fileItem("q2", "truefalse", "Q2?", [
    ["True", true],
    ["False", false],
  ]),
  fileItem("q3", "multiple", "Q3?", [
    ["a3", true],
    ["b3", true],
    ["c3", false],
  ]),
];

/** The stored snapshot of a file item, its options shown in reverse order (statistics must not care). */
function shown(item: FileItem, prompt = item.prompt): AttemptItem {
  return { id: item.id, type: item.type, prompt, explanation: "Because.", options: [...item.options].reverse() };
}

let clock = 0;
/** One submitted attempt: per item, the chosen sources and the credit the grader gave. */
function attempt(personId: string, answers: Record<string, [number[], number]>, items: AttemptItem[] = file.map((f) => shown(f))): ScoredAttempt {
  const results = Object.entries(answers).map(([id, [chosen, credit]]) => ({ id, chosen, correct: credit === 1, credit }));
  const score = Math.round((100 * results.reduce((s, r) => s + r.credit, 0)) / results.length);
  clock += 1;
  return { personId, score, passed: score >= 60, submittedAt: new Date(clock * 1000), set: { passMark: 60, scoring: "partial", items }, results };
}

/*
 * Five attempts × three items, credits (q1, q2, q3):
 *   a1 p1: 1, 1, 1    (q1 A, q2 True, q3 A+B)     rest for q1 = 1     q2 = 1      q3 = 1
 *   a2 p2: 1, 0, .5   (q1 A, q2 False, q3 A)      rest for q1 = .25   q2 = .75    q3 = .5
 *   a3 p3: 0, 1, 1    (q1 B, q2 True, q3 A+B)     rest for q1 = 1     q2 = .5     q3 = .5
 *   a4 p4: 0, 0, 0    (q1 B, q2 False, q3 A+C)    rest for q1 = 0     q2 = 0      q3 = 0
 *   a5 p1: 1, 1, 0    (q1 A, q2 True, q3 blank)   rest for q1 = .5    q2 = .5     q3 = 1
 * Facility: q1 3/5 = .6; q2 3/5 = .6; q3 2.5/5 = .5.
 * Discrimination, r = Sxy / sqrt(Sxx Syy) with deviations from the means:
 *   q1: x mean .6, dx (.4 .4 -.6 -.6 .4); y mean .55, dy (.45 -.3 .45 -.55 -.05)
 *       Sxy = .18 - .12 - .27 + .33 - .02 = .10; Sxx = 1.2; Syy = .8;  r = .10 / sqrt(.96) = .10206
 *   q2: x mean .6, dx (.4 -.6 .4 -.6 .4); y mean .55, dy (.45 .2 -.05 -.55 -.05)
 *       Sxy = .18 - .12 - .02 + .33 - .02 = .35; Sxx = 1.2; Syy = .55; r = .35 / sqrt(.66) = .43082
 *   q3: x mean .5, dx (.5 0 .5 -.5 -.5); y mean .6, dy (.4 -.1 -.1 -.6 .4)
 *       Sxy = .2 + 0 - .05 + .3 - .2 = .25;  Sxx = 1;   Syy = .7;  r = .25 / sqrt(.7) = .29881
 * Options (share of the item's 5 responses): q1 A 3 (.6), B 2 (.4), C 0; q2 True 3, False 2;
 *   q3 A 4 (.8), B 2 (.4), C 1 (.2), one blank.
 * Scores 100, 50, 67, 0, 67 → mean 56.8; passed (60 %) a1, a3, a5 → pass rate .6; people 4.
 */
const fixture = [
  attempt("p1", { q1: [[0], 1], q2: [[0], 1], q3: [[0, 1], 1] }),
  attempt("p2", { q1: [[0], 1], q2: [[1], 0], q3: [[0], 0.5] }),
  attempt("p3", { q1: [[1], 0], q2: [[0], 1], q3: [[0, 1], 1] }),
  attempt("p4", { q1: [[1], 0], q2: [[1], 0], q3: [[0, 2], 0] }),
  attempt("p1", { q1: [[0], 1], q2: [[0], 1], q3: [[], 0] }),
];

describe("quiz item statistics against a hand-computed fixture", () => {
  const stats = quizItemStats(fixture, file);
  const item = (id: string) => stats.items.find((i) => i.id === id)!;

  it("summarises the quiz", () => {
    expect(stats).toMatchObject({ attempts: 5, people: 4, meanScore: 56.8, passRate: 0.6 });
  });

  it("computes facility and discrimination", () => {
    expect(item("q1").facility).toBeCloseTo(0.6, 10);
    expect(item("q2").facility).toBeCloseTo(0.6, 10);
    expect(item("q3").facility).toBeCloseTo(0.5, 10);
    expect(item("q1").discrimination).toBeCloseTo(0.10206, 5);
    expect(item("q2").discrimination).toBeCloseTo(0.43082, 5);
    expect(item("q3").discrimination).toBeCloseTo(0.29881, 5);
    expect(stats.items.map((i) => i.n)).toEqual([5, 5, 5]);
  });

  it("counts options by their place in the file, not the order shown", () => {
    const shares = (id: string) => item(id).options.map((o) => [o.label, o.text, o.correct, o.count, o.share]);
    expect(shares("q1")).toEqual([
      ["A", "a1", true, 3, 0.6],
      ["B", "b1", false, 2, 0.4],
      ["C", "c1", false, 0, 0],
    ]);
    expect(shares("q2")).toEqual([
      ["A", "True", true, 3, 0.6],
      ["B", "False", false, 2, 0.4],
    ]);
    expect(shares("q3")).toEqual([
      ["A", "a3", true, 4, 0.8],
      ["B", "b3", true, 2, 0.4],
      ["C", "c3", false, 1, 0.2],
    ]);
    expect(item("q3").blank).toBe(1);
  });

  it("says only that there are too few answers when n < 10", () => {
    expect(stats.items.map((i) => i.flags)).toEqual(Array(3).fill([{ kind: "too-few", message: "Too few answers to judge yet" }]));
  });
});

describe("items and options that left the quiz file", () => {
  it("keeps a retired item, labelled from its newest snapshot, after the file's items", () => {
    const old = {
      id: "gone",
      type: "single" as const,
      prompt: "Old wording?",
      explanation: "x",
      options: [
        { source: 0, text: "yes", correct: true },
        { source: 1, text: "no", correct: false },
      ],
    };
    const newer = { ...old, prompt: "New wording?" };
    const stats = quizItemStats(
      [attempt("p1", { q1: [[0], 1], gone: [[1], 0] }, [shown(file[0]!), old]), attempt("p2", { gone: [[0], 1] }, [newer])],
      file.slice(0, 1),
    );
    expect(stats.items.map((i) => [i.id, i.inQuiz, i.prompt, i.n])).toEqual([
      ["q1", true, "Q1?", 1],
      ["gone", false, "New wording?", 2],
    ]);
    expect(stats.items[1]!.options.map((o) => [o.label, o.text, o.count])).toEqual([
      ["A", "yes", 1],
      ["B", "no", 1],
    ]);
  });

  it("names the current file's wording, and shows a chosen option the file no longer has", () => {
    const stats = quizItemStats([attempt("p1", { q1: [[5], 0] }, [shown(file[0]!, "Old Q1?")])], file.slice(0, 1));
    expect(stats.items[0]!.prompt).toBe("Q1?");
    expect(stats.items[0]!.options.at(-1)).toMatchObject({ source: 5, label: "F", text: "An option no longer in the quiz", count: 1 });
  });

  it("lists a file item never asked with no figures", () => {
    const stats = quizItemStats([], file);
    expect(stats).toMatchObject({ attempts: 0, people: 0, meanScore: null, passRate: null });
    expect(stats.items[0]).toMatchObject({ n: 0, facility: null, discrimination: null });
    expect(stats.items[0]!.options[0]!.share).toBeNull();
  });
});

describe("discrimination is undefined rather than invented", () => {
  it("is null with fewer than two answers, or when the item or the rest does not vary", () => {
    expect(pearson([1], [0.5])).toBeNull();
    expect(pearson([1, 1, 1], [0, 0.5, 1])).toBeNull();
    expect(pearson([0, 1, 1], [0.5, 0.5, 0.5])).toBeNull();
    expect(pearson([0, 1], [0, 1])).toBeCloseTo(1, 10);
  });

  it("leaves out attempts that asked only this item (they have no rest)", () => {
    const stats = quizItemStats([attempt("p1", { q1: [[0], 1] }), attempt("p2", { q1: [[1], 0] })], file);
    expect(stats.items[0]).toMatchObject({ n: 2, facility: 0.5, discrimination: null });
  });
});

/**
 * n attempts of q1 (single) and q2 (true/false): `right` of them get q1 right, the rest choose `wrongPick`.
 * q2 credit follows `q2Right(i)` (by default the same as q1, so q1 discriminates well) and sets who the
 * strong learners are.
 */
function q1Attempts(n: number, right: number, opts: { wrongPick?: number; q2Right?: (i: number) => boolean } = {}) {
  const q2Right = opts.q2Right ?? ((i: number) => i < right);
  return Array.from({ length: n }, (_, i) => attempt(`p${i}`, { q1: i < right ? [[0], 1] : [[opts.wrongPick ?? 1], 0], q2: q2Right(i) ? [[0], 1] : [[1], 0] }));
}
const flagsOf = (attempts: ScoredAttempt[], id = "q1") =>
  quizItemStats(attempts, file)
    .items.find((i) => i.id === id)!
    .flags.map((f) => f.message);

describe("flags", () => {
  it("too few answers: below 10, and not from 10", () => {
    expect(flagsOf(q1Attempts(9, 5))).toEqual(["Too few answers to judge yet"]);
    expect(flagsOf(q1Attempts(10, 5))).not.toContain("Too few answers to judge yet");
  });

  it("almost everyone right: at 90 % and over, not at 80 %", () => {
    expect(flagsOf(q1Attempts(10, 9))).toContain("Almost everyone gets this right");
    expect(flagsOf(q1Attempts(10, 8))).not.toContain("Almost everyone gets this right");
  });

  it("most people wrong: under 30 %, not at 30 %", () => {
    expect(flagsOf(q1Attempts(10, 2))).toContain("Most people get this wrong — check the teaching or the key");
    expect(flagsOf(q1Attempts(10, 3))).not.toContain("Most people get this wrong — check the teaching or the key");
  });

  it("strong learners miss it: negative discrimination, not positive", () => {
    const miskeyed = "Strong learners miss this more than weak ones — check the key";
    // q1 right for the first 5; q2 right for the last 5, so the rest-of-attempt score runs the other way.
    expect(flagsOf(q1Attempts(10, 5, { q2Right: (i) => i >= 5 }))).toContain(miskeyed);
    expect(flagsOf(q1Attempts(10, 5, { q2Right: (i) => i < 5 }))).not.toContain(miskeyed);
  });

  it("a wrong option nobody (or under 5 %) picks may give the answer away", () => {
    // 10 answers: 5 right, 5 pick B, nobody picks C.
    expect(flagsOf(q1Attempts(10, 5))).toEqual(["Nobody picks option C — it may give the answer away"]);
    // 21 answers, one picks C: 1/21 = 4.8 %.
    const oneInTwentyOne = [...q1Attempts(20, 10), ...q1Attempts(1, 0, { wrongPick: 2 })];
    expect(flagsOf(oneInTwentyOne)).toEqual(["Hardly anyone picks option C (1 of 21) — it may give the answer away"]);
    // 20 answers, one picks C: exactly 5 %, not flagged; nor is B, picked by 9.
    expect(flagsOf([...q1Attempts(19, 10), ...q1Attempts(1, 0, { wrongPick: 2 })])).toEqual([]);
    // Never for a correct option, nor below 10 answers, nor for true/false.
    expect(flagsOf(q1Attempts(10, 0)).join()).not.toMatch(/option A/);
    expect(flagsOf(q1Attempts(9, 5)).join()).not.toMatch(/option C/);
    expect(flagsOf(q1Attempts(10, 10, { q2Right: () => true }), "q2")).toEqual(["Almost everyone gets this right"]);
  });
});

describe("fileItemsOf", () => {
  it("labels true/false as True (0) and False (1) and keeps the file's choice order", () => {
    const items = fileItemsOf([
      { id: "tf", type: "truefalse", prompt: "P", explanation: "E", answer: false },
      { id: "s", type: "single", prompt: "S", explanation: "E", choices: [{ text: "x" }, { text: "y", correct: true }] },
    ]);
    expect(items[0]!.options).toMatchObject([
      { source: 0, text: "True", correct: false },
      { source: 1, text: "False", correct: true },
    ]);
    expect(items[1]!.options).toMatchObject([
      { source: 0, text: "x", correct: false },
      { source: 1, text: "y", correct: true },
    ]);
  });
});
