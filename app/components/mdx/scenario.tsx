import type { ReactNode } from "react";

/**
 * A situation and what you might do. Each choice opens its feedback (a <details>, so it works without
 * JavaScript and with the keyboard). Practice only: nothing here is graded or stored.
 */
export function Scenario({ title, setting, children }: { title: string; setting?: string; children: ReactNode }) {
  return (
    <section className="not-prose my-8 rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-label={`Scenario: ${title}`}>
      <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">Scenario{setting ? ` · ${setting}` : ""}</p>
      <h3 className="mt-1 text-lg font-semibold">{title}</h3>
      <div className="prose prose-slate mt-2 max-w-none [&>p:last-of-type]:mb-2">{children}</div>
      <p className="mt-2 text-sm text-slate-500">Pick what you would do, then read the feedback.</p>
    </section>
  );
}

export function Choice({ best, feedback, children }: { best?: boolean; feedback: string; children: ReactNode }) {
  return (
    <details className="group my-2 rounded-lg border border-slate-200 open:border-brand-600 open:bg-brand-50">
      <summary className="cursor-pointer list-none px-4 py-3 font-medium marker:hidden hover:bg-slate-50 group-open:hover:bg-brand-50">
        <span aria-hidden="true" className="mr-2 text-brand-700">▸</span>
        {children}
      </summary>
      <div className="px-4 pb-3 text-sm">
        <p className={`font-semibold ${best ? "text-green-800" : "text-amber-800"}`}>{best ? "The strongest choice" : "Worth rethinking"}</p>
        <p className="mt-1 text-slate-700">{feedback}</p>
      </div>
    </details>
  );
}
