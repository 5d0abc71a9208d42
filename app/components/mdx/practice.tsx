import { Form, useNavigation } from "@remix-run/react";
import type { LessonPractice } from "~/.server/practice/submissions";
import { formatDate } from "~/utils/format";
import type { PracticeProps } from "~/utils/lesson-segments";
import { useLesson } from "./lesson-context";

type Submission = LessonPractice["submissions"][number];

const statusLabel: Record<string, string> = { WAITING: "Waiting for sign-off", SIGNED_OFF: "Signed off", RETURNED: "Returned with notes" };

function SubmissionEntry({ s, criteria }: { s: Submission; criteria: string[] }) {
  const tone =
    s.status === "SIGNED_OFF" ? "border-green-300 bg-green-50" : s.status === "RETURNED" ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white";
  return (
    <li className={`rounded-lg border px-4 py-3 text-sm ${tone}`}>
      <p className="font-semibold">
        {statusLabel[s.status] ?? s.status}
        {s.reviewedAt ? ` by ${s.reviewerName ?? "a reviewer"} on ${formatDate(s.reviewedAt)}` : ` since ${formatDate(s.submittedAt)}`}
      </p>
      {s.note ? <p className="mt-1 whitespace-pre-line text-slate-700">Your note: {s.note}</p> : null}
      {s.link ? (
        <p className="mt-1">
          <a href={s.link} rel="noopener noreferrer" className="text-brand-700 underline">
            Your link
          </a>
        </p>
      ) : null}
      {s.comment ? (
        <p className="mt-2 whitespace-pre-line">
          {s.status === "RETURNED" ? "What to work on" : "Comment"}: {s.comment}
        </p>
      ) : null}
      {s.reviewedAt ? (
        <p className="mt-1 text-slate-600">
          Criteria seen: {s.criteriaMet.length} of {criteria.length}
          {s.criteriaMet.length
            ? ` (${s.criteriaMet
                .map((i) => criteria[i])
                .filter(Boolean)
                .join("; ")})`
            : ""}
        </p>
      ) : null}
    </li>
  );
}

function ReadyForm({ practice, again }: { practice: LessonPractice; again: boolean }) {
  const busy = useNavigation().formData?.get("intent") === "practice-submit";
  const { evidence } = practice.task;
  return (
    <Form method="post" preventScrollReset className="mt-4 space-y-3">
      <input type="hidden" name="intent" value="practice-submit" />
      {evidence !== "none" ? (
        <div>
          <label htmlFor="practice-note" className="block text-sm font-medium">
            What you did (for your observer)
          </label>
          <textarea id="practice-note" name="note" rows={3} maxLength={1000} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
        </div>
      ) : null}
      {evidence === "note-and-link" ? (
        <div>
          <label htmlFor="practice-link" className="block text-sm font-medium">
            Link to the note or ticket (optional)
          </label>
          <input
            id="practice-link"
            name="link"
            type="url"
            maxLength={500}
            placeholder="https://"
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
          />
        </div>
      ) : null}
      <button type="submit" disabled={busy} className="rounded-md bg-brand-600 px-5 py-2.5 font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
        {again ? "Ready for observation again" : "Ready for observation"}
      </button>
    </Form>
  );
}

/**
 * A task done at work and signed off by an observer (the learner's manager, or HR). The lesson completes when it
 * is signed off; a returned task comes back with notes and can be submitted again. An island of the lesson body:
 * `html` is the task's text as content:build rendered it; the criteria come from the server's copy of the task,
 * so the learner and the observer see the same list.
 */
export function Practice({ title, html }: PracticeProps) {
  const { practice, quizError } = useLesson();
  if (!practice) return null;
  const latest = practice.submissions[0];
  return (
    <section aria-labelledby="practice-heading" className="not-prose my-8 rounded-xl border border-brand-200 bg-white p-5 shadow-sm">
      <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">Practice at work · signed off by an observer</p>
      <h2 id="practice-heading" className="mt-1 text-xl font-bold">
        {title}
      </h2>
      <div className="prose prose-slate mt-2 max-w-none" dangerouslySetInnerHTML={{ __html: html }} />
      <h3 className="mt-4 font-semibold">What your observer checks</h3>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {practice.task.criteria.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <div role="status" className="mt-4">
        {latest?.status === "WAITING" ? (
          <p className="font-semibold text-slate-800">Waiting for sign-off since {formatDate(latest.submittedAt)}. Your manager has it in their list.</p>
        ) : null}
        {latest?.status === "SIGNED_OFF" ? <p className="font-semibold text-green-800">✓ Signed off: this lesson is complete.</p> : null}
        {latest?.status === "RETURNED" ? (
          <p className="font-semibold text-amber-900">Returned with notes: read them below, try again, and mark it ready once more.</p>
        ) : null}
      </div>
      {quizError ? (
        <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-4 py-2 text-sm text-red-900">
          {quizError}
        </p>
      ) : null}
      {practice.canSubmit ? <ReadyForm practice={practice} again={latest?.status === "RETURNED"} /> : null}
      {practice.submissions.length ? (
        <>
          <h3 className="mt-6 font-semibold">Your submissions</h3>
          <ol className="mt-2 space-y-2">
            {practice.submissions.map((s) => (
              <SubmissionEntry key={s.id} s={s} criteria={practice.task.criteria} />
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
