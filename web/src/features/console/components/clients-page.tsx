import { useMemo, useState } from 'react';
import { Button, ButtonRow, buttonClass } from '../../../components/button.js';
import { DataTable } from '../../../components/data-table.js';
import { Field } from '../../../components/fields.js';
import { FilterBar } from '../../../components/filter-bar.js';
import { PageHeader } from '../../../components/page-header.js';
import { Panel } from '../../../components/panel.js';
import { QueryView } from '../../../components/status.js';
import type { Client } from '../../../lib/api-types.js';
import { formatCents, formatDateTime } from '../../../lib/format.js';
import { paths } from '../../../lib/paths.js';
import { Link } from '../../../lib/router.js';
import { useQuery } from '../../../lib/use-query.js';
import u from '../../../styles/utilities.module.css';
import { CLIENTS_PAGE, listClients } from '../api/clients-api.js';

const matches = (c: Client, search: string): boolean => {
  const q = search.trim().toLowerCase();
  return q === '' || String(c.id) === q || `${c.nom} ${c.email}`.toLowerCase().includes(q);
};

function ClientsTable({ rows }: { rows: readonly Client[] }) {
  return (
    <DataTable
      caption="Comptes clients"
      columns={['Client', 'Nom', 'E-mail', { label: 'Solde', num: true }, 'Ouvert le']}
    >
      {rows.map((c) => (
        <tr key={c.id}>
          <td>
            <Link to={paths.clientConsole(c.id)} aria-label={`Compte client n° ${c.id}`}>
              n° {c.id}
            </Link>
          </td>
          <td>{c.nom}</td>
          <td>{c.email}</td>
          <td className={u.num}>{formatCents(c.solde_cents)}</td>
          <td>{formatDateTime(c.created_at)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Every client account, newest first, found by name, e-mail or number; credited from its page. */
export function ClientsPage() {
  const [offset, setOffset] = useState(0);
  const [search, setSearch] = useState('');
  const query = useQuery(`clients:${offset}`, (signal) => listClients(offset, signal));
  const rows = useMemo(
    () => [...(query.data ?? [])].reverse().filter((c) => matches(c, search)),
    [query.data, search],
  );
  const full = (query.data?.length ?? 0) === CLIENTS_PAGE;
  return (
    <>
      <PageHeader
        title="Comptes clients"
        description="Les comptes des clients et leur solde ; ouvrez un compte pour le créditer."
        onRefresh={query.reload}
        actions={
          <Link className={buttonClass()} to={paths.inscriptionsConsole}>
            Inscriptions
          </Link>
        }
      />
      <FilterBar label="Recherche de comptes">
        <Field
          id="f-client-search"
          label="Nom, e-mail ou n°"
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </FilterBar>
      <Panel aria-label="Comptes clients">
        <QueryView query={query} label="Chargement des comptes…">
          {() =>
            rows.length === 0 ? (
              <p className={u.empty}>Aucun compte ne correspond.</p>
            ) : (
              <ClientsTable rows={rows} />
            )
          }
        </QueryView>
        {(offset > 0 || full) && (
          <ButtonRow>
            <Button disabled={offset === 0} onClick={() => setOffset(offset - CLIENTS_PAGE)}>
              Comptes précédents
            </Button>
            <Button disabled={!full} onClick={() => setOffset(offset + CLIENTS_PAGE)}>
              Comptes suivants
            </Button>
          </ButtonRow>
        )}
      </Panel>
    </>
  );
}
