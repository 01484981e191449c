import { traceIdOf } from '../../lib/tracing.js';
import type { Commande, OperatorAction, Suspension } from '../checkout/commande.js';

/** The commande as the API shows it (docs/saga-contract.md, "GET /api/commande/{id}"). */
export interface CommandeView {
  id: string;
  client_id: number;
  magasin_id: number;
  etat: string;
  /** The saga definition it started under (and is driven by to its end). */
  definition: { nom: string; version: string };
  /** The trace of the request that created it (null: tracing was off). */
  trace_id: string | null;
  total_cents: number | null;
  echec: { etape: string; code: string; message: string } | null;
  /** Set while the saga waits for an operator in a forward état (a step kept failing). */
  suspension: Suspension | null;
  created_at: string;
  updated_at: string;
  historique: { etat: string; at: string; detail: Record<string, unknown> }[];
  /** What operators did to this commande (resume, cancel), oldest first; empty for a client. */
  actions_operateur: ActionView[];
}

export interface ActionView {
  action: string;
  par: string;
  motif: string | null;
  etat: string;
  at: string;
}

/**
 * Who reads the commande. A client reads technical failures in words: their messages name
 * internal addresses and errors ("POST http://stock-lb:8003/...: ECONNREFUSED") that only
 * operators need.
 */
export type Audience = 'client' | 'operateur';

const SERVICE_OF: Readonly<Record<string, string>> = {
  panier: 'cart',
  stock: 'stock',
  paiement: 'payment',
  vente: 'sales',
  vider_panier: 'cart',
  liberer_stock: 'stock',
  rembourser: 'payment',
};

const inWords = (etape: string): string =>
  `The ${SERVICE_OF[etape] ?? etape} service did not answer properly; our operators have the details.`;

/** An operator's motif is written for operators, not for the customer. */
const CANCELLED_BY_OPERATOR = 'ANNULEE_PAR_OPERATEUR';
const cancelledInWords = 'Cancelled by our team; nothing stays charged or reserved.';

function echecView(c: Commande, audience: Audience): CommandeView['echec'] {
  if (!c.echec) return null;
  const { etape, code, message, type } = c.echec;
  if (audience === 'operateur') return { etape, code, message };
  if (code === CANCELLED_BY_OPERATOR) return { etape, code, message: cancelledInWords };
  return { etape, code, message: type === 'TECHNIQUE' ? inWords(etape) : message };
}

function suspensionView(s: Suspension | null, audience: Audience): Suspension | null {
  if (!s || audience === 'operateur') return s;
  return { ...s, message: inWords(s.etape) };
}

/** A client's history keeps what happened, not the technical messages that came with it. */
function detailView(detail: Readonly<Record<string, unknown>>, audience: Audience) {
  if (audience === 'operateur') return { ...detail };
  const { message: _message, motif: _motif, par: _par, ...rest } = detail;
  return rest;
}

const actionView = (a: OperatorAction): ActionView => ({
  action: a.action,
  par: a.par,
  motif: a.motif,
  etat: a.etat,
  at: a.at.toISOString(),
});

export function toView(c: Commande, audience: Audience = 'operateur'): CommandeView {
  return {
    id: c.id,
    client_id: c.data.client_id,
    magasin_id: c.data.magasin_id,
    etat: c.etat,
    definition: { ...c.definition },
    trace_id: traceIdOf(c.traceParent),
    total_cents: c.data.total_cents,
    echec: echecView(c, audience),
    suspension: suspensionView(c.suspension, audience),
    created_at: c.created_at.toISOString(),
    updated_at: c.updated_at.toISOString(),
    historique: c.historique.map((h) => ({
      etat: h.etat,
      at: h.at.toISOString(),
      detail: detailView(h.detail, audience),
    })),
    actions_operateur: audience === 'operateur' ? (c.actions ?? []).map(actionView) : [],
  };
}

/** A list entry: the commande without its history, with the last operator action. */
export function toSummary(
  c: Commande,
  audience: Audience = 'operateur',
): Omit<CommandeView, 'historique' | 'actions_operateur'> & {
  derniere_action: ActionView | null;
} {
  const { historique: _h, actions_operateur: actions, ...summary } = toView(c, audience);
  return { ...summary, derniere_action: actions.at(-1) ?? null };
}
