import type { ReactNode } from 'react';
import { describeError } from '../lib/error-text.js';

/** An error in words, announced to screen readers as it appears. */
export function ErrorMessage({ error, title }: { error: unknown; title?: string }) {
  return (
    <div className="alert alert-error" role="alert">
      {title && <strong>{title} </strong>}
      {describeError(error)}
    </div>
  );
}

type Tone = 'info' | 'succes' | 'attention' | 'error';

export function Notice({ tone = 'info', children }: { tone?: Tone; children: ReactNode }) {
  return (
    <div className={`alert alert-${tone}`} role="status">
      {children}
    </div>
  );
}

export function Loading({ label = 'Chargement…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
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
