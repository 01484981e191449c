import type { ReactNode } from 'react';
import { Button } from './button.js';
import styles from './page-header.module.css';

/** The page's one h1; it receives focus after navigation so screen readers announce it. */
export function PageHeader({
  title,
  description,
  actions,
  onRefresh,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  /** Adds an "Actualiser" button that calls it. */
  onRefresh?: () => void;
}) {
  const refresh = onRefresh && <Button onClick={onRefresh}>Actualiser</Button>;
  return (
    <header className={styles.header}>
      <div>
        <h1 tabIndex={-1} id="page-title">
          {title}
        </h1>
        {description && <p className={styles.description}>{description}</p>}
      </div>
      {(actions || refresh) && (
        <div className={styles.actions}>
          {actions}
          {refresh}
        </div>
      )}
    </header>
  );
}
