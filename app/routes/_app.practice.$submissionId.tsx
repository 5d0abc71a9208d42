import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { invariantResponse } from "~/.server/http";
import { practiceReview, reviewPractice } from "~/.server/practice/submissions";
import { BackLink, PageHeader } from "~/components/ui";
import { formatDate } from "~/utils/format";
import { readForm } from "~/.server/forms/read";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.review.lesson.title ?? "Practice"} · Sign-off · Baton` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request, { role: ["MANAGER", "HR"] });
  // Someone else's team member, or one's own task, is indistinguishable from nothing: 404.
  const review = await practiceReview(viewer, params.submissionId ?? "");
  invariantResponse(review, "Not found");
  return { review, back: viewer.role === "HR" ? "/hr/signoffs" : "/team" };
}

const messages = {
  "signed-off": "Signed off. The lesson is complete for them.",
  returned: "Returned with your notes. They will see them on the lesson.",
  "already-reviewed": "This submission was already reviewed; nothing changed.",
} as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireUser(request, { role: ["MANAGER", "HR"] });
  const outcome = await reviewPractice(viewer, params.submissionId ?? "", await readForm(request));
  invariantResponse(outcome.kind !== "not-found", "Not found");
  if (outcome.kind === "invalid") return data({ ok: false as const, fieldErrors: outcome.fieldErrors }, { status: 400 });
  return { ok: true as const, message: messages[outcome.kind] };
}

export default function PracticeReview() {
  const { review, back } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const { submission, person, task } = review;
  const errors = result && !result.ok ? result.fieldErrors : {};
  const waiting = submission.status === "WAITING";
  return (
    <>
      <BackLink to={back}>To sign off</BackLink>
      <PageHeader title={`${task.title}`} description={`${person.name} · ${review.course.title} — ${review.lesson.title}`} />
      {result?.ok ? (
        <p role="status" className="mb-4 rounded-md border border-green-300 bg-green-50 px-4 py-2 text-green-900">
          {result.message}
        </p>
      ) : null}
      <section aria-labelledby="evidence-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="evidence-heading" className="font-semibold">
          What {person.name.split(" ")[0]} says they did
        </h2>
        <p className="text-sm text-slate-600">Submitted {formatDate(submission.submittedAt)}</p>
        <p className="mt-2 whitespace-pre-line">{submission.note || "No note."}</p>
        {submission.link ? (
          <p className="mt-2">
            <a href={submission.link} rel="noopener noreferrer" className="text-brand-700 underline">
              Their link
            </a>
          </p>
        ) : null}
      </section>
      {waiting ? (
        <Form method="post" className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-5">
          <fieldset aria-describedby={errors.criteria ? "criteria-error" : undefined}>
            <legend className="font-semibold">What you saw (tick each criterion met)</legend>
            <div className="mt-2 space-y-2">
              {task.criteria.map((c, i) => (
                <label key={c} className="flex items-start gap-3">
                  <input type="checkbox" name="criteria" value={i} className="mt-1" />
                  <span>{c}</span>
                </label>
              ))}
            </div>
            {errors.criteria ? (
              <p id="criteria-error" className="mt-1 text-sm text-red-800">
                {errors.criteria}
              </p>
            ) : null}
          </fieldset>
          <div>
            <label htmlFor="comment" className="block font-semibold">
              Comment (required to return it: what to work on)
            </label>
            <textarea
              id="comment"
              name="comment"
              rows={3}
              maxLength={1000}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
              aria-describedby={errors.comment ? "comment-error" : undefined}
            />
            {errors.comment ? (
              <p id="comment-error" className="mt-1 text-sm text-red-800">
                {errors.comment}
              </p>
            ) : null}
          </div>
          <div className="flex flex-wrap gap-3">
            <button
              type="submit"
              name="decision"
              value="sign-off"
              disabled={busy}
              className="rounded-md bg-green-700 px-4 py-2 font-semibold text-white hover:bg-green-800 disabled:opacity-60"
            >
              Sign off
            </button>
            <button
              type="submit"
              name="decision"
              value="return"
              disabled={busy}
              className="rounded-md border border-amber-600 bg-white px-4 py-2 font-semibold text-amber-900 hover:bg-amber-50 disabled:opacity-60"
            >
              Return with notes
            </button>
          </div>
        </Form>
      ) : (
        <p className="mt-6 rounded-md bg-slate-100 px-4 py-3">
          {submission.status === "SIGNED_OFF" ? "Signed off" : "Returned"} by {submission.reviewerName} on {formatDate(submission.reviewedAt)}
          {submission.comment ? `: ${submission.comment}` : "."}
        </p>
      )}
      {review.earlier.length ? (
        <section aria-labelledby="earlier-heading" className="mt-6">
          <h2 id="earlier-heading" className="font-semibold">
            Earlier submissions
          </h2>
          <ul className="mt-2 space-y-2 text-sm">
            {review.earlier.map((s) => (
              <li key={s.id} className="rounded-md border border-slate-200 bg-white px-4 py-2">
                {formatDate(s.submittedAt)}: {s.status === "SIGNED_OFF" ? "signed off" : s.status === "RETURNED" ? "returned" : "waiting"}
                {s.reviewerName ? ` by ${s.reviewerName}` : ""}
                {s.comment ? ` — ${s.comment}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
