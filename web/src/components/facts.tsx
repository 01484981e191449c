import type { ReactNode } from 'react';

export interface Fact {
  label: string;
  value: ReactNode;
  /** On the value, e.g. `num`. */
  className?: string;
}

/** Labelled values (a total, a balance, a KPI) as a description list: each term, then its value. */
export function Facts({
  items,
  className,
  itemClassName,
}: {
  items: readonly Fact[];
  className?: string | undefined;
  itemClassName?: string;
}) {
  return (
    <dl className={className}>
      {items.map((f) => (
        <div key={f.label} className={itemClassName}>
          <dt>{f.label}</dt>
          <dd className={f.className}>{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}
