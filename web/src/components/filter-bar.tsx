import type { ReactNode } from 'react';
import styles from './filter-bar.module.css';

/** A row of filters above a list; they apply as they change, so it never submits. */
export function FilterBar({ label, children }: { label: string; children: ReactNode }) {
  return (
    <form className={styles.filters} aria-label={label} onSubmit={(e) => e.preventDefault()}>
      {children}
    </form>
  );
}
