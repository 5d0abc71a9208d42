import { Form, useNavigation } from "@remix-run/react";
import type { LessonPage } from "~/.server/progress/lesson-view";

export type QuizPanelData = NonNullable<LessonPage["quiz"]>;
type Question = QuizPanelData["questions"][number];
type Result = NonNullable<QuizPanelData["lastResult"]>["questions"][number];

function choiceLabels(q: Question): { value: string; label: string }[] {
  if (q.type === "truefalse") return [{ value: "true", label: "True" }, { value: "false", label: "False" }];
  return q.choices.map((c) => ({ value: String(c.index), label: c.text }));
}

function isGiven(result: Result | undefined, value: string) {
  if (!result || result.given === null) return false;
  return typeof result.given === "boolean" ? String(result.given) === value : result.given.includes(Number(value));
}

function isExpected(result: Result | undefined, value: string) {
  if (!result || result.expected === null) return false;
  return typeof result.expected === "boolean" ? String(result.expected) === value : result.expected.includes(Number(value));
}

function QuestionBlock({ q, n, result, disabled }: { q: Question; n: number; result?: Result; disabled: boolean }) {
  const multiple = q.type === "multiple";
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-4" aria-describedby={result ? `explain-${q.id}` : undefined}>
      <legend className="px-1 font-semibold">
        Question {n}
        {multiple ? <span className="ml-2 text-sm font-normal text-slate-500">(choose all that apply)</span> : null}
      </legend>
      {q.type === "scenario" ? <p className="mb-2 rounded bg-slate-50 p-3 text-slate-700">{q.situation}</p> : null}
      <p className="mb-3">{q.prompt}</p>
      <div className="space-y-2">
        {choiceLabels(q).map((c) => {
          const expected = isExpected(result, c.value);
          return (
            <label key={c.value} className={`flex cursor-pointer items-start gap-3 rounded-md border px-3 py-2 ${expected ? "border-green-600 bg-green-50" : "border-slate-200 hover:bg-slate-50"}`}>
              <input
                type={multiple ? "checkbox" : "radio"}
                name={`q.${q.id}`}
                value={c.value}
                defaultChecked={isGiven(result, c.value)}
                disabled={disabled}
                className="mt-1"
              />
              <span>
                {c.label}
                {expected ? <span className="ml-2 text-sm font-semibold text-green-800">(correct answer)</span> : null}
              </span>
            </label>
          );
        })}
      </div>
      {result ? (
        <div id={`explain-${q.id}`} className={`mt-3 rounded-md px-3 py-2 text-sm ${result.correct ? "bg-green-50 text-green-900" : "bg-red-50 text-red-900"}`}>
          <strong>{result.correct ? "Correct." : "Not quite."}</strong> {result.explanation}
        </div>
      ) : null}
    </fieldset>
  );
}

/** The lesson's quiz: questions from the server without keys; grading happens in the route's action. */
export function QuizPanel({ quiz, error }: { quiz: QuizPanelData; error?: string | null }) {
  const navigation = useNavigation();
  const submitting = navigation.state !== "idle" && navigation.formData?.get("intent") === "submit-quiz";
  const last = quiz.lastResult;
  const canTry = quiz.attemptsLeft > 0;
  const resultsById = new Map(last?.questions.map((r) => [r.id, r]));
  const showForm = canTry && !quiz.passed;
  return (
    <section id="quiz" aria-labelledby="quiz-heading" className="not-prose mt-10 rounded-xl border border-slate-200 bg-slate-50 p-5">
      <h2 id="quiz-heading" className="text-xl font-bold">
        Check your understanding
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Pass mark {quiz.passMark}% · {quiz.attemptsLeft} of {quiz.attemptLimit} attempts left
        {quiz.bestScore !== null ? ` · best score ${quiz.bestScore}%` : ""}
      </p>
      {last ? (
        <div role="status" className={`mt-4 rounded-lg border px-4 py-3 ${last.passed ? "border-green-300 bg-green-50 text-green-900" : "border-amber-300 bg-amber-50 text-amber-900"}`}>
          <p className="font-semibold">
            Attempt {last.attemptNumber}: {last.score}% — {last.passed ? "passed" : `not passed (you need ${quiz.passMark}%)`}
          </p>
          <p className="text-sm">
            {last.passed
              ? "Well done. This lesson is complete."
              : canTry
                ? "Read the explanations below, then try again."
                : "You have used every attempt. Your manager or HR can help you with the next step."}
          </p>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
          {error}
        </p>
      ) : null}
      {showForm || last ? (
        <Form method="post" preventScrollReset className="mt-4 space-y-4">
          <input type="hidden" name="intent" value="submit-quiz" />
          <input type="hidden" name="attempt" value={quiz.nextAttemptNumber} />
          {quiz.questions.map((q, i) => (
            <QuestionBlock key={`${q.id}-${last?.attemptNumber ?? 0}`} q={q} n={i + 1} result={resultsById.get(q.id)} disabled={!showForm || submitting} />
          ))}
          {showForm ? (
            <button type="submit" disabled={submitting} className="rounded-md bg-brand-600 px-5 py-2.5 font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
              {submitting ? "Grading…" : last ? `Submit attempt ${quiz.nextAttemptNumber}` : "Submit answers"}
            </button>
          ) : null}
        </Form>
      ) : null}
    </section>
  );
}
