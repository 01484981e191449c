/**
 * The checkout saga as plain code, written once: each engine runs it with its own durable
 * step (`DBOS.runStep`, Restate's `ctx.run`; the floor a plain retry loop), so every system
 * makes the same calls in the same order with the same retries and compensations as the
 * orchestrator (docs: README "The state machine").
 */
import { type ContractCalls, isRefusal, isTransient, type Panier, Transient } from './contract.js';

export interface CheckoutInput {
  client_id: number;
  magasin_id: number;
}

export type StepName = 'panier' | 'stock' | 'paiement' | 'vente' | 'vider_panier';
export type CompensationName = 'liberer_stock' | 'rembourser';

/** How a step is retried while it fails transiently (the orchestrator's defaults). */
export interface RetryPolicy {
  /** Attempts in all, the first included; Infinity: until the participant answers for sure. */
  attempts: number;
  baseMs: number;
  maxMs: number;
}

const BASE_MS = 100;
const MAX_MS = 5000;
/** SAGA_STEP_RETRIES=3 and SAGA_COMPENSATION_RETRIES=8 of the orchestrator. */
export const BOUNDED: RetryPolicy = { attempts: 4, baseMs: BASE_MS, maxMs: MAX_MS };
export const COMPENSATION: RetryPolicy = { attempts: 9, baseMs: BASE_MS, maxMs: MAX_MS };
export const UNTIL_ANSWERED: RetryPolicy = { attempts: Infinity, baseMs: BASE_MS, maxMs: MAX_MS };

/**
 * What an engine provides: run `action` as one durable step named `name`, retrying it
 * under `policy` while it throws a Transient error, and return its result (replayed from
 * the engine's journal after a crash, never run twice once recorded). Any other error, or
 * the last transient one, is thrown to the saga.
 */
export interface DurableStep {
  <T>(name: StepName | CompensationName, policy: RetryPolicy, action: () => Promise<T>): Promise<T>;
}

export interface Echec {
  etape: StepName;
  code: string;
  type: 'METIER' | 'TECHNIQUE';
}

export type Outcome =
  | { etat: 'CONFIRMEE'; id: string; total_cents: number }
  | { etat: 'ANNULEE' | 'COMPENSATION_ECHOUEE'; id: string; echec: Echec };

function echecOf(etape: StepName, err: unknown): Echec {
  if (isRefusal(err)) return { etape, code: err.code, type: 'METIER' };
  const code = isTransient(err) ? 'SERVICE_INDISPONIBLE' : 'REPONSE_INVALIDE';
  return { etape, code, type: 'TECHNIQUE' };
}

/**
 * Runs one checkout. On a failure, undoes what was done, newest first; a step that failed
 * for a technical reason may have had its effect, so it is undone too (the contract's
 * compensations are idempotent and leave a tombstone when there was nothing to undo).
 */
export async function runCheckout(
  id: string,
  input: CheckoutInput,
  calls: ContractCalls,
  step: DurableStep,
): Promise<Outcome> {
  const undo: CompensationName[] = [];
  let current: StepName = 'panier';
  const attempt = async <T>(
    name: StepName,
    policy: RetryPolicy,
    action: () => Promise<T>,
    compensation?: CompensationName,
  ): Promise<T> => {
    current = name;
    try {
      const result = await step(name, policy, action);
      if (compensation) undo.unshift(compensation);
      return result;
    } catch (err) {
      if (compensation && !isRefusal(err)) undo.unshift(compensation);
      throw err;
    }
  };
  let panier: Panier;
  try {
    panier = await attempt('panier', BOUNDED, () => calls.lirePanier(input.client_id));
    const { lignes, total_cents: total } = panier;
    await attempt(
      'stock',
      BOUNDED,
      () => calls.reserverStock(id, input.magasin_id, lignes),
      'liberer_stock',
    );
    await attempt('paiement', BOUNDED, () => calls.payer(id, input.client_id, total), 'rembourser');
    // The pivot: a sale whose fate is unknown can be neither assumed nor undone.
    await attempt('vente', UNTIL_ANSWERED, () =>
      calls.enregistrerVente(id, input.client_id, input.magasin_id, panier),
    );
  } catch (err) {
    return compensate(id, input, calls, step, undo, echecOf(current, err));
  }
  // Past the pivot the cart must be emptied: any failure is retried until it succeeds.
  const vider = () =>
    calls.viderPanier(id, input.client_id, panier.lignes).catch((err: unknown) => {
      throw isTransient(err) ? err : new Transient(String(err));
    });
  await step('vider_panier', UNTIL_ANSWERED, vider);
  return { etat: 'CONFIRMEE', id, total_cents: panier.total_cents };
}

async function compensate(
  id: string,
  input: CheckoutInput,
  calls: ContractCalls,
  step: DurableStep,
  undo: readonly CompensationName[],
  echec: Echec,
): Promise<Outcome> {
  try {
    for (const name of undo) {
      const action =
        name === 'rembourser'
          ? () => calls.rembourser(id, input.client_id)
          : () => calls.libererStock(id);
      await step(name, COMPENSATION, action);
    }
  } catch {
    return { etat: 'COMPENSATION_ECHOUEE', id, echec };
  }
  return { etat: 'ANNULEE', id, echec };
}

/** The HTTP status the orchestrator answers for the same outcome. */
export function statusOf(outcome: Outcome): number {
  if (outcome.etat === 'CONFIRMEE') return 201;
  return outcome.etat === 'ANNULEE' && outcome.echec.type === 'METIER' ? 409 : 502;
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Backoff with equal jitter, as the orchestrator's: uniform in [c/2, c], c = base·2^(n-1) capped. */
export function backoffMs(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  return ceiling / 2 + (Math.random() * ceiling) / 2;
}

/** The floor's step: the same retries in memory, nothing recorded anywhere. */
export const plainStep: DurableStep = async (_name, policy, action) => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await action();
    } catch (err) {
      if (!isTransient(err) || attempt >= policy.attempts) throw err;
      await pause(backoffMs(attempt, policy));
    }
  }
};
