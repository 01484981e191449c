import type { ReactNode } from 'react';
import u from '../../styles/utilities.module.css';
import styles from './chart.module.css';

export interface Datum {
  label: string;
  value: number;
}

/** What every chart is given: its caption, its points, and how to say them in words. */
export interface ChartProps {
  caption: string;
  data: readonly Datum[];
  format: (value: number) => string;
  labelHeader: string;
  valueHeader: string;
}

/**
 * A chart with its caption and the same numbers as a table (behind "Voir les données"),
 * so the figure says the same thing to a screen reader as to the eye. The drawing (the
 * children) goes in an SVG of that size, named by the caption and `summary`.
 */
export function ChartFigure({
  caption,
  data,
  valueHeader,
  labelHeader,
  format,
  width,
  height,
  summary,
  children,
}: ChartProps & { width: number; height: number; summary: string; children: ReactNode }) {
  return (
    <figure className={styles.chart}>
      <figcaption>{caption}</figcaption>
      {data.length === 0 ? (
        <p className={u.empty}>Aucune donnée pour ces filtres.</p>
      ) : (
        <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${caption}. ${summary}`}>
          {children}
        </svg>
      )}
      {data.length > 0 && (
        <details className={styles.data}>
          <summary>Voir les données</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">{labelHeader}</th>
                <th scope="col">{valueHeader}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((d) => (
                <tr key={d.label}>
                  <th scope="row">{d.label}</th>
                  <td className={u.num}>{format(d.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}

/** A round upper bound and evenly spaced ticks (1, 2 or 5 × 10^n) for an axis from 0. */
export function niceTicks(max: number, count = 4): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let t = 0; t < max + step; t += step) ticks.push(t);
  return ticks;
}
