import { Counter, Gauge, type Registry } from 'prom-client';
import { ETATS_INSCRIPTION, type EtatInscription } from './inscription/transitions.js';

export interface InscriptionMetrics {
  etatTotal: Counter<'etat'>;
  steps: Counter<'step' | 'outcome'>;
  compensations: Counter<'compensation' | 'outcome'>;
  recovered: Counter;
  suspended: Counter;
}

/** The sign-up saga's metrics; `countByEtat` is read at scrape time. */
export function createInscriptionMetrics(
  registry: Registry,
  sources: {
    countByEtat(): Promise<{ etat: string; n: number }[]>;
    countWaiting(): Promise<number>;
  },
): InscriptionMetrics {
  const registers = [registry];
  new Gauge({
    name: 'inscriptions_en_attente_operateur',
    help: 'Sign-ups waiting for an operator: suspended, or parked in COMPENSATION_ECHOUEE',
    registers,
    async collect() {
      this.set(await sources.countWaiting());
    },
  });
  new Gauge({
    name: 'inscriptions_par_etat',
    help: 'Sign-ups currently in each state (read from the database at scrape time)',
    labelNames: ['etat'] as const,
    registers,
    async collect() {
      const counts = new Map((await sources.countByEtat()).map((r) => [r.etat, r.n]));
      for (const etat of ETATS_INSCRIPTION) this.set({ etat }, counts.get(etat) ?? 0);
    },
  });
  return {
    etatTotal: new Counter({
      name: 'inscription_etat_total',
      help: 'Sign-up transitions committed, by the state reached',
      labelNames: ['etat'] as const,
      registers,
    }),
    steps: new Counter({
      name: 'inscription_step_attempts_total',
      help: 'Attempts of a sign-up step, by step and outcome',
      labelNames: ['step', 'outcome'] as const,
      registers,
    }),
    compensations: new Counter({
      name: 'inscription_compensations_total',
      help: 'Sign-up compensation attempts, by compensation and outcome',
      labelNames: ['compensation', 'outcome'] as const,
      registers,
    }),
    recovered: new Counter({
      name: 'inscriptions_recovered_total',
      help: 'Sign-ups taken over from an instance whose lease ran out',
      registers,
    }),
    suspended: new Counter({
      name: 'inscriptions_suspended_total',
      help: 'Sign-ups left for an operator because a step kept failing past its budget',
      registers,
    }),
  };
}

export type { EtatInscription };
