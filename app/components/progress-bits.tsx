const stateStyles = {
  not_started: { label: "Not started", className: "bg-slate-100 text-slate-700" },
  in_progress: { label: "In progress", className: "bg-amber-100 text-amber-900" },
  completed: { label: "Completed", className: "bg-green-100 text-green-900" },
} as const;

export type ProgressState = keyof typeof stateStyles;

export function StateBadge({ state }: { state: ProgressState }) {
  const s = stateStyles[state];
  return <span className={`inline-block shrink-0 rounded-full px-2.5 py-0.5 text-xs font-semibold whitespace-nowrap ${s.className}`}>{s.label}</span>;
}

/** A bar with the count written under it: "4 of 9 courses done". */
export function ProgressBar({ done, total, label, unit = "lessons" }: { done: number; total: number; label: string; unit?: "lessons" | "courses" }) {
  const pct = total === 0 ? 0 : Math.round((done / total) * 100);
  return (
    <div>
      <div
        className="h-2 overflow-hidden rounded-full bg-slate-200"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${done} of ${total} ${unit} done`}
      >
        <div className="h-full rounded-full bg-brand-600" style={{ width: `${pct}%` }} />
      </div>
      <p className="mt-1 text-xs text-slate-600">
        {done} of {total} {unit} done
      </p>
    </div>
  );
}

/** Links styled as buttons: one primary action per page, everything else secondary (outlined). */
export const linkButton = {
  primary: "inline-flex items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700",
  secondary:
    "inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50",
} as const;
