import { Link } from "@remix-run/react";
import type { PersonReadinessDetail } from "~/.server/readiness/detail";
import { StateBadge } from "~/components/progress-bits";
import { formatDate } from "~/utils/format";
import { READINESS_STATES } from "~/utils/readiness-states";
import { stateColor, stateName, type State } from "./charts/readiness-colors";

export function ReadinessBadge({ state }: { state: State }) {
  return (
    <span className="inline-block rounded-full px-2.5 py-0.5 text-xs font-semibold text-white" style={{ background: stateColor[state] }}>
      {stateName[state]}
    </span>
  );
}

export function Reasons({ reasons, limit }: { reasons: string[]; limit?: number }) {
  if (reasons.length === 0) return null;
  const shown = limit ? reasons.slice(0, limit) : reasons;
  return (
    <ul className="mt-1 space-y-0.5 text-sm text-slate-700">
      {shown.map((r) => (
        <li key={r}>{r}</li>
      ))}
      {limit && reasons.length > limit ? <li className="text-slate-500">and {reasons.length - limit} more</li> : null}
    </ul>
  );
}

/**
 * Counts per state as tiles, most urgent first; with `hrefFor` each tile is a link that filters the list by its
 * state (the chosen one marked), and "People" clears the state. States nobody is in are left out.
 */
export function StateTiles({
  counts,
  hrefFor,
  current,
}: {
  counts: Record<State, number> & { total: number };
  hrefFor?: (s: State | null) => string;
  current?: State | null;
}) {
  const tile = (key: string, label: string, value: number, href: string | null, selected: boolean, color?: string) => (
    <li
      key={key}
      className={`rounded-lg border bg-white ${selected ? "border-slate-900 ring-2 ring-slate-900" : "border-slate-200"}`}
      style={color ? { borderTop: `4px solid ${color}` } : undefined}
    >
      {href ? (
        <Link
          to={href}
          aria-current={selected ? "true" : undefined}
          className="block p-4 hover:bg-slate-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-700"
        >
          <span className="block text-sm text-slate-600">{label}</span>
          <span className="block text-2xl font-bold">{value}</span>
        </Link>
      ) : (
        <div className="p-4">
          <span className="block text-sm text-slate-600">{label}</span>
          <span className="block text-2xl font-bold">{value}</span>
        </div>
      )}
    </li>
  );
  return (
    <ul aria-label="People by readiness state" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
      {tile("total", "People", counts.total, hrefFor ? hrefFor(null) : null, Boolean(hrefFor) && !current)}
      {READINESS_STATES.filter((s) => counts[s] > 0 || s === current).map((s) =>
        tile(s, stateName[s], counts[s], hrefFor ? hrefFor(s) : null, s === current, stateColor[s]),
      )}
    </ul>
  );
}

const completionLabel = { view: "read", acknowledge: "confirm", quiz: "pass quiz", signoff: "practice sign-off" } as const;

/** The drill-down: state and reasons, then every curriculum, course and lesson, with every quiz attempt. */
export function PersonReadinessView({ detail }: { detail: PersonReadinessDetail }) {
  const { person, readiness, curricula } = detail;
  return (
    <div className="space-y-6">
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <div className="flex flex-wrap items-center gap-3">
          <ReadinessBadge state={readiness.state} />
          {readiness.since ? <span className="text-sm text-slate-600">since {formatDate(readiness.since)}</span> : null}
        </div>
        <Reasons reasons={readiness.reasons} />
        <p className="mt-3 text-sm text-slate-600">
          {person.jobTitle ?? "—"} · {person.department ?? "No department"} · manager {person.managerName ?? "—"} · started {formatDate(person.startDate)}
          {readiness.lastActivity ? ` · last active ${formatDate(readiness.lastActivity)}` : " · no activity yet"}
        </p>
      </section>
      {curricula.length === 0 ? <p className="text-slate-600">No curriculum assigned.</p> : null}
      {curricula.map((c) => (
        <section key={c.id} aria-labelledby={`cur-${c.id}`}>
          <h2 id={`cur-${c.id}`} className="text-lg font-semibold">
            {c.name} <span className="text-sm font-normal text-slate-500">held since {formatDate(c.heldSince)}</span>
          </h2>
          <div className="mt-2 space-y-3">
            {c.courses.map((course) => (
              <details key={course.slug} className="rounded-lg border border-slate-200 bg-white" open={course.state !== "completed" && course.required}>
                <summary className="flex cursor-pointer flex-wrap items-center gap-3 px-4 py-3">
                  <span className="font-medium">{course.title}</span>
                  <StateBadge state={course.state} />
                  <span className="text-sm text-slate-600">
                    {course.completedCount} of {course.total} lessons · {course.required ? "required" : "optional"}
                    {course.dueDate ? ` · due ${formatDate(course.dueDate)}` : ""}
                  </span>
                  {course.waived ? <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-semibold text-slate-800">Waived</span> : null}
                  {course.overdue ? <span className="text-sm font-semibold text-red-700">Overdue</span> : null}
                </summary>
                <ol className="divide-y divide-slate-100 border-t border-slate-100 text-sm">
                  {course.lessons.map((l) => (
                    <li key={l.slug} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2">
                      <span>
                        {l.title} <span className="text-slate-500">({completionLabel[l.completion]})</span>
                      </span>
                      <span className="flex flex-wrap items-center gap-2">
                        {l.attemptLimit !== null && l.status !== "completed" && l.attempts.length >= l.attemptLimit ? (
                          <span className="text-xs font-semibold text-red-800">
                            Out of attempts ({l.attempts.length} of {l.attemptLimit})
                          </span>
                        ) : null}
                        {l.attempts.map((a) => (
                          <span
                            key={a.attemptNumber}
                            className={`rounded px-1.5 py-0.5 text-xs ${a.passed ? "bg-green-100 text-green-900" : "bg-amber-100 text-amber-900"}`}
                            title={`Attempt ${a.attemptNumber} on ${formatDate(a.submittedAt)}`}
                          >
                            #{a.attemptNumber}: {a.score}%
                          </span>
                        ))}
                        <StateBadge state={l.status} />
                        {l.completedAt ? <span className="text-xs text-slate-500">{formatDate(l.completedAt)}</span> : null}
                      </span>
                    </li>
                  ))}
                </ol>
              </details>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
