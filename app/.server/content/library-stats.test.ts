import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { guessablePatterns, libraryStats } from "./library-stats";
import { parseQuiz } from "./quiz-rules";
import type { Question, Quiz } from "./schema";

const COURSES = join(process.cwd(), "content", "courses");

function libraryQuizzes(): Quiz[] {
  return readdirSync(COURSES).flatMap((course) =>
    readdirSync(join(COURSES, course))
      .filter((f) => f.endsWith(".quiz.yml"))
      .map((f) => {
        const { quiz, problems } = parseQuiz(readFileSync(join(COURSES, course, f), "utf8"));
        if (!quiz) throw new Error(`${course}/${f}: ${problems.map((p) => p.message).join("; ")}`);
        return quiz;
      }),
  );
}

const single = (right: string, ...wrong: string[]): Question => ({
  id: `q${right.length}`, type: "single", prompt: "?", explanation: "x",
  choices: [{ text: right, correct: true }, ...wrong.map((text) => ({ text }))],
});

describe("the quiz library cannot be passed by its shape", () => {
  it("keeps every threshold in content/README.md", () => {
    const stats = libraryStats(libraryQuizzes());
    expect(stats.items).toBeGreaterThan(0);
    expect(guessablePatterns(stats)).toEqual([]);
  });

  it("would catch a library where the longest option is right and every true/false is false", () => {
    const guessable: Quiz = {
      questions: [
        single("The long, careful and complete answer", "Short", "Brief"),
        single("Another long and well qualified answer", "No", "Maybe"),
        ...Array.from({ length: 4 }, (_, i): Question => ({ id: `tf${i}`, type: "truefalse", prompt: "?", explanation: "x", answer: false })),
      ],
    };
    const found = guessablePatterns(libraryStats([guessable]));
    expect(found.join("\n")).toMatch(/longest in 100 %/);
    expect(found.join("\n")).toMatch(/67 % of items are true\/false/);
    expect(found.join("\n")).toMatch(/0 % of true\/false items are "true"/);
    expect(found.join("\n")).toMatch(/0 % of items are applied scenarios/);
  });
});
