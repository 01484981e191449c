import type { SagaHandle } from './saga-runner.js';

/** The saga's end, or where it stands when `budgetMs` runs out. */
export async function settledWithin<S>(saga: SagaHandle<S>, budgetMs: number): Promise<S> {
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), Math.max(0, budgetMs));
  });
  try {
    return (await Promise.race([saga.done, budget])) ?? saga.latest();
  } finally {
    clearTimeout(timer);
  }
}

export const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
