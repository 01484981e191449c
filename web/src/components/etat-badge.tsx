import { cx } from '../lib/cx.js';
import { ETAT_LABELS, etatTone } from '../lib/etat-labels.js';
import { toneStyle } from '../lib/tone.js';
import type { EtatCommande } from '../lib/saga-table.js';
import styles from './etat-badge.module.css';

export function EtatBadge({
  etat,
  technical = false,
  wrap = false,
}: {
  etat: EtatCommande;
  technical?: boolean;
  /** Let a long label wrap onto two lines. */
  wrap?: boolean;
}) {
  return (
    <span className={cx(styles.badge, wrap && styles.wrap)} style={toneStyle(etatTone(etat))}>
      {technical ? etat : ETAT_LABELS[etat]}
    </span>
  );
}
