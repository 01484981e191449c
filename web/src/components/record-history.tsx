import type { EntreeHistorique, HistoriqueRecord } from '../lib/api-types.js';
import { HistoryList, type HistoryItem } from './history-list.js';
import { QueryView } from './status.js';

/** How a record's fields read in its history. */
export interface FieldWords {
  /** "Création du produit". */
  creation: string;
  labels: Readonly<Record<string, string>>;
  /** A value in words (default: quoted text, "(vide)" for nothing). */
  show?: (field: string, value: unknown) => string;
}

const quoted = (_: string, value: unknown): string =>
  typeof value === 'string' && value !== '' ? `« ${value} »` : '(vide)';

/** "Prix : 4,99 € → 5,49 €" for each field a change touched; every field of a creation. */
function itemOf(e: EntreeHistorique, words: FieldWords): HistoryItem {
  const show = words.show ?? quoted;
  const details = Object.entries(e.apres)
    .map(([f, after]) => {
      const label = words.labels[f] ?? f;
      if (e.avant === null) return `${label} : ${show(f, after)}`;
      return `${label} : ${show(f, e.avant[f])} → ${show(f, after)}`;
    })
    .join(' · ');
  const what = e.action === 'creation' ? words.creation : 'Modification';
  return { id: e.id, at: e.at, auteur: e.auteur, what, details };
}

/** Who created a record and changed it, when, and what each field was before. */
export function RecordHistory({
  id,
  title,
  query,
  words,
}: {
  id: string;
  title: string;
  query: { data: HistoriqueRecord | undefined; error: unknown; loading: boolean };
  words: FieldWords;
}) {
  return (
    <QueryView query={query} label="Chargement de l’historique…">
      {(h) => (
        <HistoryList id={id} title={title} items={h.historique.map((e) => itemOf(e, words))} />
      )}
    </QueryView>
  );
}
