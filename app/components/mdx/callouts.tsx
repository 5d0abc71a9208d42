import type { ReactNode } from "react";

export function KeyIdea({ title = "Key idea", children }: { title?: string; children: ReactNode }) {
  return (
    <aside className="not-prose my-6 rounded-lg border-l-4 border-brand-600 bg-brand-50 px-5 py-4" aria-label={title}>
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{title}</p>
      <div className="prose prose-slate mt-1 max-w-none">{children}</div>
    </aside>
  );
}

const calloutStyles = {
  tip: { box: "border-green-300 bg-green-50", label: "text-green-800", name: "Tip" },
  note: { box: "border-slate-300 bg-slate-50", label: "text-slate-700", name: "Note" },
  warning: { box: "border-amber-300 bg-amber-50", label: "text-amber-900", name: "Watch out" },
} as const;

export type CalloutType = keyof typeof calloutStyles;

export function Callout({ type = "note", title, children }: { type?: CalloutType; title?: string; children: ReactNode }) {
  const style = calloutStyles[type] ?? calloutStyles.note;
  return (
    <aside className={`not-prose my-6 rounded-lg border px-5 py-4 ${style.box}`} aria-label={title ?? style.name}>
      <p className={`text-sm font-semibold ${style.label}`}>{title ?? style.name}</p>
      <div className="prose prose-slate mt-1 max-w-none">{children}</div>
    </aside>
  );
}
