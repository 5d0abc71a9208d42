import { useFetcher } from "@remix-run/react";
import { useHydrated } from "~/components/use-hydrated";
import type { ChecklistProps } from "~/utils/lesson-segments";
import { useLesson, useLessonAction, type PracticeResult } from "./lesson-context";

function statusText(fetcher: { state: string; data?: PracticeResult }) {
  if (fetcher.state !== "idle") return "Saving…";
  if (!fetcher.data) return "";
  return fetcher.data.ok ? "Saved" : (fetcher.data.message ?? "Not saved. Please try again.");
}

/**
 * Steps a learner ticks off; every tick is saved for them (a "Save checklist" button without JavaScript). An island of
 * the lesson body: each step is HTML content:build rendered from the lesson's Markdown list (docs/decisions/015).
 */
export function Checklist({ title = "Checklist", index, steps }: ChecklistProps) {
  const ticked = new Set(useLesson().interactions.checklists[index] ?? []);
  const action = useLessonAction();
  const fetcher = useFetcher<PracticeResult>();
  const hydrated = useHydrated();
  const idPrefix = `checklist-${index}`;
  return (
    <fetcher.Form method="post" action={action} className="not-prose my-6 rounded-lg border border-slate-200 bg-white px-5 py-4">
      <input type="hidden" name="intent" value="checklist" />
      <input type="hidden" name="checklist" value={index} />
      <fieldset>
        <legend className="text-sm font-semibold uppercase tracking-wide text-slate-600">{title}</legend>
        <ul className="mt-2 space-y-2">
          {steps.map((step, i) => (
            <li key={i} className="flex items-start gap-3">
              <input
                type="checkbox"
                id={`${idPrefix}-${i}`}
                name="items"
                value={i}
                defaultChecked={ticked.has(i)}
                onChange={(event) => event.currentTarget.form && fetcher.submit(event.currentTarget.form, { method: "post", action })}
                className="mt-1 h-4 w-4 shrink-0"
              />
              {/* eslint-disable-next-line jsx-a11y/label-has-associated-control -- its text is the step, as HTML */}
              <label htmlFor={`${idPrefix}-${i}`} dangerouslySetInnerHTML={{ __html: step }} />
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="mt-3 flex items-center gap-3 text-sm">
        {hydrated ? null : (
          <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 font-semibold text-slate-800 hover:bg-slate-50">
            Save checklist
          </button>
        )}
        <span role="status" className="text-slate-600">
          {statusText(fetcher)}
        </span>
      </div>
    </fetcher.Form>
  );
}
