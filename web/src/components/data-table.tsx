import type { ReactNode } from 'react';
import u from '../styles/utilities.module.css';
import styles from './data-table.module.css';

/** A column heading: its text, right-aligned for numbers, or read only to screen readers. */
export type Column = string | { label: string; num?: boolean; hidden?: boolean };

/** A captioned table (caption for screen readers) with its headings; rows are the children. */
export function DataTable({
  caption,
  columns,
  children,
}: {
  caption: string;
  columns: readonly Column[];
  children: ReactNode;
}) {
  return (
    <div className={styles.wrap}>
      <table>
        <caption className={u.visuallyHidden}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const col = typeof c === 'string' ? { label: c } : c;
              return (
                <th key={col.label} scope="col" className={col.num ? u.num : undefined}>
                  {col.hidden ? <span className={u.visuallyHidden}>{col.label}</span> : col.label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
