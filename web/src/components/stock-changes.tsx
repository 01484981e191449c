import type { StockChange, StockHistorique } from '../lib/api-types.js';
import { formatCount } from '../lib/format.js';
import { HistoryList, type HistoryItem } from './history-list.js';
import { QueryView } from './status.js';

const signed = (n: number): string => (n > 0 ? `+${formatCount(n)}` : formatCount(n));

/**
 * One set or adjustment of a stock line, in words: "Ajustement de +5 : 12 → 17", with its
 * motif; `produit` names the line when the list spans a magasin.
 */
export function stockChangeItem(e: StockChange, produit?: string): HistoryItem {
  const where = produit ? `${produit} — ` : '';
  const what =
    e.action === 'ajuster'
      ? `Ajustement de ${signed(e.delta ?? 0)} : ${formatCount(e.avant ?? 0)} → ${formatCount(e.apres)}`
      : e.avant === null
        ? `Mise en stock : ${formatCount(e.apres)}`
        : `Niveau fixé : ${formatCount(e.avant)} → ${formatCount(e.apres)}`;
  return {
    id: e.id,
    at: e.at,
    auteur: e.auteur,
    what: `${where}${what}`,
    details: e.motif ? `Motif : « ${e.motif} »` : undefined,
  };
}

/** A stock history as it loads; with `noms`, each entry names its produit (a magasin's). */
export function StockChanges({
  id,
  title,
  empty,
  query,
  noms,
}: {
  id: string;
  title: string;
  empty: string;
  query: { data: StockHistorique | undefined; error: unknown; loading: boolean };
  noms?: ReadonlyMap<number, string>;
}) {
  const name = (p: number): string | undefined =>
    noms === undefined ? undefined : (noms.get(p) ?? `Produit n° ${p}`);
  return (
    <QueryView query={query} label="Chargement de l’historique…">
      {(h) => (
        <HistoryList
          id={id}
          title={title}
          empty={empty}
          items={h.historique.map((e) => stockChangeItem(e, name(e.produit_id)))}
        />
      )}
    </QueryView>
  );
}
