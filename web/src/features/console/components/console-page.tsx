import { useState } from 'react';
import { OperatorActionDialogs } from '../../../components/operator-action-dialogs.js';
import { PageHeader } from '../../../components/page-header.js';
import { COMMANDE_SUBJECT } from '../../../lib/action-subject.js';
import { cx } from '../../../lib/cx.js';
import { formatTime } from '../../../lib/format.js';
import { useOperatorAction } from '../../../lib/use-operator-action.js';
import u from '../../../styles/utilities.module.css';
import { REFRESH_MS, useConsoleLists } from '../hooks/use-console-lists.js';
import { CommandesSection } from './commandes-section.js';
import { ConsoleFiltersForm, type ConsoleFilters, DEFAULT_FILTERS } from './console-filters.js';
import { EtatCounts } from './etat-counts.js';

const DESCRIPTION =
  'Suivez les sagas en cours, repérez celles qui bloquent, reprenez ou annulez celles qui attendent un opérateur.';

/** The operator's console: what to handle now, the counts by état, the latest commandes. */
export function ConsolePage() {
  const [filters, setFilters] = useState<ConsoleFilters>(DEFAULT_FILTERS);
  const lists = useConsoleLists(filters);
  const { recent, pending, listed, now } = lists;
  const op = useOperatorAction(COMMANDE_SUBJECT, lists.reload);
  const magasins = lists.magasins.data ?? [];
  const table = { magasins: lists.noms, now, busy: op.busy, onAsk: op.ask, seuilS: filters.seuilS };
  return (
    <>
      <PageHeader
        title="Console des commandes"
        description={DESCRIPTION}
        onRefresh={lists.reload}
      />
      <ConsoleFiltersForm value={filters} magasins={magasins} onChange={setFilters} />
      <p className={cx(u.muted, u.small)}>
        Actualisation automatique toutes les {REFRESH_MS / 1000} s
        {recent.data && ` · dernière à ${formatTime(new Date(now).toISOString()).slice(0, 8)}`}
      </p>
      <OperatorActionDialogs op={op} />
      <CommandesSection kind="a-traiter" query={pending} rows={lists.aTraiter} {...table} />
      {recent.data && (
        <EtatCounts
          counts={lists.counts}
          selected={filters.etat}
          total={recent.data.length}
          onSelect={(etat) => setFilters({ ...filters, etat })}
        />
      )}
      <CommandesSection kind="liste" query={listed} rows={lists.rows} {...table} />
    </>
  );
}
