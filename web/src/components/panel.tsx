import type { HTMLAttributes, ReactNode } from 'react';
import { cx } from '../lib/cx.js';
import styles from './panel.module.css';

/** A white card: one section of a page (name it with aria-labelledby or aria-label). */
export function Panel({ className, ...section }: HTMLAttributes<HTMLElement>) {
  return <section className={cx(styles.panel, className)} {...section} />;
}

/** A panel's heading row: its h2 on the left, a control on the right. */
export function PanelHead({ children }: { children: ReactNode }) {
  return <div className={styles.head}>{children}</div>;
}
