import { AxisBottom, AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleLinear } from "@visx/scale";
import { LinePath } from "@visx/shape";

export type CohortSeries = { label: string; points: { week: number; readyPercent: number }[] };

const PALETTE = ["#1d5fd1", "#15803d", "#b45309", "#7c3aed", "#0f766e", "#be185d", "#475569", "#b91c1c"];

/** Share of each start cohort that was ready N weeks after starting: server-rendered SVG plus a table. */
export function CohortReadinessLines({ series, weeks, title }: { series: CohortSeries[]; weeks: number; title: string }) {
  const width = 720;
  const height = 280;
  const margin = { top: 16, right: 24, bottom: 40, left: 48 };
  const x = scaleLinear<number>({ domain: [0, weeks], range: [0, width - margin.left - margin.right] });
  const y = scaleLinear<number>({ domain: [0, 100], range: [height - margin.top - margin.bottom, 0] });
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="mb-2 font-semibold">{title}</figcaption>
      <ul className="mb-3 flex flex-wrap gap-4 text-xs" aria-hidden="true">
        {series.map((s, i) => (
          <li key={s.label} className="flex items-center gap-1.5">
            <span className="inline-block h-0.5 w-4" style={{ background: PALETTE[i % PALETTE.length] }} />
            {s.label}
          </li>
        ))}
      </ul>
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" role="img" aria-label={`${title}: see the table below for the numbers`}>
        <Group left={margin.left} top={margin.top}>
          <AxisLeft scale={y} numTicks={5} tickFormat={(v) => `${v}%`} stroke="#94a3b8" tickStroke="#94a3b8" tickLabelProps={{ fill: "#475569", fontSize: 11 }} />
          <AxisBottom
            top={height - margin.top - margin.bottom}
            scale={x}
            numTicks={Math.min(weeks, 10)}
            tickFormat={(v) => `wk ${v}`}
            stroke="#94a3b8"
            tickStroke="#94a3b8"
            tickLabelProps={{ fill: "#475569", fontSize: 11 }}
          />
          {series.map((s, i) => (
            <LinePath key={s.label} data={s.points} x={(p) => x(p.week)} y={(p) => y(p.readyPercent)} stroke={PALETTE[i % PALETTE.length]} strokeWidth={2.5} />
          ))}
        </Group>
      </svg>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-brand-700">Show as a table</summary>
        <table className="mt-2 min-w-full text-left">
          <thead>
            <tr>
              <th scope="col" className="py-1 pr-4">Cohort</th>
              {Array.from({ length: weeks + 1 }, (_, w) => (
                <th key={w} scope="col" className="py-1 pr-3">Week {w}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {series.map((s) => (
              <tr key={s.label} className="border-t border-slate-100">
                <th scope="row" className="py-1 pr-4 font-medium">{s.label}</th>
                {Array.from({ length: weeks + 1 }, (_, w) => {
                  const p = s.points.find((pt) => pt.week === w);
                  return <td key={w} className="py-1 pr-3">{p ? `${p.readyPercent}%` : "—"}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
