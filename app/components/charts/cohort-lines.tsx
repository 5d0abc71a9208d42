import { AxisBottom, AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleLinear } from "@visx/scale";
import { LinePath } from "@visx/shape";
import { ChartFigure } from "./chart-figure";

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
    <ChartFigure
      title={title}
      legend={series.map((s, i) => ({ label: s.label, color: PALETTE[i % PALETTE.length]!, shape: "line" as const }))}
      table={{
        headers: ["Cohort", ...Array.from({ length: weeks + 1 }, (_, w) => `Week ${w}`)],
        rows: series.map((s) => ({
          label: s.label,
          cells: Array.from({ length: weeks + 1 }, (_, w) => {
            const p = s.points.find((pt) => pt.week === w);
            return p ? `${p.readyPercent}%` : "—";
          }),
        })),
      }}
    >
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" role="img" aria-label={`${title}: see the table below for the numbers`}>
        <Group left={margin.left} top={margin.top}>
          <AxisLeft
            scale={y}
            numTicks={5}
            tickFormat={(v) => `${v}%`}
            stroke="#94a3b8"
            tickStroke="#94a3b8"
            tickLabelProps={{ fill: "#475569", fontSize: 11 }}
          />
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
    </ChartFigure>
  );
}
