const stateStyles = {
  not_started: { label: "Not started", className: "bg-slate-100 text-slate-700" },
  in_progress: { label: "In progress", className: "bg-amber-100 text-amber-900" },
  completed: { label: "Completed", className: "bg-green-100 text-green-900" },
} as const;

export type ProgressState = keyof typeof stateStyles;

export function StateBadge({ state }: { state: ProgressState }) {
  const s = stateStyles[state];
  return <span className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-semibold ${s.className}`}>{s.label}</span>;
}

export function ProgressBar({ done, total, label }: { done: number; total: number; label: string }) {
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
      >
        <div className="h-full rounded-full bg-brand-600" style={{ width: `${pct}%` }} />
      </div>
      <p className="mt-1 text-xs text-slate-600">
        {done} of {total} lessons done
      </p>
    </div>
  );
}
