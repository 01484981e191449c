import { useState } from 'react';
import { LabelledField } from '../../../components/fields.js';
import { MagasinOptions } from '../../../components/magasin-options.js';
import { PageHeader } from '../../../components/page-header.js';
import { Notice } from '../../../components/status.js';
import { StockChanges } from '../../../components/stock-changes.js';
import type { Magasin } from '../../../lib/api-types.js';
import { paths } from '../../../lib/paths.js';
import { navigate } from '../../../lib/router.js';
import { useMagasinsList, useStockMagasin, type Vue } from '../hooks/use-stock-magasin.js';
import { MiseEnStock } from './mise-en-stock.js';
import { Niveaux } from './niveaux.js';

function MagasinChoice({ magasins, id }: { magasins: readonly Magasin[]; id: number | null }) {
  return (
    <LabelledField id="stock-magasin" label="Magasin" inline>
      <select
        id="stock-magasin"
        value={id ?? ''}
        onChange={(e) => navigate(paths.stocksMagasin(Number(e.target.value)))}
      >
        {id === null && <option value="">— Choisir un magasin —</option>}
        <MagasinOptions magasins={magasins} />
      </select>
    </LabelledField>
  );
}

/** One magasin's stock: the levels and reports, stocking a produit, the history. */
function StockMagasin({ magasinId }: { magasinId: number }) {
  const [vue, setVue] = useState<Vue>('tout');
  const [seuil, setSeuil] = useState('');
  const d = useStockMagasin(magasinId, vue, /^\d+$/.test(seuil) ? Number(seuil) : undefined);
  const carried = new Set((d.carried.data ?? []).map((l) => l.produit_id));
  return (
    <>
      <Niveaux {...{ vue, setVue, seuil, setSeuil }} lignes={d.lignes} noms={d.noms} />
      {d.carried.data && d.produits.data && (
        <MiseEnStock
          magasinId={magasinId}
          produits={d.produits.data.filter((p) => !carried.has(p.id))}
          onDone={d.reload}
        />
      )}
      <StockChanges
        id="historique-stock-title"
        title="Historique du stock de ce magasin"
        empty="Aucun niveau n’a encore été fixé ou ajusté dans ce magasin."
        query={d.historique}
        noms={d.noms}
      />
    </>
  );
}

const DESCRIPTION =
  'Le niveau de chaque produit dans un magasin : mettez un produit en stock, fixez ou ajustez un niveau (avec son motif), consultez les ruptures et le surstock.';

/** Per magasin: each produit's level, the reports, stocking a new produit, the history. */
export function StocksPage({ magasinId }: { magasinId: number | null }) {
  const magasins = useMagasinsList();
  const magasin = magasins.find((m) => m.id === magasinId);
  return (
    <>
      <PageHeader
        title={magasin ? `Stocks : ${magasin.nom}` : 'Stocks'}
        description={DESCRIPTION}
        actions={<MagasinChoice magasins={magasins} id={magasinId} />}
      />
      {magasinId === null ? (
        <Notice>Choisissez un magasin pour voir et changer son stock.</Notice>
      ) : (
        <StockMagasin magasinId={magasinId} />
      )}
    </>
  );
}
