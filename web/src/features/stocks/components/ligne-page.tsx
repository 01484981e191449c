import { buttonClass } from '../../../components/button.js';
import { Facts } from '../../../components/facts.js';
import { PageHeader } from '../../../components/page-header.js';
import { QueryView } from '../../../components/status.js';
import { StockChanges } from '../../../components/stock-changes.js';
import { TwoColumns } from '../../../components/two-columns.js';
import type { StockLine } from '../../../lib/api-types.js';
import { getMagasins, getProduits } from '../../../lib/api/catalogue.js';
import { formatCount, formatDateTime } from '../../../lib/format.js';
import { paths } from '../../../lib/paths.js';
import { Link } from '../../../lib/router.js';
import { useQuery } from '../../../lib/use-query.js';
import { getLigne, getLigneHistorique } from '../api/stocks-api.js';
import { NiveauForm } from './niveau-forms.js';

/** The level now, adjusting it, setting it. */
function Niveau({ ligne, onChanged }: { ligne: StockLine; onChanged: () => void }) {
  const enStock = ligne.quantite === 0 ? 'Rupture (0)' : formatCount(ligne.quantite);
  return (
    <div>
      <Facts
        cards
        items={[
          { label: 'En stock', value: enStock },
          { label: 'Modifié le', value: formatDateTime(ligne.updated_at) },
        ]}
      />
      <NiveauForm kind="ajuster" ligne={ligne} onChanged={onChanged} />
      <NiveauForm kind="fixer" ligne={ligne} onChanged={onChanged} />
    </div>
  );
}

/** One produit in one magasin: its level, setting or adjusting it, and who changed it. */
export function LignePage({ magasinId, produitId }: { magasinId: number; produitId: number }) {
  const key = `${magasinId}:${produitId}`;
  // Polled: a checkout may take units while the employee looks at it.
  const ligne = useQuery(`ligne:${key}`, (s) => getLigne(magasinId, produitId, s), {
    refreshMs: 5000,
  });
  const historique = useQuery(`ligne-historique:${key}`, (s) =>
    getLigneHistorique(magasinId, produitId, s),
  );
  const produit = useQuery('produits', getProduits).data?.find((p) => p.id === produitId);
  const magasin = useQuery('magasins', getMagasins).data?.find((m) => m.id === magasinId);
  const changed = (): void => {
    ligne.reload();
    historique.reload();
  };
  return (
    <>
      <PageHeader
        title={`Stock : ${produit?.nom ?? `produit n° ${produitId}`}`}
        description={`Dans le magasin ${magasin?.nom ?? `n° ${magasinId}`}.`}
        actions={
          <Link to={paths.stocksMagasin(magasinId)} className={buttonClass()}>
            Tout le stock du magasin
          </Link>
        }
      />
      <QueryView query={ligne} label="Chargement du niveau…">
        {(l) => (
          <TwoColumns>
            <Niveau ligne={l} onChanged={changed} />
            <StockChanges
              id="historique-ligne-title"
              title="Historique de cette ligne"
              empty="Aucune modification enregistrée."
              query={historique}
            />
          </TwoColumns>
        )}
      </QueryView>
    </>
  );
}
