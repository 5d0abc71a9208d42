import { formatDate } from "~/utils/format";
import type { State } from "./charts/readiness-colors";
import { ReadinessBadge } from "./readiness";

export type TimelineEvent = { id: string; fromState: State | null; toState: State; at: Date | string; cause: string };

/** A person's readiness over time, newest first: each change of state with its date and what caused it. */
export function ReadinessTimeline({ events }: { events: TimelineEvent[] }) {
  return (
    <section aria-labelledby="timeline-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="timeline-heading" className="text-lg font-semibold">
        Readiness timeline
      </h2>
      {events.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No changes recorded yet.</p>
      ) : (
        <ol className="mt-3 space-y-3">
          {events.map((e) => (
            <li key={e.id} className="flex flex-wrap items-center gap-2 text-sm">
              <time dateTime={new Date(e.at).toISOString()} className="w-28 shrink-0 text-slate-600">
                {formatDate(e.at)}
              </time>
              {e.fromState ? (
                <>
                  <ReadinessBadge state={e.fromState} />
                  <span aria-label="became">→</span>
                </>
              ) : null}
              <ReadinessBadge state={e.toState} />
              <span className="text-slate-700">{e.cause}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
