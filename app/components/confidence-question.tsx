import { useFetcher } from "@remix-run/react";
import type { ConfidenceQuestion as Question } from "~/.server/feedback/confidence";
import type { LearnerFormResult } from "~/.server/feedback/respond";
import { NoScriptMarker, ScaleField, useThanksFor } from "~/components/learner-form";

const FORM = "confidence";
const intro = { BEFORE: "Before you start", AFTER: "Now that you have finished" } as const;

/**
 * The course's confidence question, asked before the learner starts and again once they finish, so the
 * course can show the confidence it adds. Renders nothing when no question is open.
 */
export function ConfidenceQuestion({ courseSlug, question }: { courseSlug: string; question: Question }) {
  const fetcher = useFetcher<LearnerFormResult>();
  const returned = useThanksFor(FORM);
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const errors = result && !result.ok ? result.errors : {};
  // Once answered, the question is gone from the page: the thanks takes its place.
  const thanked = (result?.ok === true || returned) && !question;
  return (
    <>
      <p role="status" className={thanked ? "mt-5 text-sm font-semibold text-green-800" : "sr-only"}>
        {thanked ? "Thanks — your answer is saved." : ""}
      </p>
      {question ? (
        <fetcher.Form id={FORM} method="post" action={`/learn/${courseSlug}/confidence`} className="mt-5 rounded-md border border-brand-100 bg-brand-50 p-4">
          <p className="mb-2 text-sm font-semibold uppercase tracking-wide text-brand-900">{intro[question.moment]}</p>
          <NoScriptMarker />
          <input type="hidden" name="moment" value={question.moment} />
          <ScaleField name="value" legend={question.question} low="not at all confident" high="fully confident" error={errors.value} />
          {errors.form ? (
            <p role="alert" className="mt-2 text-sm text-red-800">
              {errors.form}
            </p>
          ) : null}
          <button
            type="submit"
            disabled={fetcher.state !== "idle"}
            className="mt-3 rounded-md border border-brand-700 bg-white px-3 py-1.5 text-sm font-semibold text-brand-700 hover:bg-brand-100 disabled:opacity-60"
          >
            Save my answer
          </button>
        </fetcher.Form>
      ) : null}
    </>
  );
}
