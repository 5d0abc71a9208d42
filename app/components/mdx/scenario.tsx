import { useFetcher } from "@remix-run/react";
import { Children, isValidElement, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useHydrated } from "~/components/use-hydrated";
import { useLesson, useLessonAction, type PracticeResult } from "./lesson-context";

/** One option of a scenario. Its Scenario renders it: `index` ("0", "1", …) is written by the content compiler. */
type ChoiceProps = { index: string; best?: boolean; feedback: string; children: ReactNode };

export function Choice(_: ChoiceProps) {
  return null;
}

const choiceProps = (node: ReactNode) => (isValidElement<ChoiceProps>(node) && node.type === Choice ? node.props : null);

/** The MDX children: the situation's paragraphs, then the <Choice> elements, whose props are all we need. */
function splitChildren(children: ReactNode) {
  const all = Children.toArray(children);
  return { situation: all.filter((c) => !choiceProps(c)), choices: all.flatMap((c) => choiceProps(c) ?? []) };
}

const verdict = (best: boolean | undefined) =>
  best ? { text: "The strongest choice", tone: "text-green-800" } : { text: "Not the strongest choice", tone: "text-amber-800" };

function Feedback({ choice }: { choice: ChoiceProps }) {
  const { text, tone } = verdict(choice.best);
  return (
    <>
      <p className={`mt-2 text-sm font-semibold ${tone}`}>{text}</p>
      <p className="mt-1 text-sm text-slate-700">{choice.feedback}</p>
    </>
  );
}

function OtherOptions({ choices, id }: { choices: ChoiceProps[]; id?: string }) {
  return (
    <ul id={id} className="mt-3 space-y-2">
      {choices.map((c) => (
        <li key={c.index} className="rounded-lg border border-slate-200 px-4 py-3">
          <p className="font-medium">{c.children}</p>
          <Feedback choice={c} />
        </li>
      ))}
    </ul>
  );
}

/** After choosing: the learner's option and its feedback first; the others on request. */
function Outcome({ choices, chosen, focusOnShow }: { choices: ChoiceProps[]; chosen: ChoiceProps; focusOnShow: boolean }) {
  const hydrated = useHydrated();
  const [showOthers, setShowOthers] = useState(false);
  const othersId = useId();
  const heading = useRef<HTMLParagraphElement>(null);
  const others = choices.filter((c) => c !== chosen);
  const label = "Show feedback on the other options";
  useEffect(() => {
    // The form that had focus is gone: carry focus to what replaced it.
    if (focusOnShow) heading.current?.focus();
  }, [focusOnShow]);
  return (
    <div className="mt-4">
      <div className="rounded-lg border border-brand-600 bg-brand-50 px-4 py-3">
        <p ref={heading} tabIndex={-1} className="text-xs font-semibold uppercase tracking-wide text-brand-700 outline-none">
          Your choice
        </p>
        <p className="mt-1 font-medium">{chosen.children}</p>
        <Feedback choice={chosen} />
      </div>
      {hydrated ? (
        <>
          <button
            type="button"
            aria-expanded={showOthers}
            aria-controls={othersId}
            onClick={() => setShowOthers((s) => !s)}
            className="mt-3 text-sm font-semibold text-brand-700 underline hover:text-brand-800"
          >
            {showOthers ? "Hide feedback on the other options" : label}
          </button>
          {showOthers ? <OtherOptions id={othersId} choices={others} /> : null}
        </>
      ) : (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm font-semibold text-brand-700 underline">{label}</summary>
          <OtherOptions choices={others} />
        </details>
      )}
    </div>
  );
}

/**
 * A situation and what you might do. The learner commits to one option first (saved, and shown again on
 * return); only then do they see its feedback, and the others' on request. Works as a plain form without
 * JavaScript.
 */
export function Scenario({ title, setting, index, children }: { title: string; setting?: string; index: string; children: ReactNode }) {
  const { interactions } = useLesson();
  const action = useLessonAction();
  const fetcher = useFetcher<PracticeResult>();
  const [submitted, setSubmitted] = useState(false);
  const { situation, choices } = splitChildren(children);
  const pending = fetcher.formData ? Number(fetcher.formData.get("choice")) : undefined;
  // The saved choice wins: the server keeps a learner's first choice.
  const chosenIndex = interactions.scenarios[index] ?? pending;
  const chosen = choices.find((c) => Number(c.index) === chosenIndex);
  const headingId = useId();
  return (
    <section className="not-prose my-8 rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby={headingId}>
      <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">Scenario{setting ? ` · ${setting}` : ""}</p>
      <h3 id={headingId} className="mt-1 text-lg font-semibold">
        {title}
      </h3>
      <div className="prose prose-slate mt-2 max-w-none">{situation}</div>
      {chosen ? (
        <Outcome choices={choices} chosen={chosen} focusOnShow={submitted} />
      ) : (
        <fetcher.Form method="post" action={action} onSubmit={() => setSubmitted(true)} className="mt-4">
          <input type="hidden" name="intent" value="scenario" />
          <input type="hidden" name="scenario" value={index} />
          <fieldset>
            <legend className="font-semibold">What would you do?</legend>
            <div className="mt-2 space-y-2">
              {choices.map((c) => (
                <label key={c.index} className="flex cursor-pointer items-start gap-3 rounded-lg border border-slate-200 px-4 py-3 hover:bg-slate-50">
                  <input type="radio" name="choice" value={c.index} required className="mt-1" />
                  <span>{c.children}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <button type="submit" className="mt-3 rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
            Choose this
          </button>
          {fetcher.data && !fetcher.data.ok ? (
            <p role="alert" className="mt-2 text-sm text-red-800">
              {fetcher.data.message}
            </p>
          ) : null}
        </fetcher.Form>
      )}
    </section>
  );
}
