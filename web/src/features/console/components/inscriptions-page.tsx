import { useMemo, useState } from 'react';
import { buttonClass } from '../../../components/button.js';
import { FilterBar } from '../../../components/filter-bar.js';
import { OperatorActionDialogs } from '../../../components/operator-action-dialogs.js';
import { PageHeader } from '../../../components/page-header.js';
import { Panel } from '../../../components/panel.js';
import { QueryView } from '../../../components/status.js';
import { INSCRIPTION_ETAT_LABELS } from '../../../lib/inscription-labels.js';
import { type EtatInscription, INSCRIPTION_FACTS } from '../../../lib/inscription-table.js';
import { paths } from '../../../lib/paths.js';
import { Link } from '../../../lib/router.js';
import { useOperatorAction } from '../../../lib/use-operator-action.js';
import { useQuery } from '../../../lib/use-query.js';
import u from '../../../styles/utilities.module.css';
import { INSCRIPTION_SUBJECT, listInscriptions } from '../api/inscriptions-api.js';
import { LimitSelect } from './console-filters.js';
import { EtatSelect } from './etat-select.js';
import { InscriptionsTable } from './inscriptions-table.js';

const REFRESH_MS = 5000;

const DESCRIPTION =
  'Chaque compte ouvert par un client est une saga : identifiants réservés, compte client créé, identifiants activés. Suivez-les ici.';

/** The operator's view of sign-ups: the latest, by état, polled. */
export function InscriptionsPage() {
  const [etat, setEtat] = useState<EtatInscription | ''>('');
  const [limit, setLimit] = useState(50);
  const query = useQuery(
    `inscriptions:${etat}:${limit}`,
    (signal) => listInscriptions({ etat: etat || undefined, limit }, signal),
    { refreshMs: REFRESH_MS },
  );
  const now = useMemo(() => Date.now(), [query.data]);
  const op = useOperatorAction(INSCRIPTION_SUBJECT, query.reload);
  return (
    <>
      <PageHeader
        title="Inscriptions"
        description={DESCRIPTION}
        onRefresh={query.reload}
        actions={
          <Link className={buttonClass()} to={paths.clientsConsole}>
            Comptes clients
          </Link>
        }
      />
      <FilterBar label="Filtres des inscriptions">
        <EtatSelect
          id="f-etat-inscription"
          etats={INSCRIPTION_FACTS.etats}
          labels={INSCRIPTION_ETAT_LABELS}
          value={etat}
          onChange={setEtat}
        />
        <LimitSelect value={limit} onChange={setLimit} />
      </FilterBar>
      <OperatorActionDialogs op={op} />
      <Panel aria-labelledby="inscriptions-title">
        <h2 id="inscriptions-title">Dernières inscriptions</h2>
        <QueryView query={query} label="Chargement des inscriptions…">
          {(rows) =>
            rows.length === 0 ? (
              <p className={u.empty}>Aucune inscription {etat === '' ? '' : 'dans cet état'}.</p>
            ) : (
              <InscriptionsTable rows={rows} now={now} busy={op.busy} onAsk={op.ask} />
            )
          }
        </QueryView>
      </Panel>
    </>
  );
}
