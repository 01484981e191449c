import { Facts } from '../../../components/facts.js';
import { Panel } from '../../../components/panel.js';
import { QueryView } from '../../../components/status.js';
import type { Client } from '../../../lib/api-types.js';
import { formatCents, formatDateTime } from '../../../lib/format.js';
import { useQuery } from '../../../lib/use-query.js';
import { getClient } from '../api/clients-api.js';
import { CreditForm } from './credit-form.js';

function Account({ client, onCredited }: { client: Client; onCredited: (c: Client) => void }) {
  return (
    <>
      <Facts
        cards
        items={[
          { label: 'Client', value: `n° ${client.id}` },
          { label: 'Nom', value: client.nom },
          { label: 'E-mail', value: client.email },
          { label: 'Solde', value: formatCents(client.solde_cents) },
          { label: 'Ouvert le', value: formatDateTime(client.created_at) },
        ]}
      />
      <h3>Créditer le compte</h3>
      <CreditForm client={client} onCredited={onCredited} />
    </>
  );
}

/** A client account, its balance and the operator's credit action. */
export function ClientAccount({ id }: { id: number }) {
  const query = useQuery(`client:${id}`, (signal) => getClient(id, signal));
  return (
    <Panel aria-labelledby={`compte-${id}`}>
      <h2 id={`compte-${id}`}>Compte client n° {id}</h2>
      <QueryView query={query} label="Chargement du compte…">
        {(client) => <Account client={client} onCredited={query.mutate} />}
      </QueryView>
    </Panel>
  );
}
