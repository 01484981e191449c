import { ETAT_LABELS, etatTone } from '../../../lib/etat-labels.js';
import { cx } from '../../../lib/cx.js';
import { type EtatCommande, ETATS } from '../../../lib/saga-table.js';
import { toneStyle } from '../../../lib/tone.js';
import u from '../../../styles/utilities.module.css';
import styles from './etat-counts.module.css';

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
    <section aria-labelledby="counts-title" className={styles.section}>
      <h2 id="counts-title">
        Par état <span className={u.muted}>(sur les {total} commandes affichées)</span>
      </h2>
      <ul className={cx(u.bareList, styles.counts)}>
        {ETATS.map((etat) => {
          const n = counts.get(etat) ?? 0;
          const active = selected === etat;
          return (
            <li key={etat}>
              <button
                type="button"
                className={cx(styles.count, n === 0 && styles.zero)}
                style={toneStyle(etatTone(etat))}
                aria-pressed={active}
                onClick={() => onSelect(active ? '' : etat)}
                title={etat}
              >
                <span className={styles.n}>{n}</span>
                <span className={styles.label}>{ETAT_LABELS[etat]}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
