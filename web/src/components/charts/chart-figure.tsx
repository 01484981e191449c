import type { ReactNode } from 'react';

export interface Datum {
  label: string;
  value: number;
}

/**
 * A chart with its caption and the same numbers as a table (behind "Voir les données"),
 * so the figure says the same thing to a screen reader as to the eye.
 */
export function ChartFigure({
  caption,
  data,
  valueHeader,
  labelHeader,
  format,
  children,
}: {
  caption: string;
  data: readonly Datum[];
  labelHeader: string;
  valueHeader: string;
  format: (value: number) => string;
  children: ReactNode;
}) {
  return (
    <figure className="chart">
      <figcaption>{caption}</figcaption>
      {data.length === 0 ? <p className="empty">Aucune donnée pour ces filtres.</p> : children}
      {data.length > 0 && (
        <details className="chart-data">
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
                  <td className="num">{format(d.value)}</td>
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
