import { checkoutSaga } from '../../src/orchestrateur/checkout/checkout-saga.js';
import type { CheckoutParticipants } from '../../src/orchestrateur/checkout/checkout-saga.js';
import type { EtatCommande } from '../../src/orchestrateur/checkout/transitions.js';

/** The checkout's shape, read off its table: tests never copy the état lists. */
const saga = checkoutSaga({} as CheckoutParticipants);

const stepIndex = (name: string): number => {
  const i = saga.steps.findIndex((s) => s.name === name);
  if (i < 0) throw new Error(`no step ${name}`);
  return i;
};

/** The états a saga that goes through every step passes, from creation to confirmed. */
export const forwardPath = (): EtatCommande[] => [
  saga.states.initial,
  ...saga.steps.map((s) => s.onSuccess),
];

/** The états of a saga whose step `name` failed and whose compensations all succeeded. */
export function failedAt(name: string): EtatCommande[] {
  const i = stepIndex(name);
  const failure = saga.steps[i]?.onFailure;
  if (!failure) throw new Error(`step ${name} cannot fail`);
  return [...forwardPath().slice(0, i + 1), failure, saga.states.cancelled];
}
