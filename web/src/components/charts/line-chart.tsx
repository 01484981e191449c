import { type ChartProps, ChartFigure, type Datum, niceTicks } from './chart-figure.js';
import styles from './chart.module.css';

const WIDTH = 1100;
const HEIGHT = 280;
const PAD = { top: 16, right: 24, bottom: 32, left: 80 };

/** Where each point and tick goes: x by rank, y from 0 to the top tick. */
function geometry(data: readonly Datum[]) {
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
  return { ticks, x, y, points, area };
}

function summaryOf(data: readonly Datum[], format: (value: number) => string): string {
  const first = data[0];
  const last = data[data.length - 1];
  if (!first || !last) return '';
  const max = format(Math.max(...data.map((d) => d.value)));
  return `${data.length} points, de ${first.label} (${format(first.value)}) à ${last.label} (${format(last.value)}), maximum ${max}`;
}

/** A trend over ordered points (e.g. days), drawn full width: line, area, dots, y axis from 0. */
export function LineChart({
  formatAxis,
  ...props
}: ChartProps & { formatAxis?: (value: number) => string }) {
  const { data, format } = props;
  const { ticks, x, y, points, area } = geometry(data);
  // At most ~8 x labels, always the first and the last.
  const every = Math.max(1, Math.ceil(data.length / 8));
  const labelled = (i: number): boolean =>
    (i % every === 0 && data.length - 1 - i >= every) || i === data.length - 1;
  return (
    <ChartFigure {...props} width={WIDTH} height={HEIGHT} summary={summaryOf(data, format)}>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(t)} y2={y(t)} className={styles.grid} />
          <text x={PAD.left - 8} y={y(t)} className={styles.axis} textAnchor="end">
            {(formatAxis ?? format)(t)}
          </text>
        </g>
      ))}
      {data.length > 1 && <path d={area} className={styles.area} />}
      {data.length > 1 && <polyline points={points.join(' ')} className={styles.line} />}
      {data.map((d, i) => (
        <g key={d.label}>
          <circle cx={x(i)} cy={y(d.value)} r={4} className={styles.dot}>
            <title>{`${d.label} : ${format(d.value)}`}</title>
          </circle>
          {labelled(i) && (
            <text x={x(i)} y={HEIGHT - 10} className={styles.axis} textAnchor="middle">
              {d.label}
            </text>
          )}
        </g>
      ))}
    </ChartFigure>
  );
}
