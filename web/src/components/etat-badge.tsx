import { cx } from '../lib/cx.js';
import { COMMANDE_WORDS } from '../lib/etat-labels.js';
import type { EtatCommande } from '../lib/saga-table.js';
import type { SagaWords } from '../lib/saga-words.js';
import { toneStyle } from '../lib/tone.js';
import styles from './etat-badge.module.css';

interface BadgeLook {
  /** The état's code instead of its label. */
  technical?: boolean;
  /** Let a long label wrap onto two lines. */
  wrap?: boolean;
}

/** Any saga's état in its tone: a commande's, a sign-up's. */
export function SagaEtatBadge<E extends string>({
  etat,
  words,
  technical = false,
  wrap = false,
}: BadgeLook & { etat: E; words: SagaWords<E> }) {
  return (
    <span className={cx(styles.badge, wrap && styles.wrap)} style={toneStyle(words.tone(etat))}>
      {technical ? etat : words.label[etat]}
    </span>
  );
}

/** A commande's état. */
export const EtatBadge = (props: BadgeLook & { etat: EtatCommande }) => (
  <SagaEtatBadge {...props} words={COMMANDE_WORDS} />
);
