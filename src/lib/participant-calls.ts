/**
 * The saga's participant calls, each declared once, as the saga contract describes it
 * (docs/saga-contract.md). Pure data: the orchestrator's configuration and HTTP client, the
 * demo fault switches, the test doubles, the bench and the web front's labels are all read
 * off this record, so a new call is one entry here (and the step that makes it).
 *
 * A call's name is its one name everywhere: catalogue key, client method (camelCase), fault
 * switch operation (`PUT /api/pannes/<service>/<name>`), label. A compensation bears the
 * name the transition table gives it.
 */

/**
 * A business refusal the contract names: the status, and the error codes that make that
 * status a refusal (`'*'`: any code in the contract's error body). Only these prove that a
 * participant said no and changed nothing. Every other answer (a 401 while a token is
 * rotated, a 404 from another version of the service, a 4xx with an unknown code) leaves
 * the outcome unknown.
 */
export interface Refusal {
  readonly status: number;
  readonly codes: readonly string[] | '*';
}

/** The first is the one the demo `refus` switch and the test doubles answer by default. */
export type Refusals = readonly Refusal[];

/**
 * What a success carries, checked by the orchestrator's client:
 * - `etat`: `{"commande_id", "etat": <etat>}`, plus the `echo` fields of the request, which
 *   must come back unchanged;
 * - `panier`: the cart (`client_id`, `lignes`, `total_cents`);
 * - `vente`: the sale (`id`, `commande_id`, `total_cents`);
 * - `libre`: anything (the saga keeps nothing of it).
 */
export type AnswerShape =
  | { readonly kind: 'etat'; readonly etat: string; readonly echo?: readonly string[] }
  | { readonly kind: 'panier' }
  | { readonly kind: 'vente' }
  | { readonly kind: 'libre' };

export interface CallSpec {
  /** The service that answers; the orchestrator reads its base URL from `<SERVICE>_URL`. */
  readonly service: string;
  /**
   * GET: a read, no body, no Idempotency-Key. POST: the body carries `commande_id` and the
   * `body` fields, the call carries `Idempotency-Key: <commande_id>:<step>`.
   */
  readonly method: 'GET' | 'POST';
  /** Express-style: each `:name` segment is filled from the call's input. */
  readonly path: string;
  /** The body's fields besides `commande_id`. */
  readonly body: readonly string[];
  /** The success statuses (201 for a first effect, 200 for a repeat). */
  readonly ok: readonly number[];
  readonly answer: AnswerShape;
  readonly refusals: Refusals;
  /** An action's compensation: the call (of this record) that undoes it. */
  readonly compensation?: string;
  /** In French, for people (the web front, the logs). */
  readonly label: string;
}

const etat = (name: string, echo?: readonly string[]): AnswerShape =>
  echo ? { kind: 'etat', etat: name, echo } : { kind: 'etat', etat: name };

/** Compensations and the steps past the pivot have no refusal: they are retried. */
const NONE: Refusals = [];

export const PARTICIPANT_CALLS = {
  lire_panier: {
    service: 'panier',
    method: 'GET',
    path: '/api/panier/:client_id',
    body: [],
    ok: [200],
    answer: { kind: 'panier' },
    refusals: [{ status: 404, codes: ['CLIENT_INCONNU'] }],
    label: 'Lecture du panier',
  },
  reserver_stock: {
    service: 'stock',
    method: 'POST',
    path: '/api/stock/reserver',
    body: ['magasin_id', 'lignes'],
    ok: [200, 201],
    answer: etat('RESERVEE'),
    refusals: [
      { status: 409, codes: ['STOCK_INSUFFISANT', 'ALREADY_COMPENSATED'] },
      { status: 404, codes: ['PRODUIT_INCONNU', 'MAGASIN_INCONNU'] },
    ],
    compensation: 'liberer_stock',
    label: 'Réservation du stock',
  },
  liberer_stock: {
    service: 'stock',
    method: 'POST',
    path: '/api/stock/liberer',
    body: [],
    ok: [200],
    answer: etat('LIBEREE'),
    refusals: NONE,
    label: 'Libération du stock',
  },
  payer: {
    service: 'client',
    method: 'POST',
    path: '/api/clients/:client_id/payer',
    body: ['montant_cents'],
    ok: [200, 201],
    answer: etat('EFFECTUE', ['montant_cents']),
    refusals: [
      { status: 402, codes: ['SOLDE_INSUFFISANT'] },
      { status: 404, codes: ['CLIENT_INCONNU'] },
      { status: 409, codes: ['ALREADY_COMPENSATED'] },
    ],
    compensation: 'rembourser',
    label: 'Paiement',
  },
  rembourser: {
    service: 'client',
    method: 'POST',
    path: '/api/clients/:client_id/rembourser',
    body: [],
    ok: [200],
    answer: etat('REMBOURSE'),
    refusals: NONE,
    label: 'Remboursement',
  },
  enregistrer_vente: {
    service: 'ventes',
    method: 'POST',
    path: '/api/ventes',
    body: ['client_id', 'magasin_id', 'lignes', 'total_cents'],
    ok: [200, 201],
    answer: { kind: 'vente' },
    refusals: [
      { status: 422, codes: ['VENTE_INVALIDE', 'TOTAL_INCOHERENT'] },
      // The contract names 400 by its status alone ("the body fails validation").
      { status: 400, codes: '*' },
      { status: 409, codes: ['ALREADY_COMPENSATED'] },
    ],
    label: 'Enregistrement de la vente',
  },
  vider_panier: {
    service: 'panier',
    method: 'POST',
    path: '/api/panier/:client_id/vider',
    body: ['lignes'],
    ok: [200],
    answer: { kind: 'libre' },
    refusals: NONE,
    label: 'Vidage du panier',
  },
} as const satisfies Record<string, CallSpec>;

export type CallName = keyof typeof PARTICIPANT_CALLS;
export type CallOf<N extends CallName> = (typeof PARTICIPANT_CALLS)[N];
export type ParticipantService = CallOf<CallName>['service'];

/** Every call's name, in the record's order (read at each use, so a test may add one). */
export const callNames = (): CallName[] => Object.keys(PARTICIPANT_CALLS) as CallName[];

/** A call by name, typed as any entry (for code generic over the calls). */
export const callSpec = (name: CallName): CallSpec => PARTICIPANT_CALLS[name];

/** Every service the saga calls, in the order the record first names them. */
export const participantServices = (): ParticipantService[] => [
  ...new Set(callNames().map((n) => PARTICIPANT_CALLS[n].service)),
];

/** The calls a service answers, in the record's order. */
export const callsOf = (service: string): CallName[] =>
  callNames().filter((n) => PARTICIPANT_CALLS[n].service === service);

/** The environment variable that holds a service's base URL. */
export const urlVar = (service: string): string => `${service.toUpperCase()}_URL`;

/** The orchestrator's service URL variables, each service at `url(service)`. */
export function participantsEnv(
  url: (service: ParticipantService) => string,
): Record<string, string> {
  return Object.fromEntries(participantServices().map((s) => [urlVar(s), url(s)]));
}

/** The action a compensation undoes, if `name` is one. */
export const actionUndoneBy = (name: CallName): CallName | undefined =>
  callNames().find((n) => callSpec(n).compensation === name);

/** lire_panier → lirePanier: the client method's name. */
export const methodName = (name: string): string =>
  name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** The path's `:name` segments. */
export const pathParams = (path: string): string[] =>
  [...path.matchAll(/:([a-z_]+)/g)].map((m) => m[1] ?? '');

/** The path with each `:name` replaced by `params[name]`. */
export function fillPath(path: string, params: Readonly<Record<string, unknown>>): string {
  return path.replace(/:([a-z_]+)/g, (_m, p: string) =>
    encodeURIComponent(String(params[p] ?? '')),
  );
}

/** True when (status, code) is one of the refusals named for that call. */
export function isRefusal(refusals: Refusals, status: number, code: string | undefined): boolean {
  if (code === undefined) return false;
  return refusals.some((r) => r.status === status && (r.codes === '*' || r.codes.includes(code)));
}

/**
 * What a double answers for a refusal of `name`: with a status, a code that makes it a
 * refusal of that call; without, the call's first refusal. Undefined: it names none.
 */
export function refusalOf(
  name: CallName,
  status?: number,
): { status: number; code: string } | undefined {
  const refusals: Refusals = PARTICIPANT_CALLS[name].refusals;
  const r = status === undefined ? refusals[0] : refusals.find((x) => x.status === status);
  if (r === undefined) return undefined;
  return { status: r.status, code: r.codes === '*' ? 'VALIDATION_ERROR' : (r.codes[0] ?? '') };
}

export type {
  AnswerOf,
  CallContext,
  CallInput,
  EtatAnswer,
  LigneAnswer,
  PanierAnswer,
  ParticipantPort,
  VenteAnswer,
} from './participant-port.js';
