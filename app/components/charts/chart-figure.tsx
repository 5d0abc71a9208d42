import type { ReactNode } from "react";

export type LegendItem = { label: string; color: string; shape: "box" | "line" };

/**
 * The frame every chart shares: a caption, a legend, the server-rendered SVG, and the same numbers as a
 * table (for screen readers, exact values, and anyone who would rather read than look).
 */
export function ChartFigure({
  title,
  legend,
  table,
  children,
}: {
  title: string;
  legend: LegendItem[];
  table: { headers: string[]; rows: { label: string; cells: (string | number)[] }[] };
  children: ReactNode;
}) {
  return (
    <figure className="min-w-0 rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="mb-2 font-semibold">{title}</figcaption>
      <ul className="mb-3 flex flex-wrap gap-4 text-xs" aria-hidden="true">
        {legend.map((item) => (
          <li key={item.label} className="flex items-center gap-1.5">
            <span className={item.shape === "box" ? "inline-block h-3 w-3 rounded-sm" : "inline-block h-0.5 w-4"} style={{ background: item.color }} />
            {item.label}
          </li>
        ))}
      </ul>
      {children}
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-brand-700">Show as a table</summary>
        {/* Focusable so keyboard users can scroll a table wider than the screen (WCAG 2.1.1). */}
        {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
        <div tabIndex={0} className="overflow-x-auto focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-700">
          <table className="mt-2 min-w-full text-left">
            <thead>
              <tr>
                {table.headers.map((h) => (
                  <th key={h} scope="col" className="py-1 pr-4">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r) => (
                <tr key={r.label} className="border-t border-slate-100">
                  <th scope="row" className="py-1 pr-4 font-medium">
                    {r.label}
                  </th>
                  {r.cells.map((c, i) => (
                    <td key={i} className="py-1 pr-4">
                      {c}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
