import { Panel } from '../../../components/panel.js';
import { ErrorMessage, Loading } from '../../../components/status.js';
import type { ActionKind } from '../../../lib/api-types.js';
import type { ActionRequest } from '../../../lib/use-operator-action.js';
import u from '../../../styles/utilities.module.css';
import type { Triaged } from '../utils/triage.js';
import { CommandesTable } from './commandes-table.js';

/** A titled list of commandes: its error, its loading, "nothing" in words, or the table. */
export function CommandesSection({
  id,
  title,
  caption,
  query,
  rows,
  loading,
  empty,
  ...table
}: {
  id: string;
  title: string;
  caption: string;
  query: { data: readonly unknown[] | undefined; error: unknown; loading: boolean };
  rows: readonly Triaged[];
  loading: string;
  empty: string;
  magasins: ReadonlyMap<number, string>;
  now: number;
  busy: ActionRequest | null;
  onAsk: (action: ActionKind, id: string) => void;
}) {
  return (
    <Panel aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {query.error !== undefined && <ErrorMessage error={query.error} />}
      {query.loading && <Loading label={loading} />}
      {query.data && rows.length === 0 && <p className={u.empty}>{empty}</p>}
      {rows.length > 0 && <CommandesTable caption={caption} rows={rows} {...table} />}
    </Panel>
  );
}
