import type { ReactNode } from "react";

/**
 * A list page's filters as a "Filters" disclosure: closed on a phone, so the results start near the top (the summary
 * says how many filters are on), and always open from 640 px up, where the summary is not shown (CSS only, so it
 * works before and without JavaScript).
 */
export function FilterPanel({ active, children }: { active: number; children: ReactNode }) {
  return (
    <details className="mb-6 rounded-lg border border-slate-200 bg-white sm:details-content:[content-visibility:visible] sm:details-content:block">
      <summary className="cursor-pointer px-4 py-3 text-sm font-semibold text-brand-700 sm:hidden">{active > 0 ? `Filters (${active} on)` : "Filters"}</summary>
      {/* On a phone every filter takes the full width, one under the other. */}
      <div className="border-t border-slate-200 p-4 sm:border-t-0 max-sm:[&_label]:w-full max-sm:[&_select]:w-full [&_select]:max-w-full">{children}</div>
    </details>
  );
}
