import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getMDXComponent } from "mdx-bundler/client/index.js";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { buildLibrary, compileLesson, courseVersion } from "./compile";

const COURSE = `---
title: Test course
summary: A course for tests.
audience: All new hires
minutes: 10
passMark: 80
attemptLimit: 3
owner: Tests
confidence: How confident are you?
order: 1
---

Welcome.
`;

const lesson = (completion: string, body = "Some **text**.\n\n<KeyIdea>Keep it.</KeyIdea>\n") => `---
title: A lesson
objectives:
  - Learn a thing
minutes: 5
completion: ${completion}
---

${body}`;

// Five items, so one slip still scores 80 % and the course's pass mark can be met without a perfect score.
// A pool as the library's standards want it: twice the items it draws, feedback on every option.
const QUIZ = `draw: 4
passMark: 75
questions:
${["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"]
  .map((id) => `  - id: ${id}
    type: single
    prompt: Which?
    choices:
      - text: This one
        correct: true
        feedback: Right.
      - text: That one
        feedback: Not that one.
    explanation: Because.
`)
  .join("")}`;

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function library(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), "baton-content-"));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    const full = join(root, "courses", path);
    mkdirSync(join(full, ".."), { recursive: true });
    writeFileSync(full, text);
  }
  return root;
}

async function check(files: Record<string, string>) {
  const contentDir = library(files);
  return buildLibrary({ contentDir, outDir: join(contentDir, "out"), checkOnly: true });
}

describe("content validation", () => {
  it("accepts a well-formed course and orders its lessons by number", async () => {
    const result = await check({
      "c/index.mdx": COURSE,
      "c/02-second.mdx": lesson("quiz", "Text.\n\n<Quiz />\n"),
      "c/02-second.quiz.yml": QUIZ,
      "c/01-first.mdx": lesson("view"),
    });
    expect(result.problems).toEqual([]);
    const course = result.catalog?.courses[0];
    expect(course?.lessons.map((l) => [l.slug, l.completion, l.quizInBody])).toEqual([
      ["first", "view", false],
      ["second", "quiz", true],
    ]);
    expect(course?.lessons[1]?.quiz?.passMark).toBe(75);
  });

  it("reports bad MDX with the file and line", async () => {
    const { problems } = await check({ "c/index.mdx": COURSE, "c/01-x.mdx": lesson("view", "Line one.\n\nA stray <3 breaks it.\n") });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: expect.stringContaining("01-x.mdx"), line: 11 });
  });

  it("reports an unknown component, naming it and the allowed ones", async () => {
    const { problems } = await check({ "c/index.mdx": COURSE, "c/01-x.mdx": lesson("view", "Hi.\n\n<Video src=\"a.mp4\" />\n") });
    expect(problems[0]?.message).toMatch(/unknown component <Video>.*KeyIdea/);
    expect(problems[0]?.line).toBe(11);
  });

  it("reports bad frontmatter on the line of the key", async () => {
    const { problems } = await check({ "c/index.mdx": COURSE, "c/01-x.mdx": lesson("watch") });
    expect(problems).toEqual([expect.objectContaining({ line: 6, message: expect.stringMatching(/completion/) })]);
  });

  it("refuses a quiz question without a correct answer", async () => {
    const noKey = QUIZ.replace("        correct: true\n", "");
    const { problems } = await check({ "c/index.mdx": COURSE, "c/01-q.mdx": lesson("quiz"), "c/01-q.quiz.yml": noKey });
    expect(problems).toEqual([expect.objectContaining({ file: expect.stringContaining("01-q.quiz.yml"), line: 4, message: expect.stringMatching(/exactly one correct/) })]);
  });

  it("refuses a quiz lesson with no quiz file and a quiz file with no lesson", async () => {
    const { problems } = await check({ "c/index.mdx": COURSE, "c/01-q.mdx": lesson("quiz"), "c/02-orphan.quiz.yml": QUIZ });
    const messages = problems.map((p) => p.message).join("\n");
    expect(messages).toMatch(/no 01-q\.quiz\.yml/);
    expect(messages).toMatch(/no lesson with the same name/);
  });

  it("refuses a scenario without exactly one best choice, and JavaScript expressions", async () => {
    const body = '<Scenario title="T">\nSituation.\n\n<Choice feedback="a">A</Choice>\n<Choice feedback="b">B</Choice>\n</Scenario>\n\nTotal: {1 + 1}\n';
    const { problems } = await check({ "c/index.mdx": COURSE, "c/01-s.mdx": lesson("view", body) });
    const messages = problems.map((p) => p.message);
    expect(messages).toContain("<Scenario> needs exactly one <Choice best>");
    expect(messages.some((m) => /curly braces/.test(m))).toBe(true);
  });

  it("refuses an author-written index and a checklist without a list", async () => {
    const body = [
      '<Scenario title="T" index="7">',
      "Situation.",
      "",
      '<Choice index="2" feedback="a">A</Choice>',
      '<Choice best feedback="b">B</Choice>',
      "</Scenario>",
      "",
      '<Checklist title="Steps">',
      "Just a paragraph.",
      "</Checklist>",
      "",
      '<Checklist title="Two lists">',
      "- a",
      "",
      "Between.",
      "",
      "- b",
      "</Checklist>",
      "",
    ].join("\n");
    const { problems } = await check({ "c/index.mdx": COURSE, "c/01-s.mdx": lesson("view", body) });
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [9, '<Scenario> gets its index from Baton; remove index="…"'],
      [12, '<Choice> gets its index from Baton; remove index="…"'],
      [16, "<Checklist> needs a Markdown list of the steps (lines starting with -)"],
      [20, "<Checklist> holds one Markdown list; split it into two checklists"],
    ]);
  });

  it("refuses an interactive component inside another element, on its line", async () => {
    const body = '<KeyIdea>\nThink first.\n\n<Reflection id="why" prompt="Why?" />\n</KeyIdea>\n\nTake the quiz: <Quiz />\n';
    const { problems } = await check({ "c/index.mdx": COURSE, "c/01-r.mdx": lesson("view", body) });
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [12, "<Reflection> goes on its own line at the top level of the lesson, not inside another element"],
      [15, "<Quiz> goes on its own line at the top level of the lesson, not inside another element"],
      [undefined, "<Quiz /> is only for lessons with completion: quiz"],
    ]);
  });

  it("refuses a course without a front file", async () => {
    const { problems } = await check({ "c/01-x.mdx": lesson("view") });
    expect(problems[0]?.message).toMatch(/index\.mdx/);
  });
});

const PRACTICE = [
  '<Scenario title="First">',
  "Situation.",
  "",
  '<Choice feedback="a">A</Choice>',
  '<Choice best feedback="b">B</Choice>',
  '<Choice feedback="c">C</Choice>',
  "</Scenario>",
  "",
  '<Checklist title="Steps">',
  "- one",
  "- two",
  "  - a detail of two, not a step",
  "</Checklist>",
  "",
  '<Scenario title="Second">',
  "Situation.",
  "",
  '<Choice best feedback="a">A</Choice>',
  '<Choice feedback="b">B</Choice>',
  "</Scenario>",
  "",
  '<Checklist title="More steps">',
  "- three",
  "</Checklist>",
  "",
].join("\n");

describe("numbering scenarios, choices and checklists", () => {
  it("counts each scenario's choices and each checklist's top-level items, in document order", async () => {
    const result = await check({ "c/index.mdx": COURSE, "c/01-p.mdx": lesson("view", PRACTICE), "c/02-plain.mdx": lesson("view") });
    expect(result.problems).toEqual([]);
    expect(result.catalog?.courses[0]?.lessons.map((l) => [l.scenarios, l.checklists])).toEqual([
      [[3, 2], [2, 1]],
      [[], []],
    ]);
  });

  it("hands every component its index as a prop", async () => {
    const { code } = await compileLesson(lesson("view", PRACTICE), null);
    const Content = getMDXComponent(code ?? "");
    const tag = (name: string) => (props: { index?: string; children?: ReactNode }) =>
      createElement("div", { "data-c": `${name}:${props.index}` }, props.children);
    const components = { Scenario: tag("scenario"), Choice: tag("choice"), Checklist: tag("checklist") };
    const html = renderToStaticMarkup(createElement(Content, { components }));
    expect([...html.matchAll(/data-c="([^"]+)"/g)].map((m) => m[1])).toEqual([
      "scenario:1",
      "choice:0",
      "choice:1",
      "choice:2",
      "checklist:1",
      "scenario:2",
      "choice:0",
      "choice:1",
      "checklist:2",
    ]);
  });
});

describe("course versions and the compile cache", () => {
  it("changes the version when any file changes, and only then", () => {
    const root = library({ "c/index.mdx": COURSE, "c/01-x.mdx": lesson("view") });
    const dir = join(root, "courses", "c");
    const v1 = courseVersion(dir);
    expect(courseVersion(dir)).toBe(v1);
    writeFileSync(join(dir, "01-x.mdx"), lesson("view", "Edited."));
    expect(courseVersion(dir)).not.toBe(v1);
  });

  it("compiles each lesson once and reuses the output while the source is unchanged", async () => {
    const contentDir = library({ "c/index.mdx": COURSE, "c/01-x.mdx": lesson("view", PRACTICE), "c/02-y.mdx": lesson("view", "Other.") });
    const outDir = join(contentDir, "out");
    const first = await buildLibrary({ contentDir, outDir });
    expect([first.compiled, first.cached]).toEqual([2, 0]);
    const second = await buildLibrary({ contentDir, outDir });
    expect([second.compiled, second.cached]).toEqual([0, 2]);
    expect(second.catalog?.courses[0]?.lessons.map((l) => l.checklists)).toEqual(first.catalog?.courses[0]?.lessons.map((l) => l.checklists));
    writeFileSync(join(contentDir, "courses", "c", "02-y.mdx"), lesson("view", "Changed."));
    const third = await buildLibrary({ contentDir, outDir });
    expect([third.compiled, third.cached]).toEqual([1, 1]);
    const catalog = JSON.parse(readFileSync(join(outDir, "catalog.json"), "utf8"));
    expect(catalog.courses[0].lessons).toHaveLength(2);
  });
});

describe("the course library in content/", () => {
  it("passes every check", async () => {
    const result = await buildLibrary({ contentDir: "content", outDir: ".cache/content", checkOnly: true });
    expect(result.problems).toEqual([]);
    const courses = result.catalog?.courses ?? [];
    expect(courses.length).toBeGreaterThanOrEqual(6);
    expect(courses.reduce((n, c) => n + c.lessons.length, 0)).toBeGreaterThanOrEqual(30);
  }, 60_000);
});

describe("library standards", () => {
  it("refuses a pool smaller than twice what it draws, and an option without feedback", async () => {
    const small = QUIZ.replace("draw: 4", "draw: 5");
    const { problems } = await check({ "c/index.mdx": COURSE, "c/01-first.mdx": lesson("view"), "c/02-second.mdx": lesson("quiz"), "c/02-second.quiz.yml": small });
    expect(problems.map((p) => p.message)).toContain("a quiz holds at least twice the items it asks: it asks 5 per attempt and holds 8; add items or lower draw");
    const silent = QUIZ.replace("        feedback: Not that one.\n", "");
    const second = await check({ "c/index.mdx": COURSE, "c/01-first.mdx": lesson("view"), "c/02-second.mdx": lesson("quiz"), "c/02-second.quiz.yml": silent });
    expect(second.problems.map((p) => p.message)).toContain('question "first": every option needs feedback (missing on option 2)');
  });
});

describe("what a course version records per lesson", () => {
  const build = async (files: Record<string, string>) => {
    const result = await check(files);
    expect(result.problems).toEqual([]);
    return result.catalog?.courses[0]?.lessons ?? [];
  };
  const QUIZ_LESSON = lesson("quiz", "Text.\n\n<Quiz />\n");

  it("hashes each lesson's files, and apart from them what decides a pass", async () => {
    const base = { "c/index.mdx": COURSE, "c/01-read.mdx": lesson("view"), "c/02-q.mdx": QUIZ_LESSON, "c/02-q.quiz.yml": QUIZ };
    const [read, quiz] = await build(base);
    expect(read?.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(read?.keyHash).toBeNull();
    expect(quiz?.keyHash).toMatch(/^[0-9a-f]{16}$/);

    // Rewording a prompt and a wrong option's feedback: a new hash, the same key.
    const [, reworded] = await build({ ...base, "c/02-q.quiz.yml": QUIZ.replace("prompt: Which?", "prompt: Which one?").replaceAll("Not that one.", "No.") });
    expect(reworded?.hash).not.toBe(quiz?.hash);
    expect(reworded?.keyHash).toBe(quiz?.keyHash);

    // Another right answer, or another pass mark: a new key.
    const swapped = QUIZ.replace("      - text: This one\n        correct: true\n", "      - text: This one\n").replace(
      "      - text: That one\n        feedback: Not that one.\n",
      "      - text: That one\n        correct: true\n        feedback: Not that one.\n",
    );
    const [, rekeyed] = await build({ ...base, "c/02-q.quiz.yml": swapped });
    expect(rekeyed?.keyHash).not.toBe(quiz?.keyHash);
    const [, stricter] = await build({ ...base, "c/02-q.quiz.yml": QUIZ.replace("passMark: 75", "passMark: 100") });
    expect(stricter?.keyHash).not.toBe(quiz?.keyHash);

    // Editing the reading lesson changes its hash only.
    const [edited, same] = await build({ ...base, "c/01-read.mdx": lesson("view", "Other words.") });
    expect(edited?.hash).not.toBe(read?.hash);
    expect(same?.hash).toBe(quiz?.hash);
  });

  it("keys a practice lesson by its criteria", async () => {
    const practice = (second: string) =>
      lesson("signoff", `Do it.\n\n<Practice title="Hand-off" evidence="note">\nAt work.\n\n<Criterion>Names the next step</Criterion>\n<Criterion>${second}</Criterion>\n</Practice>\n`);
    const [first] = await build({ "c/index.mdx": COURSE, "c/01-p.mdx": practice("Writes it down") });
    const [changed] = await build({ "c/index.mdx": COURSE, "c/01-p.mdx": practice("Says it aloud") });
    expect(first?.keyHash).toMatch(/^[0-9a-f]{16}$/);
    expect(changed?.keyHash).not.toBe(first?.keyHash);
  });

  it("collects declared changes from the front matter and changes.yml, oldest first", async () => {
    const declared = lesson("view").replace("completion: view\n", "completion: view\nchange:\n  on: 2026-12-03\n  material: true\n  note: New escalation step.\n");
    const changelog = "- lesson: first\n  on: 2026-11-20\n  material: false\n  note: Fixed a typo.\n";
    const [first, second] = await build({ "c/index.mdx": COURSE, "c/01-first.mdx": declared, "c/02-second.mdx": lesson("view"), "c/changes.yml": changelog });
    expect(first?.changes).toEqual([
      { on: "2026-11-20", material: false, note: "Fixed a typo." },
      { on: "2026-12-03", material: true, note: "New escalation step." },
    ]);
    expect(second?.changes).toEqual([]);
    expect(first).not.toHaveProperty("change");
  });

  it("refuses a changes.yml naming an unknown lesson or a day that does not exist, on the line", async () => {
    const changelog = ["- lesson: first", "  on: 2026-11-20", "  material: true", "  note: Fine.", "- lesson: fisrt", "  on: 2026-11-21", "  material: true", "  note: Typo in the slug.", ""].join("\n");
    const { problems } = await check({ "c/index.mdx": COURSE, "c/01-first.mdx": lesson("view"), "c/changes.yml": changelog });
    expect(problems).toEqual([expect.objectContaining({ file: expect.stringContaining("changes.yml"), line: 5, message: expect.stringContaining('no lesson "fisrt"') })]);
    const badDay = await check({ "c/index.mdx": COURSE, "c/01-first.mdx": lesson("view"), "c/changes.yml": "- lesson: first\n  on: 2026-02-30\n  material: true\n  note: No such day.\n" });
    expect(badDay.problems).toEqual([expect.objectContaining({ line: 2, message: expect.stringMatching(/on: write a real date/) })]);
  });

  it("refuses a front-matter change without material or with a bad date", async () => {
    const noVerdict = lesson("view").replace("completion: view\n", "completion: view\nchange:\n  on: 2026-12-03\n  note: Something.\n");
    const { problems } = await check({ "c/index.mdx": COURSE, "c/01-x.mdx": noVerdict });
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/change\.material: say material: true/)]);
    const badDate = lesson("view").replace("completion: view\n", "completion: view\nchange:\n  on: 3 Dec\n  material: true\n  note: Something.\n");
    const second = await check({ "c/index.mdx": COURSE, "c/01-x.mdx": badDate });
    expect(second.problems.map((p) => p.message)).toEqual([expect.stringMatching(/change\.on: write a real date/)]);
  });
});
