import { ETAT_LABELS, etatTone } from '../lib/etat-labels.js';
import type { EtatCommande } from '../lib/saga-table.js';

export function EtatBadge({
  etat,
  technical = false,
}: {
  etat: EtatCommande;
  technical?: boolean;
}) {
  return (
    <span className={`badge badge-${etatTone(etat)}`}>{technical ? etat : ETAT_LABELS[etat]}</span>
  );
}
