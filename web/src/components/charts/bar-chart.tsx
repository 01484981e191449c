import { type ChartProps, ChartFigure } from './chart-figure.js';
import styles from './chart.module.css';

const WIDTH = 560;
const ROW = 34;
const LABEL_W = 190;
const VALUE_W = 100;

const clip = (text: string, max: number): string =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/** Horizontal bars, largest first as given; labels left, values at the end of each bar. */
export function BarChart(props: ChartProps) {
  const { data, format } = props;
  const max = Math.max(...data.map((d) => d.value), 1);
  const barSpace = WIDTH - LABEL_W - VALUE_W;
  const height = data.length * ROW + 8;
  const summary = data.map((d) => `${d.label} : ${format(d.value)}`).join(', ');
  return (
    <ChartFigure {...props} width={WIDTH} height={height} summary={summary}>
      {data.map((d, i) => {
        const y = i * ROW + 4;
        const w = Math.max((d.value / max) * barSpace, d.value > 0 ? 2 : 0);
        return (
          <g key={d.label}>
            <text x={LABEL_W - 10} y={y + ROW / 2} className={styles.label} textAnchor="end">
              {clip(d.label, 24)}
            </text>
            <rect x={LABEL_W} y={y + 5} width={w} height={ROW - 12} rx={4} className={styles.bar} />
            <text x={LABEL_W + w + 8} y={y + ROW / 2} className={styles.value}>
              {format(d.value)}
            </text>
          </g>
        );
      })}
    </ChartFigure>
  );
}
