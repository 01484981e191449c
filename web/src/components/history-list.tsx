import type { ReactNode } from 'react';
import { formatDateTime } from '../lib/format.js';
import u from '../styles/utilities.module.css';
import styles from './history-list.module.css';
import { Panel } from './panel.js';

/** One recorded change: when, who, what it did and (optionally) what it was before. */
export interface HistoryItem {
  id: number;
  at: string;
  auteur: string;
  what: ReactNode;
  details?: ReactNode;
}

/** A record's changes, newest first, in a panel named by its heading. */
export function HistoryList({
  id,
  title,
  items,
  empty = 'Aucune modification enregistrée.',
}: {
  id: string;
  title: string;
  items: readonly HistoryItem[];
  empty?: string;
}) {
  return (
    <Panel aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {items.length === 0 ? (
        <p className={u.empty}>{empty}</p>
      ) : (
        <ol className={styles.list}>
          {items.map((item) => (
            <li key={item.id} className={styles.item}>
              <span className={styles.when}>
                <time dateTime={item.at}>{formatDateTime(item.at)}</time>
                <br />
                par <strong>{item.auteur}</strong>
              </span>
              <div>
                <p className={styles.what}>{item.what}</p>
                {item.details && <p className={styles.details}>{item.details}</p>}
              </div>
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
