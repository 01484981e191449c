import type { CSSProperties } from 'react';
import type { EtatTone } from './etat-labels.js';

/**
 * A tone's colours from tokens.css (--succes, --succes-soft, --succes-strong…) as the
 * variables a component's CSS paints with: --tone, --tone-soft, --tone-strong.
 */
export function toneStyle(tone: EtatTone): CSSProperties {
  return {
    '--tone': `var(--${tone})`,
    '--tone-soft': `var(--${tone}-soft)`,
    '--tone-strong': `var(--${tone}-strong)`,
  } as CSSProperties;
}
