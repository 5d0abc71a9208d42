import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { BarStackHorizontal } from "@visx/shape";
import { ChartFigure } from "./chart-figure";
import { STATE_ORDER, stateColor, stateName, type State } from "./readiness-colors";

export type StackRow = { label: string } & Record<State, number>;

/**
 * Readiness by group as horizontal stacked bars. Plain SVG rendered on the server (no JavaScript needed),
 * with the same numbers in a table for screen readers and for reading exact values.
 */
export function ReadinessStackedBars({ rows, title }: { rows: StackRow[]; title: string }) {
  const width = 720;
  const labelWidth = 150;
  const barHeight = 26;
  const height = Math.max(rows.length * (barHeight + 10) + 20, 60);
  const max = Math.max(1, ...rows.map((r) => STATE_ORDER.reduce((n, s) => n + r[s], 0)));
  const x = scaleLinear<number>({ domain: [0, max], range: [0, width - labelWidth - 40] });
  const y = scaleBand<string>({ domain: rows.map((r) => r.label), range: [0, height - 20], padding: 0.25 });
  const color = (key: State) => stateColor[key];
  return (
    <ChartFigure
      title={title}
      legend={STATE_ORDER.map((s) => ({ label: stateName[s], color: stateColor[s], shape: "box" as const }))}
      table={{ headers: ["Group", ...STATE_ORDER.map((s) => stateName[s])], rows: rows.map((r) => ({ label: r.label, cells: STATE_ORDER.map((s) => r[s]) })) }}
    >
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" role="img" aria-label={`${title}: see the table below for the numbers`}>
        <Group left={labelWidth} top={10}>
          <BarStackHorizontal<StackRow, State> data={rows} keys={[...STATE_ORDER]} y={(d) => d.label} xScale={x} yScale={y} color={color}>
            {(stacks) =>
              stacks.map((stack) =>
                stack.bars.map((bar) =>
                  bar.width > 0 ? (
                    <rect key={`${stack.index}-${bar.index}`} x={bar.x} y={bar.y} width={bar.width} height={bar.height} fill={bar.color}>
                      <title>{`${bar.bar.data.label}: ${bar.bar.data[stack.key]} ${stateName[stack.key].toLowerCase()}`}</title>
                    </rect>
                  ) : null,
                ),
              )
            }
          </BarStackHorizontal>
          {rows.map((r) => (
            <text key={r.label} x={-8} y={(y(r.label) ?? 0) + y.bandwidth() / 2} textAnchor="end" dominantBaseline="middle" fontSize={13} fill="#334155">
              {r.label.length > 20 ? `${r.label.slice(0, 19)}…` : r.label}
            </text>
          ))}
        </Group>
      </svg>
    </ChartFigure>
  );
}
