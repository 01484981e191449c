import { buttonClass } from '../../../components/button.js';
import { Facts } from '../../../components/facts.js';
import type { FieldWords } from '../../../components/record-history.js';
import { RecordPage } from '../../../components/record-page.js';
import { FormPanel } from '../../../components/form-panel.js';
import type { Produit, ProduitChanges } from '../../../lib/api-types.js';
import { formatCents, formatDateTime } from '../../../lib/format.js';
import { paths } from '../../../lib/paths.js';
import { Link } from '../../../lib/router.js';
import { useQuery } from '../../../lib/use-query.js';
import { useEditForm, useRecordPage } from '../../../lib/use-record-form.js';
import { produitsApi, searchProduits } from '../api/catalogue-api.js';
import { changesOf, checkProduit, valuesOf } from '../hooks/use-produit-form.js';
import { ProduitForm } from './produit-form.js';

const WORDS: FieldWords = {
  creation: 'Création du produit',
  labels: { nom: 'Nom', categorie: 'Catégorie', prix_cents: 'Prix', description: 'Description' },
  show: (field, value) =>
    field === 'prix_cents' && typeof value === 'number'
      ? formatCents(value)
      : typeof value === 'string' && value !== ''
        ? `« ${value} »`
        : '(vide)',
};

/** The produit's fields, changed in place; only what differs is sent. */
function ModifierProduit({
  produit,
  categories,
  onSaved,
}: {
  produit: Produit;
  categories: readonly string[];
  onSaved: (p: Produit) => void;
}) {
  const send = (changes: ProduitChanges) => produitsApi.update(produit.id, changes);
  const { form, saved } = useEditForm(
    valuesOf(produit),
    checkProduit,
    changesOf(produit),
    send,
    onSaved,
  );
  const props = { id: 'modifier-produit', label: 'Modifier le produit', form };
  return (
    <FormPanel id={props.id} title={props.label} done={saved}>
      <ProduitForm {...props} categories={categories} submitLabel="Enregistrer les modifications" />
    </FormPanel>
  );
}

/** One produit: what it is today, the form to change it, and who changed it before. */
export function ProduitPage({ id }: { id: number }) {
  const { record: produit, historique, saved } = useRecordPage('produit', id, produitsApi);
  const all = useQuery('produits:', (signal) => searchProduits('', signal));
  const categories = [...new Set((all.data ?? []).map((p) => p.categorie))].sort();
  const p = produit.data;
  return (
    <RecordPage
      kind="produit"
      heading={p ? `Produit : ${p.nom}` : 'Produit'}
      description={p ? `${p.categorie} · ${formatCents(p.prix_cents)}` : undefined}
      actions={
        <Link to={paths.catalogue} className={buttonClass()}>
          Retour au catalogue
        </Link>
      }
      record={produit}
      historique={historique}
      words={WORDS}
      main={(current) => (
        <>
          <Facts
            cards
            items={[
              { label: 'Prix actuel', value: formatCents(current.prix_cents) },
              { label: 'Créé le', value: formatDateTime(current.created_at) },
              { label: 'Modifié le', value: formatDateTime(current.updated_at) },
            ]}
          />
          <ModifierProduit produit={current} categories={categories} onSaved={saved} />
        </>
      )}
    />
  );
}
