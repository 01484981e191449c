import type { ReactNode } from 'react';
import { cx } from '../lib/cx.js';
import styles from './facts.module.css';

export interface Fact {
  label: string;
  value: ReactNode;
  /** On the value, e.g. `num`. */
  className?: string;
}

/** Labelled values (a total, a balance, a KPI) as a description list: each term, then its value. */
export function Facts({
  items,
  cards = false,
  className,
  itemClassName,
}: {
  items: readonly Fact[];
  /** Each fact in its own card, the cards side by side (a summary). */
  cards?: boolean;
  className?: string | undefined;
  itemClassName?: string;
}) {
  return (
    <dl className={cx(cards && styles.cards, className)}>
      {items.map((f) => (
        <div key={f.label} className={itemClassName}>
          <dt>{f.label}</dt>
          <dd className={f.className}>{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}
