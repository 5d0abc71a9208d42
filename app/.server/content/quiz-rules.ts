import { itemsPerAttempt } from "../quiz/pass-mark";
import { QuizSchema, type Quiz } from "./schema";
import type { Problem } from "./mdx-rules";
import { readYamlWithLines } from "./yaml-lines";

/** Parse and check a quiz file, with the line of each problem. */
export function parseQuiz(source: string): { quiz: Quiz | null; problems: Problem[] } {
  const read = readYamlWithLines(source);
  if (!read.ok) return { quiz: null, problems: read.problems };
  const { lineOf } = read;
  const parsed = QuizSchema.safeParse(read.value);
  if (!parsed.success) {
    return {
      quiz: null,
      problems: parsed.error.issues.map((i) => ({
        line: lineOf(i.path),
        message: `${i.path.join(".") || "quiz"}: ${i.message}`,
      })),
    };
  }
  const problems: Problem[] = [];
  const ids = new Set<string>();
  parsed.data.questions.forEach((q, i) => {
    const line = lineOf(["questions", i]);
    if (ids.has(q.id)) problems.push({ line, message: `question id "${q.id}" is used twice` });
    ids.add(q.id);
    if (q.type === "truefalse") return;
    const correct = q.choices.filter((c) => c.correct).length;
    if ((q.type === "single" || q.type === "scenario") && correct !== 1) {
      problems.push({ line, message: `question "${q.id}" (${q.type}) needs exactly one correct choice, has ${correct}` });
    }
    if (q.type === "multiple" && correct < 1) {
      problems.push({ line, message: `question "${q.id}" has no correct answer` });
    }
  });
  problems.push(...poolProblems(parsed.data, lineOf), ...standardsProblems(parsed.data, lineOf));
  return { quiz: problems.length ? null : parsed.data, problems };
}

/** A pool must be able to fill every attempt, and every item must be askable. */
function poolProblems(quiz: Quiz, lineOf: (path: (string | number)[]) => number): Problem[] {
  const problems: Problem[] = [];
  if (quiz.draw !== undefined && quiz.groups) {
    problems.push({ line: lineOf(["draw"]), message: "use either draw (for the whole quiz) or groups (per tag), not both" });
  }
  if (quiz.draw !== undefined && quiz.draw > quiz.questions.length) {
    problems.push({ line: lineOf(["draw"]), message: `draw is ${quiz.draw} but the quiz has only ${quiz.questions.length} questions` });
  }
  if (!quiz.groups) return problems;
  const seen = new Set<string>();
  quiz.groups.forEach((g, i) => {
    const line = lineOf(["groups", i]);
    if (seen.has(g.tag)) problems.push({ line, message: `group "${g.tag}" is listed twice` });
    seen.add(g.tag);
    const tagged = quiz.questions.filter((q) => q.tag === g.tag).length;
    if (tagged < g.draw) problems.push({ line, message: `group "${g.tag}" draws ${g.draw} but only ${tagged} questions have tag: ${g.tag}` });
  });
  quiz.questions.forEach((q, i) => {
    if (q.tag === undefined || !seen.has(q.tag)) {
      problems.push({ line: lineOf(["questions", i]), message: `question "${q.id}" would never be asked: give it the tag of one of the groups (${[...seen].join(", ")})` });
    }
  });
  return problems;
}

/**
 * The library's item-writing standards that a machine can check: a pool holds at least twice the items one
 * attempt asks (so a retake asks other questions), and every option explains itself after submitting.
 */
function standardsProblems(quiz: Quiz, lineOf: (path: (string | number)[]) => number): Problem[] {
  const problems: Problem[] = [];
  const asked = itemsPerAttempt(quiz);
  if (quiz.questions.length < 2 * asked) {
    problems.push({ line: 1, message: `a quiz holds at least twice the items it asks: it asks ${asked} per attempt and holds ${quiz.questions.length}; add items or lower draw` });
  }
  quiz.questions.forEach((q, i) => {
    if (q.type === "truefalse") {
      if (!q.feedbackTrue || !q.feedbackFalse) problems.push({ line: lineOf(["questions", i]), message: `question "${q.id}" needs feedbackTrue and feedbackFalse` });
      return;
    }
    const missing = q.choices.flatMap((c, ci) => (c.feedback ? [] : [ci + 1]));
    if (missing.length) problems.push({ line: lineOf(["questions", i]), message: `question "${q.id}": every option needs feedback (missing on option ${missing.join(", ")})` });
  });
  return problems;
}
