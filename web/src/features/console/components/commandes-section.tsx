import { Panel } from '../../../components/panel.js';
import { ErrorMessage, Loading } from '../../../components/status.js';
import type { ActionKind } from '../../../lib/api-types.js';
import type { ActionRequest } from '../../../lib/use-operator-action.js';
import u from '../../../styles/utilities.module.css';
import type { Triaged } from '../utils/triage.js';
import { CommandesTable } from './commandes-table.js';

/** The console's two lists: what waits for someone, and the latest commandes. */
const SECTIONS = {
  'a-traiter': {
    title: 'À traiter',
    caption: 'Commandes à traiter',
    loading: 'Recherche des commandes à traiter…',
    empty: (seuilS: number) =>
      `Rien à traiter : aucune commande n’attend d’opérateur ni ne reste bloquée plus de ${seuilS} s.`,
  },
  liste: {
    title: 'Commandes',
    caption: 'Commandes',
    loading: 'Chargement des commandes…',
    empty: () => 'Aucune commande pour ces filtres.',
  },
} as const;

/** A titled list of commandes: its error, its loading, "nothing" in words, or the table. */
export function CommandesSection({
  kind,
  query,
  rows,
  seuilS,
  ...table
}: {
  kind: keyof typeof SECTIONS;
  query: { data: readonly unknown[] | undefined; error: unknown; loading: boolean };
  rows: readonly Triaged[];
  seuilS: number;
  magasins: ReadonlyMap<number, string>;
  now: number;
  busy: ActionRequest | null;
  onAsk: (action: ActionKind, id: string) => void;
}) {
  const text = SECTIONS[kind];
  const id = `${kind}-title`;
  return (
    <Panel aria-labelledby={id}>
      <h2 id={id}>{text.title}</h2>
      {query.error !== undefined && <ErrorMessage error={query.error} />}
      {query.loading && <Loading label={text.loading} />}
      {query.data && rows.length === 0 && <p className={u.empty}>{text.empty(seuilS)}</p>}
      {rows.length > 0 && <CommandesTable caption={text.caption} rows={rows} {...table} />}
    </Panel>
  );
}
