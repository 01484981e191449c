/**
 * The business refusals the saga contract names, call by call: status → the error codes
 * that make that status a refusal (`'*'`: any code in the contract's error body). Only these
 * prove that a participant said no and changed nothing. Every other answer (a 401 while a
 * token is rotated, a 404 from another version of the service, a 4xx with an unknown code)
 * leaves the outcome unknown.
 */
export type Refusals = Readonly<Record<number, readonly string[] | '*'>>;

export const CONTRACT_REFUSALS = {
  panier: { 404: ['CLIENT_INCONNU'] },
  stock: {
    409: ['STOCK_INSUFFISANT', 'ALREADY_COMPENSATED'],
    404: ['PRODUIT_INCONNU', 'MAGASIN_INCONNU'],
  },
  paiement: {
    402: ['SOLDE_INSUFFISANT'],
    404: ['CLIENT_INCONNU'],
    409: ['ALREADY_COMPENSATED'],
  },
  // The contract names 400 by its status alone ("the body fails validation").
  vente: { 400: '*', 422: ['VENTE_INVALIDE', 'TOTAL_INCOHERENT'], 409: ['ALREADY_COMPENSATED'] },
  // Compensations and the step past the pivot have no refusal: they are retried.
  none: {},
} as const satisfies Record<string, Refusals>;

export type RefusingCall = keyof typeof CONTRACT_REFUSALS;

/** True when (status, code) is one of the refusals named for that call. */
export function isRefusal(refusals: Refusals, status: number, code: string | undefined): boolean {
  const codes = refusals[status];
  if (codes === undefined || code === undefined) return false;
  return codes === '*' || codes.includes(code);
}

/** A code that makes `status` a refusal of that call (for test doubles and demo switches). */
export function refusalCode(call: RefusingCall, status: number): string | undefined {
  const codes = (CONTRACT_REFUSALS[call] as Refusals)[status];
  if (codes === undefined) return undefined;
  return codes === '*' ? 'VALIDATION_ERROR' : codes[0];
}
