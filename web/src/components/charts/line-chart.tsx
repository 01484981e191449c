import { ChartFigure, type Datum, niceTicks } from './chart-figure.js';

const WIDTH = 1100;
const HEIGHT = 280;
const PAD = { top: 16, right: 24, bottom: 32, left: 80 };

/** A trend over ordered points (e.g. days), drawn full width: line, area, dots, y axis from 0. */
export function LineChart({
  caption,
  data,
  format,
  formatAxis = format,
  labelHeader,
  valueHeader,
}: {
  caption: string;
  data: readonly Datum[];
  format: (value: number) => string;
  formatAxis?: (value: number) => string;
  labelHeader: string;
  valueHeader: string;
}) {
  const ticks = niceTicks(Math.max(...data.map((d) => d.value), 0));
  const top = ticks[ticks.length - 1] ?? 1;
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number): number =>
    PAD.left + (data.length <= 1 ? innerW / 2 : (i / (data.length - 1)) * innerW);
  const y = (v: number): number => PAD.top + innerH - (v / top) * innerH;
  const points = data.map((d, i) => `${x(i).toFixed(1)},${y(d.value).toFixed(1)}`);
  const baseline = y(0).toFixed(1);
  const area = `M${x(0).toFixed(1)},${baseline} L${points.join(' L')} L${x(data.length - 1).toFixed(1)},${baseline} Z`;
  // At most ~8 x labels, always the first and the last.
  const every = Math.max(1, Math.ceil(data.length / 8));
  const first = data[0];
  const last = data[data.length - 1];
  const summary =
    first && last
      ? `${data.length} points, de ${first.label} (${format(first.value)}) à ${last.label} (${format(last.value)}), maximum ${format(Math.max(...data.map((d) => d.value)))}`
      : '';
  return (
    <ChartFigure {...{ caption, data, format, labelHeader, valueHeader }}>
      <svg
        className="line-chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`${caption}. ${summary}`}
      >
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(t)} y2={y(t)} className="grid" />
            <text x={PAD.left - 8} y={y(t)} className="chart-axis" textAnchor="end">
              {formatAxis(t)}
            </text>
          </g>
        ))}
        {data.length > 1 && <path d={area} className="area" />}
        {data.length > 1 && <polyline points={points.join(' ')} className="line" />}
        {data.map((d, i) => (
          <g key={d.label}>
            <circle cx={x(i)} cy={y(d.value)} r={4} className="dot">
              <title>{`${d.label} : ${format(d.value)}`}</title>
            </circle>
            {((i % every === 0 && data.length - 1 - i >= every) || i === data.length - 1) && (
              <text x={x(i)} y={HEIGHT - 10} className="chart-axis" textAnchor="middle">
                {d.label}
              </text>
            )}
          </g>
        ))}
      </svg>
    </ChartFigure>
  );
}
