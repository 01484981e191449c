import { ETAT_LABELS, etatTone } from '../../../lib/etat-labels.js';
import { type EtatCommande, ETATS } from '../../../lib/saga-table.js';

/** How many of the listed commandes are in each état; a click filters on it. */
export function EtatCounts({
  counts,
  selected,
  total,
  onSelect,
}: {
  counts: ReadonlyMap<EtatCommande, number>;
  selected: EtatCommande | '';
  total: number;
  onSelect: (etat: EtatCommande | '') => void;
}) {
  return (
    <section aria-labelledby="counts-title" className="counts-section">
      <h2 id="counts-title">
        Par état <span className="muted">(sur les {total} commandes affichées)</span>
      </h2>
      <ul className="counts">
        {ETATS.map((etat) => {
          const n = counts.get(etat) ?? 0;
          const active = selected === etat;
          return (
            <li key={etat}>
              <button
                type="button"
                className={`count tone-${etatTone(etat)}${n === 0 ? ' count-zero' : ''}`}
                aria-pressed={active}
                onClick={() => onSelect(active ? '' : etat)}
                title={etat}
              >
                <span className="count-n">{n}</span>
                <span className="count-label">{ETAT_LABELS[etat]}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
