import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { MyLessonFeedback } from "~/.server/feedback/lesson-feedback";
import type { LearnerFormResult } from "~/.server/feedback/respond";
import { NoScriptMarker, ScaleField, useThanksFor } from "~/components/learner-form";

type Props = { courseSlug: string; lessonSlug: string; /** lessonFeedbackFor(person, course, lesson) */ mine: MyLessonFeedback };

const FORM = "lesson-feedback";

/**
 * "Was this useful?" and "What would make it better?" at the end of a lesson, posted to the lesson's feedback
 * resource route: by fetcher, or as a plain form without JavaScript (then the page comes back saying thanks).
 */
export function LessonFeedbackForm(props: Props) {
  // One instance per lesson: moving to the next lesson starts with a fresh form.
  return <FeedbackFormFor key={`${props.courseSlug}/${props.lessonSlug}`} {...props} />;
}

function FeedbackFormFor({ courseSlug, lessonSlug, mine }: Props) {
  const fetcher = useFetcher<LearnerFormResult>();
  const form = useRef<HTMLFormElement>(null);
  const returned = useThanksFor(FORM);
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const errors = result && !result.ok ? result.errors : {};
  const sentAnonymously = result?.ok === true && result.anonymous;
  // An anonymous note cannot be edited later: clear the form so it is not sent twice by accident.
  useEffect(() => {
    if (sentAnonymously) form.current?.reset();
  }, [sentAnonymously]);
  const thanks = sentAnonymously ? "Thanks — your feedback was sent anonymously." : result?.ok || returned ? "Thanks — your feedback is saved." : null;
  return (
    <section id={FORM} aria-labelledby={`${FORM}-title`} className="mt-10 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id={`${FORM}-title`} className="text-lg font-semibold">
        Your feedback on this lesson
      </h2>
      {mine?.rating ? <p className="mt-1 text-sm text-slate-600">You rated this lesson {mine.rating} out of 5. Change your answer below if you like.</p> : null}
      <fetcher.Form ref={form} method="post" action={`/learn/${courseSlug}/${lessonSlug}/feedback`} className="mt-4 space-y-4">
        <NoScriptMarker />
        <ScaleField name="rating" legend="Was this useful?" low="not useful" high="very useful" defaultValue={mine?.rating} error={errors.rating} />
        <div>
          <label htmlFor={`${FORM}-comment`} className="block font-semibold text-slate-900">
            What would make it better? <span className="font-normal text-slate-600">(optional)</span>
          </label>
          <textarea
            id={`${FORM}-comment`}
            name="comment"
            rows={3}
            maxLength={1000}
            defaultValue={mine?.comment ?? ""}
            aria-describedby={errors.comment ? `${FORM}-comment-error` : `${FORM}-comment-hint`}
            aria-invalid={errors.comment ? true : undefined}
            className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2"
          />
          {errors.comment ? (
            <p id={`${FORM}-comment-error`} className="mt-1 text-sm text-red-800">
              {errors.comment}
            </p>
          ) : (
            <p id={`${FORM}-comment-hint`} className="mt-1 text-sm text-slate-600">
              Up to 1,000 characters. The course owner reads every comment.
            </p>
          )}
        </div>
        <div>
          <label className="flex items-start gap-2">
            <input type="checkbox" name="anonymous" value="on" className="mt-1" aria-describedby={`${FORM}-anonymous-hint`} />
            <span>Send anonymously</span>
          </label>
          <p id={`${FORM}-anonymous-hint`} className="ml-6 text-sm text-slate-600">
            Nothing links anonymous feedback to you, so it cannot replace what you sent before and any reply appears on the course page instead of on My
            learning.
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="submit"
            disabled={fetcher.state !== "idle"}
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
          >
            {fetcher.state !== "idle" ? "Sending…" : "Send feedback"}
          </button>
          <p role="status" className="text-sm font-semibold text-green-800">
            {thanks}
          </p>
        </div>
        {errors.form ? (
          <p role="alert" className="text-sm text-red-800">
            {errors.form}
          </p>
        ) : null}
      </fetcher.Form>
    </section>
  );
}
