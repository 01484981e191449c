import type { ReactNode } from 'react';
import styles from './two-columns.module.css';

/** Two panels side by side; one under the other on a narrow screen. */
export function TwoColumns({ children }: { children: ReactNode }) {
  return <div className={styles.columns}>{children}</div>;
}
