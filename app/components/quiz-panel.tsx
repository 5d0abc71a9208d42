import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { LessonQuiz } from "~/.server/quiz/standing";
import type { PublicItem, ReviewItem } from "~/.server/quiz/view";

export type QuizPanelData = LessonQuiz;

const button = "rounded-md bg-brand-600 px-5 py-2.5 font-semibold text-white hover:bg-brand-700 disabled:opacity-60";

/** One drawn question, options in the order the server stored for this attempt; values are positions. */
function QuestionField({ item, n, disabled }: { item: PublicItem; n: number; disabled: boolean }) {
  const multiple = item.type === "multiple";
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-4">
      <legend className="px-1 font-semibold">
        Question {n}
        {multiple ? <span className="ml-2 text-sm font-normal text-slate-600">(choose all that apply)</span> : null}
      </legend>
      {item.situation ? <p className="mb-2 rounded bg-slate-50 p-3 text-slate-700">{item.situation}</p> : null}
      <p className="mb-3">{item.prompt}</p>
      <div className="space-y-2">
        {item.options.map((o) => (
          <label key={o.position} className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-200 px-3 py-2 hover:bg-slate-50">
            <input type={multiple ? "checkbox" : "radio"} name={`q.${item.id}`} value={o.position} disabled={disabled} className="mt-1" />
            <span>{o.text}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function verdict(item: ReviewItem) {
  if (item.correct) return { label: "Correct.", tone: "bg-green-50 text-green-900" };
  if (item.credit > 0) return { label: `Partly right (${Math.round(item.credit * 100)} % of the marks).`, tone: "bg-amber-50 text-amber-900" };
  return { label: "Not quite.", tone: "bg-red-50 text-red-900" };
}

/** A submitted question: what the learner chose, the feedback on it, the explanation, and keys only when revealed. */
function ReviewedQuestion({ item, n }: { item: ReviewItem; n: number }) {
  const { label, tone } = verdict(item);
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4">
      <p className="font-semibold">Question {n}</p>
      {item.situation ? <p className="mt-1 rounded bg-slate-50 p-3 text-slate-700">{item.situation}</p> : null}
      <p className="mt-1">{item.prompt}</p>
      <ul className="mt-3 space-y-2">
        {item.options.map((o) => (
          <li
            key={o.position}
            className={`rounded-md border px-3 py-2 ${o.correct ? "border-green-600 bg-green-50" : o.chosen ? "border-slate-400 bg-slate-50" : "border-slate-200"}`}
          >
            <span>{o.text}</span>
            {o.chosen ? <span className="ml-2 text-sm font-semibold text-slate-700">(your answer)</span> : null}
            {o.correct ? <span className="ml-2 text-sm font-semibold text-green-800">(correct answer)</span> : null}
            {o.feedback ? <p className="mt-1 text-sm text-slate-700">{o.feedback}</p> : null}
          </li>
        ))}
      </ul>
      <p className={`mt-3 rounded-md px-3 py-2 text-sm ${tone}`}>
        <strong>{label}</strong> {item.explanation}
      </p>
    </li>
  );
}

function ResultSummary({ quiz, focusRef }: { quiz: QuizPanelData; focusRef: React.RefObject<HTMLDivElement> }) {
  const last = quiz.lastResult!;
  const next = last.passed
    ? "Well done. This lesson is complete."
    : quiz.open || quiz.canStart
      ? "Read the feedback below, then start another attempt when you are ready."
      : "Out of attempts — ask your manager. They or HR can allow another attempt.";
  return (
    <div
      ref={focusRef}
      tabIndex={-1}
      id="quiz-result"
      role="status"
      className={`mt-4 rounded-lg border px-4 py-3 outline-none focus:ring-2 focus:ring-brand-600 ${last.passed ? "border-green-300 bg-green-50 text-green-900" : "border-amber-300 bg-amber-50 text-amber-900"}`}
    >
      <p className="font-semibold">
        Attempt {last.attemptNumber}: {last.score}% — {last.passed ? "passed" : `not passed (you need ${last.passMark}%)`}
      </p>
      <p className="text-sm">{next}</p>
    </div>
  );
}

/**
 * The lesson's quiz. The server draws each attempt's questions and their order when the learner starts it;
 * this panel shows the attempt in progress, the review of the last submitted one, and what comes next.
 */
export function QuizPanel({ quiz, error }: { quiz: QuizPanelData; error?: string | null }) {
  const navigation = useNavigation();
  const actionData = useActionData<{ ok: boolean; kind?: string }>();
  const busy = navigation.state !== "idle" && String(navigation.formData?.get("intent") ?? "").endsWith("-quiz");
  const summaryRef = useRef<HTMLDivElement>(null);
  const attemptHeadingRef = useRef<HTMLHeadingElement>(null);
  const last = quiz.lastResult;

  // Keyboard and screen-reader users land on what just happened, not on the page body.
  useEffect(() => {
    if (actionData?.ok && actionData.kind === "graded") summaryRef.current?.focus();
    if (actionData?.ok && actionData.kind === "started") attemptHeadingRef.current?.focus();
  }, [actionData, last?.attemptNumber, quiz.open?.attemptNumber]);

  return (
    <section id="quiz" aria-labelledby="quiz-heading" className="not-prose mt-10 rounded-xl border border-slate-200 bg-slate-50 p-5">
      <h2 id="quiz-heading" className="text-xl font-bold">
        Check your understanding
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {quiz.itemsPerAttempt} questions per attempt · pass mark {quiz.passMark}% · {quiz.attemptsLeft} of {quiz.attemptLimit} attempts left
        {quiz.bestScore !== null ? ` · best score ${quiz.bestScore}%` : ""}
      </p>
      {quiz.granted && !quiz.passed ? (
        <p className="mt-1 text-sm text-slate-700">
          {quiz.granted.by} allowed you {quiz.granted.count} more {quiz.granted.count === 1 ? "attempt" : "attempts"}.
        </p>
      ) : null}
      {last ? <ResultSummary quiz={quiz} focusRef={summaryRef} /> : null}
      {error ? (
        <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
          {error}
        </p>
      ) : null}

      {quiz.open ? (
        <Form method="post" preventScrollReset className="mt-4 space-y-4" aria-labelledby="attempt-heading">
          <h3 id="attempt-heading" ref={attemptHeadingRef} tabIndex={-1} className="text-lg font-semibold outline-none">
            Attempt {quiz.open.attemptNumber}
          </h3>
          <input type="hidden" name="intent" value="submit-quiz" />
          <input type="hidden" name="attempt" value={quiz.open.attemptNumber} />
          {quiz.open.items.map((item, i) => (
            <QuestionField key={`${quiz.open!.attemptNumber}-${item.id}`} item={item} n={i + 1} disabled={busy} />
          ))}
          <button type="submit" disabled={busy} className={button}>
            {busy ? "Grading…" : `Submit attempt ${quiz.open.attemptNumber}`}
          </button>
        </Form>
      ) : quiz.canStart ? (
        <Form method="post" preventScrollReset className="mt-4">
          <input type="hidden" name="intent" value="start-quiz" />
          <input type="hidden" name="attempt" value={quiz.nextAttemptNumber} />
          <button type="submit" disabled={busy} className={button}>
            {last ? `Start attempt ${quiz.nextAttemptNumber}` : "Start the quiz"}
          </button>
        </Form>
      ) : quiz.outOfAttempts && !last ? (
        <p className="mt-4 font-semibold text-amber-900">Out of attempts — ask your manager.</p>
      ) : null}

      {last && !quiz.open ? (
        last.items ? (
          <section aria-label={`Your answers in attempt ${last.attemptNumber}`} className="mt-6">
            <h3 className="text-lg font-semibold">Your answers in attempt {last.attemptNumber}</h3>
            {!quiz.passed ? <p className="text-sm text-slate-600">The correct answers are shown once you pass.</p> : null}
            <ol className="mt-3 space-y-4">
              {last.items.map((item, i) => (
                <ReviewedQuestion key={item.id} item={item} n={i + 1} />
              ))}
            </ol>
          </section>
        ) : (
          <p className="mt-4 text-sm text-slate-600">The details of this attempt were not kept.</p>
        )
      ) : null}
    </section>
  );
}
