import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { ETATS_COMMANDE, type EtatCommande } from './checkout/transitions.js';
import type { Waiting } from './data/operator-repo.js';

export interface SagaMetrics {
  etatTotal: Counter<'etat'>;
  stepDuration: Histogram<'step' | 'outcome'>;
  sagaDuration: Histogram<'etat_final'>;
  inProgress: Gauge;
  compensations: Counter<'compensation' | 'outcome'>;
  compensationEchouee: Counter;
  recovered: Counter;
  recoveryLag: Histogram;
  checkouts: Counter<'status'>;
  overload: Counter;
  suspended: Counter;
}

/** What the metrics read when they are scraped. */
export interface MetricSources {
  countByEtat(): Promise<{ etat: EtatCommande; n: number }[]>;
  /** Sagas waiting for an operator (suspended or parked), by kind and état. */
  countWaiting(): Promise<Waiting[]>;
  /** Unfinished sagas by the definition version they started under, and état. */
  countByVersion(): Promise<{ version: string; etat: EtatCommande; n: number }[]>;
  /** The definition versions this instance drives (name and version). */
  drivenVersions: readonly { nom: string; version: string }[];
  /** The états a saga may wait in, by kind: each series starts at 0. */
  waitingEtats: Readonly<Record<Waiting['attente'], readonly EtatCommande[]>>;
  /** Sagas running here whose checkout has answered (or that recovery took over). */
  background(): number;
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Gauges read at scrape time: the commandes by état, what waits, what runs in the background. */
function createStateGauges(registers: Registry[], sources: MetricSources): void {
  new Gauge({
    name: 'commandes_par_etat',
    help: 'Commandes currently in each state (read from the database at scrape time)',
    labelNames: ['etat'] as const,
    registers,
    async collect() {
      const counts = new Map((await sources.countByEtat()).map((r) => [r.etat, r.n]));
      for (const etat of ETATS_COMMANDE) this.set({ etat }, counts.get(etat) ?? 0);
    },
  });
  createWaitingGauges(registers, sources);
  createVersionGauges(registers, sources);
  new Gauge({
    name: 'sagas_en_arriere_plan',
    help: 'Sagas this instance runs after their checkout answered (202) or taken over by recovery',
    registers,
    collect() {
      this.set(sources.background());
    },
  });
}

/** What the saga's steps and compensations did. */
function createStepMetrics(registers: Registry[]) {
  return {
    stepDuration: new Histogram({
      name: 'saga_step_duration_seconds',
      help: 'Duration of one attempt of a saga step, by step and outcome',
      labelNames: ['step', 'outcome'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    compensations: new Counter({
      name: 'saga_compensations_total',
      help: 'Compensation attempts, by compensation and outcome',
      labelNames: ['compensation', 'outcome'] as const,
      registers,
    }),
  };
}

export function createSagaMetrics(registry: Registry, sources: MetricSources): SagaMetrics {
  const registers = [registry];
  const etatTotal = new Counter({
    name: 'commande_etat_total',
    help: 'State transitions committed, by state entered',
    labelNames: ['etat'] as const,
    registers,
  });
  // Start every series at 0 so rate() and dashboards see them before the first saga.
  for (const etat of ETATS_COMMANDE) etatTotal.inc({ etat }, 0);
  createStateGauges(registers, sources);
  return { etatTotal, ...createStepMetrics(registers), ...createSagaCounters(registers) };
}

/** Sagas as a whole: how long they took, and what happened to them on the way. */
function createSagaCounters(registers: Registry[]) {
  const counter = (name: string, help: string) => new Counter({ name, help, registers });
  return {
    sagaDuration: new Histogram({
      name: 'saga_duration_seconds',
      help: 'Whole saga duration from creation to its final state',
      labelNames: ['etat_final'] as const,
      buckets: [...LATENCY_BUCKETS, 10, 30, 60, 300],
      registers,
    }),
    inProgress: new Gauge({
      name: 'sagas_en_cours',
      help: 'Sagas this instance is running right now',
      registers,
    }),
    compensationEchouee: counter(
      'saga_compensation_echouee_total',
      'Sagas parked in COMPENSATION_ECHOUEE for an operator',
    ),
    recovered: counter('sagas_recuperees_total', 'Abandoned sagas this instance took over'),
    recoveryLag: new Histogram({
      name: 'saga_recovery_lag_seconds',
      help: 'Time between a lease running out and the saga being taken over',
      buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300],
      registers,
    }),
    checkouts: new Counter({
      name: 'checkout_total',
      help: 'Checkout answers, by HTTP status',
      labelNames: ['status'] as const,
      registers,
    }),
    suspended: counter(
      'saga_suspendue_total',
      'Sagas suspended for an operator: a step that may not give up kept failing past its budget',
    ),
    overload: counter(
      'checkout_refus_surcharge_total',
      'Checkouts refused with 503 because too many sagas were in flight',
    ),
  };
}

/**
 * How many connections each PostgreSQL pool of this instance may open: `main`
 * (DB_POOL_MAX) and `async_commit` (the transitions a crash may lose, committed without
 * waiting for the WAL flush). An operator sizes `max_connections` on their sum.
 */
export function createPoolMetrics(registry: Registry, pools: Readonly<Record<string, number>>) {
  const gauge = new Gauge({
    name: 'db_pool_max_connections',
    help: 'Most connections each PostgreSQL pool of this instance may open',
    labelNames: ['pool'] as const,
    registers: [registry],
  });
  for (const [pool, max] of Object.entries(pools)) gauge.set({ pool }, max);
}

/**
 * Sagas waiting for an operator, read from the database at scrape time: how many, and how
 * long the oldest has waited (the alert SagasEnAttenteOperateur fires on it). Every replica
 * reports the same figures: dashboards and alerts take their max.
 */
function createWaitingGauges(registers: Registry[], sources: MetricSources): void {
  let read: Promise<Waiting[]> | undefined;
  // Both gauges are collected in one scrape: one query serves them.
  const waiting = (): Promise<Waiting[]> => {
    read ??= sources.countWaiting().finally(() => setTimeout(() => (read = undefined), 100));
    return read;
  };
  const kinds = ['suspendue', 'parquee'] as const;
  new Gauge({
    name: 'sagas_en_attente_operateur',
    help: 'Sagas waiting for an operator: suspended (a step that may not give up kept failing) or parked (COMPENSATION_ECHOUEE), by état',
    labelNames: ['attente', 'etat'] as const,
    registers,
    async collect() {
      for (const attente of kinds) {
        for (const etat of sources.waitingEtats[attente]) this.set({ attente, etat }, 0);
      }
      for (const w of await waiting()) this.set({ attente: w.attente, etat: w.etat }, w.n);
    },
  });
  new Gauge({
    name: 'saga_attente_operateur_max_seconds',
    help: 'How long the saga that has waited longest for an operator has waited, by kind (0: none waits)',
    labelNames: ['attente'] as const,
    registers,
    async collect() {
      const rows = await waiting();
      for (const attente of kinds) {
        const ages = rows.filter((r) => r.attente === attente).map((r) => r.oldest_seconds);
        this.set({ attente }, Math.max(0, ...ages));
      }
    },
  });
}

/**
 * Saga definitions in a rolling upgrade: unfinished sagas by the version they started under
 * (from the database: every replica reports the same, take the max), and the versions this
 * instance drives. A version with sagas that no instance drives waits for one that does.
 */
function createVersionGauges(registers: Registry[], sources: MetricSources): void {
  new Gauge({
    name: 'sagas_par_definition',
    help: 'Unfinished sagas by the definition version they started under, and état',
    labelNames: ['version', 'etat'] as const,
    registers,
    async collect() {
      this.reset();
      for (const r of await sources.countByVersion())
        this.set({ version: r.version, etat: r.etat }, r.n);
    },
  });
  const driven = new Gauge({
    name: 'saga_definition_pilotee',
    help: 'The saga definition versions this instance drives (1), current and kept',
    labelNames: ['definition', 'version'] as const,
    registers,
  });
  for (const d of sources.drivenVersions) driven.set({ definition: d.nom, version: d.version }, 1);
}
