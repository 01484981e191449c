import { DefinitionRegistry } from '../../saga/index.js';
import { type CheckoutParticipants, type CheckoutSaga, checkoutSaga } from './checkout-saga.js';
import type { Compensation } from './transitions.js';
import type { CheckoutData } from './commande.js';
import type { EtatCommande } from './transitions.js';

export type CheckoutDefinitions = DefinitionRegistry<EtatCommande, Compensation, CheckoutData>;

/**
 * The checkout definitions this build drives: the current one (checkout-saga.ts) and the
 * earlier ones kept registered until no saga of them remains (none today). To change the
 * saga's shape, keep the previous definition here, built from its own table and steps,
 * until `sagas_par_definition` shows none of its sagas left (docs/architecture.md, "Changing
 * the saga").
 */
export function checkoutDefinitions(
  p: CheckoutParticipants,
  earlier: readonly CheckoutSaga[] = [],
): CheckoutDefinitions {
  return new DefinitionRegistry(checkoutSaga(p), earlier);
}
