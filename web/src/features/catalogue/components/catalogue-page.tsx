import { useMemo, useState } from 'react';
import { FilterBar } from '../../../components/filter-bar.js';
import { Created, FormPanel } from '../../../components/form-panel.js';
import { LabelledField } from '../../../components/fields.js';
import { PageHeader } from '../../../components/page-header.js';
import { Panel, PanelHead } from '../../../components/panel.js';
import { QueryView } from '../../../components/status.js';
import { plural } from '../../../lib/format.js';
import { paths } from '../../../lib/paths.js';
import { useQuery } from '../../../lib/use-query.js';
import { useCreateForm } from '../../../lib/use-record-form.js';
import { produitsApi, searchProduits } from '../api/catalogue-api.js';
import {
  checkProduit,
  EMPTY_PRODUIT,
  type ProduitValues,
  toProduit,
} from '../hooks/use-produit-form.js';
import { ProduitForm } from './produit-form.js';
import { ProduitsTable } from './produits-table.js';

/** Adds a produit; once created, says so with a link to its page and empties the form. */
function NouveauProduit({
  categories,
  onCreated,
}: {
  categories: readonly string[];
  onCreated: () => void;
}) {
  const create = (values: ProduitValues) => produitsApi.create(toProduit(values));
  const { form, created } = useCreateForm(EMPTY_PRODUIT, checkProduit, create, onCreated);
  const done = created && (
    <Created
      what={`Produit « ${created.nom} » créé.`}
      to={paths.produit(created.id)}
      next="Voir sa fiche"
    />
  );
  // The panel and its form share the id: the heading names the form.
  const props = { id: 'nouveau-produit', label: 'Nouveau produit', form };
  return (
    <FormPanel id={props.id} title={props.label} done={done}>
      <ProduitForm {...props} categories={categories} submitLabel="Créer le produit" />
    </FormPanel>
  );
}

const DESCRIPTION =
  'Les produits que vendent les magasins : nom, catégorie, prix et description. Un changement de prix ne touche pas les commandes déjà passées.';

/** The operator's catalogue: search it, add a produit, open one to change it. */
export function CataloguePage() {
  const [q, setQ] = useState('');
  const found = useQuery(`produits:${q.trim()}`, (signal) => searchProduits(q, signal));
  const all = useQuery('produits:', (signal) => searchProduits('', signal));
  const categories = useMemo(
    () => [...new Set((all.data ?? []).map((p) => p.categorie))].sort(),
    [all.data],
  );
  const reload = (): void => {
    found.reload();
    all.reload();
  };
  return (
    <>
      <PageHeader title="Catalogue" description={DESCRIPTION} onRefresh={reload} />
      <NouveauProduit categories={categories} onCreated={reload} />
      <Panel aria-labelledby="produits-title">
        <PanelHead>
          <h2 id="produits-title">
            Produits{found.data ? ` (${plural(found.data.length, 'résultat', 'résultats')})` : ''}
          </h2>
          <FilterBar label="Rechercher dans le catalogue">
            <LabelledField id="recherche-produit" label="Rechercher" inline>
              <input
                id="recherche-produit"
                type="search"
                placeholder="Nom ou catégorie"
                maxLength={100}
                value={q}
                onChange={(e) => setQ(e.target.value)}
              />
            </LabelledField>
          </FilterBar>
        </PanelHead>
        <QueryView query={found} label="Recherche dans le catalogue…">
          {(produits) => <ProduitsTable produits={produits} />}
        </QueryView>
      </Panel>
    </>
  );
}
