import { useFetcher } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { useHydrated } from "~/components/use-hydrated";
import type { ScenarioChoice, ScenarioProps } from "~/utils/lesson-segments";
import { useLesson, useLessonAction, type PracticeResult } from "./lesson-context";

const verdict = (best: boolean | undefined) =>
  best ? { text: "The strongest choice", tone: "text-green-800" } : { text: "Not the strongest choice", tone: "text-amber-800" };

function Feedback({ choice }: { choice: ScenarioChoice }) {
  const { text, tone } = verdict(choice.best);
  return (
    <>
      <p className={`mt-2 text-sm font-semibold ${tone}`}>{text}</p>
      <p className="mt-1 text-sm text-slate-700">{choice.feedback}</p>
    </>
  );
}

function OtherOptions({ choices, id }: { choices: ScenarioChoice[]; id?: string }) {
  return (
    <ul id={id} className="mt-3 space-y-2">
      {choices.map((c) => (
        <li key={c.index} className="rounded-lg border border-slate-200 px-4 py-3">
          <p className="font-medium" dangerouslySetInnerHTML={{ __html: c.html }} />
          <Feedback choice={c} />
        </li>
      ))}
    </ul>
  );
}

/** After choosing: the learner's option and its feedback first; the others on request. */
function Outcome({ choices, chosen, focusOnShow }: { choices: ScenarioChoice[]; chosen: ScenarioChoice; focusOnShow: boolean }) {
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
        <p className="mt-1 font-medium" dangerouslySetInnerHTML={{ __html: chosen.html }} />
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
 * JavaScript. An island of the lesson body: its texts are HTML content:build rendered (docs/decisions/015).
 */
export function Scenario({ title, setting, index, situation, choices }: ScenarioProps) {
  const { interactions } = useLesson();
  const action = useLessonAction();
  const fetcher = useFetcher<PracticeResult>();
  const [submitted, setSubmitted] = useState(false);
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
      <div className="prose prose-slate mt-2 max-w-none" dangerouslySetInnerHTML={{ __html: situation }} />
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
                // eslint-disable-next-line jsx-a11y/label-has-associated-control -- its text is the option, as HTML
                <label key={c.index} className="flex cursor-pointer items-start gap-3 rounded-lg border border-slate-200 px-4 py-3 hover:bg-slate-50">
                  <input type="radio" name="choice" value={c.index} required className="mt-1" />
                  <span dangerouslySetInnerHTML={{ __html: c.html }} />
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
