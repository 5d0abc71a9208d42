import { Form, useActionData, useNavigation } from "@remix-run/react";
import type { PersonReadinessDetail } from "~/.server/readiness/detail";
import type { OverrideKind } from "~/generated/prisma/enums";
import { formatDate } from "~/utils/format";

export type OverrideActionData = { ok: true; message: string } | { ok: false; intent: string; fieldErrors: Record<string, string> };

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2";
const submit = "rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60";

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="mt-1 text-sm text-red-800">
      {message}
    </p>
  ) : null;
}

/** One override form: a select, maybe an extra field, and the required reason. */
function OverrideForm({
  intent,
  title,
  help,
  select,
  extra,
}: {
  intent: string;
  title: string;
  help: string;
  select: { name: string; label: string; options: { value: string; label: string }[] };
  /** A second field some overrides need (how many attempts, the new date). */
  extra?: { name: string; label: string; input: React.InputHTMLAttributes<HTMLInputElement> };
}) {
  const data = useActionData<OverrideActionData>();
  const busy = useNavigation().formData?.get("intent") === intent;
  const errors = data && !data.ok && data.intent === intent ? data.fieldErrors : {};
  const id = (name: string) => `${intent}-${name}`;
  if (select.options.length === 0) return null;
  return (
    <Form method="post" className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby={id("title")}>
      <h3 id={id("title")} className="font-semibold">
        {title}
      </h3>
      <p className="text-sm text-slate-600">{help}</p>
      <input type="hidden" name="intent" value={intent} />
      {errors.form ? (
        <p role="alert" className="mt-2 text-sm text-red-800">
          {errors.form}
        </p>
      ) : null}
      <label htmlFor={id(select.name)} className="mt-3 block text-sm font-medium">
        {select.label}
      </label>
      <select id={id(select.name)} name={select.name} className={input} aria-describedby={errors[select.name] ? id(`${select.name}-error`) : undefined}>
        {select.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={id(`${select.name}-error`)} message={errors[select.name]} />
      {extra ? (
        <>
          <label htmlFor={id(extra.name)} className="mt-3 block text-sm font-medium">
            {extra.label}
          </label>
          <input
            id={id(extra.name)}
            name={extra.name}
            className={input}
            aria-describedby={errors[extra.name] ? id(`${extra.name}-error`) : undefined}
            {...extra.input}
          />
          <FieldError id={id(`${extra.name}-error`)} message={errors[extra.name]} />
        </>
      ) : null}
      <label htmlFor={id("reason")} className="mt-3 block text-sm font-medium">
        Reason (kept in the history)
      </label>
      <textarea id={id("reason")} name="reason" rows={2} maxLength={500} className={input} aria-describedby={errors.reason ? id("reason-error") : undefined} />
      <FieldError id={id("reason-error")} message={errors.reason} />
      <button type="submit" disabled={busy} className={`mt-3 ${submit}`}>
        {title}
      </button>
    </Form>
  );
}

const kindLabel: Record<OverrideKind, string> = { EXTRA_ATTEMPTS: "More attempts", DUE_DATE: "Due date extended", WAIVER: "Course waived" };

/**
 * What a manager (own team) or HR can do for someone who is stuck: allow more attempts on a quiz, extend a
 * course's due date, waive a required course. Each needs a reason and joins the person's history.
 */
export function OverridePanel({ detail }: { detail: PersonReadinessDetail }) {
  const data = useActionData<OverrideActionData>();
  const courses = [...new Map(detail.curricula.flatMap((c) => c.courses).map((c) => [c.slug, c])).values()];
  const open = courses.filter((c) => c.state !== "completed");
  const quizzes = open.flatMap((c) =>
    c.lessons
      .filter((l) => l.attemptLimit !== null && l.status !== "completed")
      .map((l) => ({ value: `${c.slug}/${l.slug}`, label: `${c.title} — ${l.title} (${l.attempts.length} of ${l.attemptLimit} attempts used)` })),
  );
  const courseOptions = (list: typeof courses) =>
    list.map((c) => ({ value: c.slug, label: `${c.title}${c.dueDate ? ` (due ${formatDate(c.dueDate)})` : ""}` }));
  const waivable = open.filter((c) => c.required && !c.waived);
  const first = detail.person.name.split(" ")[0];
  return (
    <section aria-labelledby="overrides-heading" className="space-y-3">
      <h2 id="overrides-heading" className="text-lg font-semibold">
        Help {first} move on
      </h2>
      {data?.ok ? (
        <p role="status" className="rounded-md border border-green-300 bg-green-50 px-4 py-2 text-green-900">
          {data.message}
        </p>
      ) : null}
      {quizzes.length + open.length === 0 ? <p className="text-sm text-slate-600">Nothing is open: there is nothing to change.</p> : null}
      <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
        <OverrideForm
          intent="grant-attempts"
          title="Allow more attempts"
          help="For a quiz they cannot pass within the attempts they had."
          select={{ name: "quiz", label: "Quiz", options: quizzes }}
          extra={{ name: "attempts", label: "How many more (1 to 5)", input: { type: "number", min: 1, max: 5, defaultValue: 1 } }}
        />
        <OverrideForm
          intent="extend-due"
          title="Extend the due date"
          help="One course, for this person only."
          select={{ name: "course", label: "Course", options: courseOptions(open) }}
          extra={{ name: "dueDate", label: "New due date", input: { type: "date" } }}
        />
        <OverrideForm
          intent="waive"
          title="Waive a required course"
          help="Counts as satisfied, and always shows as waived — never as passed."
          select={{ name: "course", label: "Course", options: courseOptions(waivable) }}
        />
      </div>
      <section aria-labelledby="override-history">
        <h3 id="override-history" className="mt-4 font-semibold">
          Exceptions made
        </h3>
        {detail.overrides.length === 0 ? (
          <p className="text-sm text-slate-600">None so far.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
            {detail.overrides.map((o) => (
              <li key={o.id} className="px-4 py-2">
                <p>
                  <strong>{kindLabel[o.kind]}</strong> · {o.courseTitle}
                  {o.lessonTitle ? ` — ${o.lessonTitle}` : ""}
                  {o.extraAttempts ? ` · +${o.extraAttempts}` : ""}
                  {o.dueDate ? ` · now due ${formatDate(o.dueDate)}` : ""}
                </p>
                <p className="text-slate-600">
                  {o.createdByName} on {formatDate(o.createdAt)}: {o.reason}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
