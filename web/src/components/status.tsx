import type { ReactNode } from 'react';
import { describeError } from '../lib/error-text.js';
import styles from './status.module.css';

export type Tone = 'info' | 'succes' | 'attention' | 'error';

/** A message box in one tone; role "status" is read politely, "alert" at once. */
export function Notice({
  tone = 'info',
  role = 'status',
  children,
}: {
  tone?: Tone;
  role?: 'status' | 'alert';
  children: ReactNode;
}) {
  return (
    <div className={styles.alert} data-tone={tone} role={role}>
      {children}
    </div>
  );
}

/** An error in words, announced to screen readers as it appears. */
export function ErrorMessage({ error, title }: { error: unknown; title?: string }) {
  return (
    <Notice tone="error" role="alert">
      {title && <strong>{title} </strong>}
      {describeError(error)}
    </Notice>
  );
}

/** A turning wheel, for the eye only (the text beside it says what is awaited). */
export const Spinner = () => <span className={styles.spinner} aria-hidden="true" />;

export function Loading({ label = 'Chargement…' }: { label?: string }) {
  return (
    <p className={styles.loading} role="status">
      <Spinner />
      {label}
    </p>
  );
}

/** One way to show a query: its error, its first load, or its content. */
export function QueryView<T>({
  query,
  label,
  children,
}: {
  query: { data: T | undefined; error: unknown; loading: boolean };
  label?: string;
  children: (data: T) => ReactNode;
}) {
  if (query.data !== undefined) {
    return (
      <>
        {query.error !== undefined && <ErrorMessage error={query.error} title="Actualisation :" />}
        {children(query.data)}
      </>
    );
  }
  if (query.error !== undefined) return <ErrorMessage error={query.error} />;
  return <Loading {...(label ? { label } : {})} />;
}
