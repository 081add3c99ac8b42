import type { Protected } from '../../../platform/statistics/small-counts.ts';

// A grouped bar chart drawn on the server as SVG: no script, readable by screen readers through its
// title and description (role="img" makes its drawing presentational), and always paired with a table of the same numbers by the page. Values are
// written on the bars (not in a colour legend); a withheld value draws no bar and shows the mark.

export interface BarSeries {
  label: string;
  /** Presentation attribute, not inline style (the CSP forbids style attributes). */
  fill: string;
}

export interface BarGroup {
  label: string;
  values: readonly Protected[];
}

export interface BarChartProps {
  id: string;
  title: string;
  description: string;
  series: readonly BarSeries[];
  groups: readonly BarGroup[];
  formatValue: (value: number) => string;
  suppressedMark: string;
}

const WIDTH = 720;
const HEIGHT = 260;
const TOP = 34;
const BOTTOM = 40;
const LEFT = 8;

export function BarChart({ id, title, description, series, groups, formatValue, suppressedMark }: BarChartProps) {
  const max = Math.max(1, ...groups.flatMap((g) => g.values.map((v) => (v.suppressed ? 0 : v.value))));
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const groupWidth = (WIDTH - LEFT * 2) / Math.max(1, groups.length);
  const barWidth = Math.max(4, (groupWidth - 8) / Math.max(1, series.length));
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  return (
    <svg class="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT + 24}`} role="img" aria-labelledby={`${titleId} ${descId}`} width="100%">
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      {series.map((s, index) => (
        <g key={s.label}>
          <rect x={LEFT + index * 160} y={4} width={14} height={14} fill={s.fill} />
          <text x={LEFT + index * 160 + 20} y={16} font-size="14" fill="#0b0c0c">
            {s.label}
          </text>
        </g>
      ))}
      <line x1={LEFT} x2={WIDTH - LEFT} y1={TOP + plotHeight} y2={TOP + plotHeight} stroke="#505a5f" />
      {groups.map((group, g) => {
        const x0 = LEFT + g * groupWidth + 4;
        return (
          <g key={group.label}>
            {group.values.map((value, s) => {
              const x = x0 + s * barWidth;
              const height = value.suppressed ? 0 : (value.value / max) * (plotHeight - 14);
              const y = TOP + plotHeight - height;
              return (
                <g key={s}>
                  {height > 0 ? <rect x={x} y={y} width={barWidth - 2} height={height} fill={series[s]?.fill ?? '#1d4e89'} /> : null}
                  <text x={x + (barWidth - 2) / 2} y={y - 3} font-size="10" text-anchor="middle" fill="#0b0c0c">
                    {value.suppressed ? suppressedMark : formatValue(value.value)}
                  </text>
                </g>
              );
            })}
            <text x={x0 + (groupWidth - 8) / 2} y={TOP + plotHeight + 16} font-size="12" text-anchor="middle" fill="#0b0c0c">
              {group.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
