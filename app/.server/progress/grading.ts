import type { Question, Quiz } from "../content/schema";

/** A learner's answers: choice indexes for choice questions, a boolean for true/false. */
export type Answers = Record<string, number[] | boolean>;

export type QuestionResult = {
  id: string;
  correct: boolean;
  /** What the right answer was: choice indexes, or the true/false value. Shown only after grading. */
  expected: number[] | boolean;
  given: number[] | boolean | null;
  explanation: string;
};

export type Grade = { correctCount: number; questionCount: number; score: number; passed: boolean; results: QuestionResult[] };

function expectedOf(q: Question): number[] | boolean {
  if (q.type === "truefalse") return q.answer;
  return q.choices.flatMap((c, i) => (c.correct ? [i] : []));
}

function isCorrect(expected: number[] | boolean, given: number[] | boolean | undefined): boolean {
  if (given === undefined) return false;
  if (typeof expected === "boolean") return given === expected;
  if (typeof given === "boolean") return false;
  const a = [...new Set(given)].sort((x, y) => x - y);
  return a.length === expected.length && a.every((v, i) => v === expected[i]);
}

/** Server-side grading: all-or-nothing per question, score as a whole percent, pass at the pass mark. */
export function gradeAttempt(quiz: Quiz & { passMark: number }, answers: Answers): Grade {
  const results = quiz.questions.map((q) => {
    const expected = expectedOf(q);
    const given = answers[q.id];
    return { id: q.id, correct: isCorrect(expected, given), expected, given: given ?? null, explanation: q.explanation };
  });
  const correctCount = results.filter((r) => r.correct).length;
  const questionCount = results.length;
  const score = questionCount === 0 ? 0 : Math.round((correctCount / questionCount) * 100);
  return { correctCount, questionCount, score, passed: score >= quiz.passMark, results };
}

/**
 * Read answers from a submitted form (`q.<id>` fields), keeping only what fits each question.
 * Returns the ids of questions left unanswered, so the learner can finish before anything is recorded.
 */
export function readAnswers(quiz: Quiz, form: FormData): { answers: Answers; unanswered: string[] } {
  const answers: Answers = {};
  const unanswered: string[] = [];
  for (const q of quiz.questions) {
    const raw = form.getAll(`q.${q.id}`).filter((v): v is string => typeof v === "string");
    if (q.type === "truefalse") {
      if (raw[0] === "true" || raw[0] === "false") answers[q.id] = raw[0] === "true";
      else unanswered.push(q.id);
      continue;
    }
    const picks = raw.map(Number).filter((n) => Number.isInteger(n) && n >= 0 && n < q.choices.length);
    const valid = q.type === "multiple" ? [...new Set(picks)] : picks.slice(0, 1);
    if (valid.length === 0) unanswered.push(q.id);
    else answers[q.id] = valid;
  }
  return { answers, unanswered };
}
