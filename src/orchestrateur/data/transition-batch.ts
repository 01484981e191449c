import { currentTraceparent } from '../../lib/tracing.js';
import type { Transition } from '../../saga/index.js';
import type { CheckoutData, Commande, HistoriqueEntry } from '../checkout/commande.js';
import type { EtatCommande } from '../checkout/transitions.js';
import type { Creation, SagaWrite, Written } from './saga-writes.js';

export type CheckoutTransition = Transition<EtatCommande, CheckoutData>;

/** A transition the saga made, and when (performance.now()). */
export interface Made {
  t: CheckoutTransition;
  at: number;
}

/** How long before the write a transition was made (the last one is the write's own time). */
const ageOf = (m: Made, last: Made, startedAt: number): number =>
  m === last ? 0 : Math.round(startedAt - m.at);

const creationOf = (c: Commande): Creation | undefined =>
  c.origin && {
    client_id: c.data.client_id,
    magasin_id: c.data.magasin_id,
    idempotencyKey: c.origin.idempotencyKey,
    requestHash: c.origin.requestHash,
    ageMs: performance.now() - c.origin.startedAt,
    definition: c.definition,
    // The creation is written from the saga's own context: the request's span is current.
    traceParent: currentTraceparent() ?? null,
  };

/** The state after `t`, its time `at` (for a saga's own view until the write confirms it). */
export function advance(c: Commande, t: CheckoutTransition, at: Date, version: number): Commande {
  const { origin: _origin, ...rest } = c;
  return {
    ...rest,
    etat: t.to,
    data: { ...c.data, ...t.patch },
    echec: t.echec ?? c.echec,
    version,
    updated_at: at,
    historique: [...c.historique, { etat: t.to, at, detail: { ...t.detail } }],
  };
}

/** The one statement's input for `items` (in order) from `base`, made at `startedAt`. */
export function batchOf(
  base: Commande,
  items: readonly Made[],
  claim: boolean,
  lease: { owner: string; leaseMs: number },
  startedAt: number,
): SagaWrite {
  const last = items.at(-1) as Made;
  const patch = Object.assign({}, ...items.map((m) => m.t.patch)) as Partial<CheckoutData>;
  return {
    id: base.id,
    from: (items[0] as Made).t.from,
    reached: items.map((m) => ({
      etat: m.t.to,
      ageMs: ageOf(m, last, startedAt),
      detail: m.t.detail,
    })),
    ...lease,
    claim,
    creation: creationOf(base),
    totalCents: patch.total_cents,
    lignes: patch.lignes,
    echec: items.findLast((m) => m.t.echec)?.t.echec,
  };
}

/**
 * Every state the saga went through in a committed write, with the times the database gave
 * them: `each` is told of each (with whether it is the one that created the row).
 */
export function committedStates(
  base: Commande,
  items: readonly Made[],
  written: Written,
  startedAt: number,
  each: (state: Commande, t: CheckoutTransition, created: boolean) => void,
): Commande {
  const created = base.origin !== undefined;
  const created0 = { ...base.historique[0], at: written.createdAt } as HistoriqueEntry;
  let state = created
    ? {
        ...base,
        created_at: written.createdAt,
        historique: [created0],
        traceParent: currentTraceparent() ?? null,
      }
    : base;
  const last = items.at(-1) as Made;
  const first = written.version - items.length + 1;
  items.forEach((m, k) => {
    const at = new Date(written.at.getTime() - ageOf(m, last, startedAt));
    state = advance(state, m.t, at, first + k);
    each(state, m.t, created && k === 0);
  });
  return state;
}
