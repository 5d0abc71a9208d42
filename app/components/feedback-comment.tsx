import { Form, useActionData, useNavigation } from "@remix-run/react";
import type { FieldErrors } from "~/.server/forms/parse";
import type { FeedbackComment } from "~/.server/feedback/report";
import type { FeedbackStatus } from "~/.server/feedback/rules";
import { formatDate } from "~/utils/format";

export type AnswerActionData = { ok: true; feedbackId: string; message: string } | { ok: false; feedbackId: string; errors: FieldErrors };

export const statusLabel: Record<FeedbackStatus, string> = { NEW: "New", PLANNED: "Planned", CHANGED: "Changed", DECLINED: "Declined" };
const statusStyle: Record<FeedbackStatus, string> = {
  NEW: "bg-amber-100 text-amber-900",
  PLANNED: "bg-brand-50 text-brand-900",
  CHANGED: "bg-green-100 text-green-900",
  DECLINED: "bg-slate-200 text-slate-800",
};
const STATUSES = Object.keys(statusLabel) as FeedbackStatus[];

const input = "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2";

/** One learner comment on the Feedback page, with its status and the owner's reply form. Text shows as text. */
export function CommentCard({ comment: c }: { comment: FeedbackComment }) {
  const data = useActionData<AnswerActionData>();
  const mine = data?.feedbackId === c.id ? data : undefined;
  const errors = mine && !mine.ok ? mine.errors : {};
  const busy = useNavigation().formData?.get("feedbackId") === c.id;
  const id = (name: string) => `answer-${c.id}-${name}`;
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm">
          <span className="font-semibold">{c.author ?? "Anonymous"}</span>
          <span className="text-slate-600">
            {" "}
            on {c.lessonTitle} · {formatDate(c.createdAt)}
            {c.rating ? ` · rated ${c.rating} of 5` : ""}
          </span>
        </p>
        <span className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${statusStyle[c.status]}`}>{statusLabel[c.status]}</span>
      </div>
      <p className="mt-2 whitespace-pre-line">{c.comment}</p>
      {c.reply && c.repliedAt ? (
        <p className="mt-2 text-sm text-slate-600">
          Replied{c.repliedByName ? ` by ${c.repliedByName}` : ""} on {formatDate(c.repliedAt)}
        </p>
      ) : null}
      <Form method="post" preventScrollReset className="mt-3 grid gap-3 sm:grid-cols-[12rem_1fr_auto] sm:items-end">
        <input type="hidden" name="feedbackId" value={c.id} />
        <div>
          <label htmlFor={id("status")} className="block text-sm font-medium">
            Status
          </label>
          <select id={id("status")} name="status" defaultValue={c.status} className={input}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel[s]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={id("reply")} className="block text-sm font-medium">
            Reply {c.author ? "(the learner sees it on My learning when changed or declined)" : "(shown on the course page)"}
          </label>
          <textarea
            id={id("reply")}
            name="reply"
            rows={2}
            maxLength={1000}
            defaultValue={c.reply ?? ""}
            aria-invalid={errors.reply ? true : undefined}
            aria-describedby={errors.reply ? id("reply-error") : undefined}
            className={input}
          />
        </div>
        <button
          type="submit"
          disabled={busy}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
        >
          Save
        </button>
      </Form>
      {errors.reply ? (
        <p id={id("reply-error")} className="mt-1 text-sm text-red-800">
          {errors.reply}
        </p>
      ) : null}
      {errors.status ? <p className="mt-1 text-sm text-red-800">{errors.status}</p> : null}
      <p role="status" className="mt-1 text-sm text-green-800">
        {mine?.ok ? mine.message : ""}
      </p>
    </li>
  );
}
