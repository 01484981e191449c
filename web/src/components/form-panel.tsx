import type { ReactNode } from 'react';
import { Link } from '../lib/router.js';
import { Panel } from './panel.js';
import { Notice } from './status.js';

/** A form in its own panel, under its heading, with what the last submission did. */
export function FormPanel({
  id,
  title,
  done,
  children,
}: {
  id: string;
  title: string;
  /** The outcome of the last submission (a success in words, a link); null: none yet. */
  done: ReactNode;
  children: ReactNode;
}) {
  return (
    <Panel aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {done !== null && done !== undefined && done !== false && (
        <Notice tone="succes">{done}</Notice>
      )}
      {children}
    </Panel>
  );
}

/** "Produit « Thé » créé. Voir sa fiche": what a creation made, and where to go next. */
export const Created = ({ what, to, next }: { what: string; to: string; next: string }) => (
  <>
    {what} <Link to={to}>{next}</Link>
  </>
);
