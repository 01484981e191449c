import { DataTable } from '../../../components/data-table.js';
import { PageHeader } from '../../../components/page-header.js';
import { Panel } from '../../../components/panel.js';
import { QueryView } from '../../../components/status.js';
import { Created, FormPanel } from '../../../components/form-panel.js';
import type { Magasin } from '../../../lib/api-types.js';
import { getMagasins } from '../../../lib/api/catalogue.js';
import { paths } from '../../../lib/paths.js';
import { Link } from '../../../lib/router.js';
import { useQuery } from '../../../lib/use-query.js';
import { useCreateForm } from '../../../lib/use-record-form.js';
import u from '../../../styles/utilities.module.css';
import { magasinsApi } from '../api/magasins-api.js';
import {
  checkMagasin,
  EMPTY_MAGASIN,
  type MagasinValues,
  trimmed,
} from '../hooks/use-magasin-form.js';
import { MagasinForm } from './magasin-form.js';

/** Adds a magasin; once created, offers to stock it. */
function NouveauMagasin({ onCreated }: { onCreated: () => void }) {
  const create = (values: MagasinValues) => magasinsApi.create(trimmed(values));
  const { form, created } = useCreateForm(EMPTY_MAGASIN, checkMagasin, create, onCreated);
  const done = created && (
    <Created
      what={`Magasin « ${created.nom} » créé.`}
      to={paths.stocksMagasin(created.id)}
      next="Mettre des produits en stock"
    />
  );
  // The panel and its form share the id: the heading names the form.
  const props = { id: 'nouveau-magasin', label: 'Nouveau magasin', form };
  return (
    <FormPanel id={props.id} title={props.label} done={done}>
      <MagasinForm {...props} submitLabel="Créer le magasin" />
    </FormPanel>
  );
}

const COLUMNS = ['Magasin', 'Ville', 'Adresse', { label: 'Stock', hidden: true }] as const;

function MagasinsTable({ magasins }: { magasins: readonly Magasin[] }) {
  if (magasins.length === 0) return <p className={u.empty}>Aucun magasin.</p>;
  return (
    <DataTable caption="Magasins" columns={COLUMNS}>
      {magasins.map((m) => (
        <tr key={m.id}>
          <td>
            <Link to={paths.magasin(m.id)}>{m.nom}</Link>
          </td>
          <td>{m.ville}</td>
          <td>{m.adresse ?? <span className={u.muted}>non renseignée</span>}</td>
          <td>
            <Link to={paths.stocksMagasin(m.id)} aria-label={`Stock de ${m.nom}`}>
              Stock
            </Link>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The chain's magasins: add one, open one to change it or to stock it. */
export function MagasinsPage() {
  const magasins = useQuery('magasins', getMagasins);
  return (
    <>
      <PageHeader
        title="Magasins"
        description="Les magasins de l’enseigne : nom, ville et adresse. Ouvrez un magasin pour le modifier ou voir son historique."
        onRefresh={magasins.reload}
      />
      <NouveauMagasin onCreated={magasins.reload} />
      <Panel aria-labelledby="magasins-title">
        <h2 id="magasins-title">Magasins</h2>
        <QueryView query={magasins} label="Chargement des magasins…">
          {(list) => <MagasinsTable magasins={list} />}
        </QueryView>
      </Panel>
    </>
  );
}
