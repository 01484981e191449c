import { useMemo } from 'react';
import { buttonClass } from '../../../components/button.js';
import type { FieldWords } from '../../../components/record-history.js';
import { RecordPage } from '../../../components/record-page.js';
import { FormPanel } from '../../../components/form-panel.js';
import { StockChanges } from '../../../components/stock-changes.js';
import type { Magasin, MagasinChanges } from '../../../lib/api-types.js';
import { getProduits, namesById } from '../../../lib/api/catalogue.js';
import { getStockHistorique } from '../../../lib/api/stock.js';
import { paths } from '../../../lib/paths.js';
import { Link } from '../../../lib/router.js';
import { useQuery } from '../../../lib/use-query.js';
import { useEditForm, useRecordPage } from '../../../lib/use-record-form.js';
import { magasinsApi } from '../api/magasins-api.js';
import { changesOf, checkMagasin, valuesOf } from '../hooks/use-magasin-form.js';
import { MagasinForm } from './magasin-form.js';

const WORDS: FieldWords = {
  creation: 'Création du magasin',
  labels: { nom: 'Nom', ville: 'Ville', adresse: 'Adresse' },
};

function ModifierMagasin({
  magasin,
  onSaved,
}: {
  magasin: Magasin;
  onSaved: (m: Magasin) => void;
}) {
  const send = (changes: MagasinChanges) => magasinsApi.update(magasin.id, changes);
  const init = valuesOf(magasin);
  const { form, saved } = useEditForm(init, checkMagasin, changesOf(magasin), send, onSaved);
  const props = { id: 'modifier-magasin', label: 'Modifier le magasin', form };
  return (
    <FormPanel id={props.id} title={props.label} done={saved}>
      <MagasinForm {...props} submitLabel="Enregistrer les modifications" />
    </FormPanel>
  );
}

/** The magasin's last stock changes, each naming its produit. */
function DerniersMouvements({ id }: { id: number }) {
  const changes = useQuery(`magasin-stock-historique:${id}`, (s) => getStockHistorique(id, 20, s));
  const produits = useQuery('produits', getProduits);
  const noms = useMemo(() => namesById(produits.data), [produits.data]);
  return (
    <StockChanges
      id="mouvements-title"
      title="Derniers changements de stock"
      empty="Aucun niveau de stock n’a encore été fixé ici."
      query={changes}
      noms={noms}
    />
  );
}

/** One magasin: change its name, city or address; who changed it; its stock's last moves. */
export function MagasinPage({ id }: { id: number }) {
  const { record: magasin, historique, saved } = useRecordPage('magasin', id, magasinsApi);
  const m = magasin.data;
  const actions = (
    <>
      <Link to={paths.stocksMagasin(id)} className={buttonClass({ variant: 'primary' })}>
        Gérer son stock
      </Link>
      <Link to={paths.magasins} className={buttonClass()}>
        Tous les magasins
      </Link>
    </>
  );
  return (
    <RecordPage
      kind="magasin"
      heading={m ? `Magasin : ${m.nom}` : 'Magasin'}
      description={m ? `${m.adresse ?? 'Adresse non renseignée'}, ${m.ville}` : undefined}
      actions={actions}
      record={magasin}
      historique={historique}
      words={WORDS}
      main={(current) => (
        <>
          <ModifierMagasin magasin={current} onSaved={saved} />
          <DerniersMouvements id={id} />
        </>
      )}
    />
  );
}
