import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Knex } from 'knex';
import type { Registry } from 'prom-client';
import { createDb, poolMaxOf } from '../lib/db.js';
import type { ServiceDeps } from '../lib/service.js';
import type { RetrySettings } from '../saga/index.js';
import { Admission } from './application/admission.js';
import { Checkout, type CheckoutRunner, type CommandeActions } from './application/checkout.js';
import { CommandeQueries } from './application/commande-queries.js';
import { Leases } from './application/leases.js';
import { CheckoutObserver } from './application/observer.js';
import { OperatorActions } from './application/operator-actions.js';
import { RecoveryWorker } from './application/recovery.js';
import { SagaRunner } from './application/saga-runner.js';
import type { CheckoutParticipants } from './checkout/checkout-saga.js';
import type { CheckoutDefinitions } from './checkout/versions.js';
import { participantClient } from './clients/participants.js';
import type { ServiceHttp } from './clients/service-http.js';
import type { OrchestrateurConfig } from './config.js';
import { toCommande } from './data/commande-rows.js';
import { CommandeWrites } from './data/commande-writes.js';
import { GroupCommit } from './data/group-commit.js';
import {
  type AbandonedRow,
  claimAbandoned,
  countByEtat,
  countByVersion,
} from './data/commandes-repo.js';
import { claimForOperator, countWaiting } from './data/operator-repo.js';
import { createPoolMetrics, createSagaMetrics } from './metrics.js';
import { commandeRoutes } from './routes/commande-routes.js';

export type Config = Readonly<OrchestrateurConfig> & { databaseUrl: string };

/**
 * Which checkout definitions an instance drives, given its participants: this build's
 * (checkout/versions.ts) unless a test builds others.
 */
export type ChooseDefinitions = (p: CheckoutParticipants) => CheckoutDefinitions;

export const instanceId = (): string =>
  `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;

/** The saga's definitions (current and kept) and the participants they call. */
function buildDefinitions(config: Config, choose: ChooseDefinitions, http: ServiceHttp) {
  return choose(participantClient(http, config.participantUrls));
}

/** The second pool: sessions that commit without waiting for the WAL flush (durability.ts). */
const asyncCommitPool = (config: Config, owner: string): Knex =>
  createDb({
    url: config.databaseUrl,
    poolMax: Math.max(2, Math.ceil(config.dbPoolMax / 2)),
    applicationName: `orchestrateur ${owner} (async commit)`,
    synchronousCommit: false,
  });

export const retryOf = (config: Config): RetrySettings => ({
  stepRetries: config.stepRetries,
  compensationRetries: config.compensationRetries,
  baseDelayMs: config.retryBaseMs,
  maxDelayMs: config.retryMaxMs,
  untilBudgetMs: config.suspendAfterMs,
});

/** The saga's metrics, read from these sources at scrape time. */
function sagaMetrics(
  registry: Registry,
  db: Knex,
  definitions: CheckoutDefinitions,
  background: () => number,
) {
  const saga = definitions.current;
  return createSagaMetrics(registry, {
    countByEtat: () => countByEtat(db),
    countWaiting: () => countWaiting(db),
    countByVersion: () => countByVersion(db),
    drivenVersions: definitions.versions.map((v) => ({ nom: saga.name, version: v })),
    waitingEtats: { suspendue: saga.steps.map((s) => s.from), parquee: [saga.states.parked] },
    background,
  });
}

interface Parts {
  db: Knex;
  owner: string;
  leaseMs: number;
  runner: CheckoutRunner;
  writes: CommandeWrites;
  definitions: CheckoutDefinitions;
  observer: CheckoutObserver;
  logger: ServiceDeps['logger'];
}

/** reprendre and annuler on commandes: the claim records the action (actions_operateur). */
function commandeActions(
  p: Parts & { queries: CommandeQueries; budgetMs: number },
): CommandeActions {
  const { db, owner, leaseMs, writes, queries } = p;
  return new OperatorActions({
    noun: 'commande',
    get: (id) => queries.get(id),
    claim: async (current, action, who) => {
      const claim = { id: current.id, etat: current.etat, owner, leaseMs, action, ...who };
      const row = await claimForOperator(db, claim);
      return row && toCommande(row, current.historique, []);
    },
    move: (current, t) => writes.claim(current, t),
    runner: p.runner,
    definitions: p.definitions,
    budgetMs: p.budgetMs,
  });
}

/** Takes over commandes whose instance died, each in a trace linked to its first one. */
function checkoutRecovery(p: Parts, config: Config): RecoveryWorker<AbandonedRow> {
  const { db, owner, leaseMs, runner, observer } = p;
  return new RecoveryWorker<AbandonedRow>({
    runner,
    claim: (batch) => claimAbandoned(db, owner, leaseMs, batch, p.definitions.versions),
    takeOver: (row, takenAt) => {
      observer.recovered(row);
      observer.recovering(row, () => runner.run(toCommande(row, []), { takenAt, takenOver: true }));
    },
    intervalMs: config.recoveryIntervalMs,
    batch: config.recoveryBatch,
    maxInFlight: config.maxInFlight,
    logger: p.logger,
  });
}

/**
 * Everything one instance runs, built here and nowhere else (docs/architecture.md): the
 * routes call the use cases (application), which drive the checkout domain through the
 * engine and read and write through data; clients serve the domain's participants port.
 */
export function buildCheckout(
  config: Config,
  owner: string,
  choose: ChooseDefinitions,
  http: ServiceHttp,
  { db, logger, registry, guards }: ServiceDeps,
) {
  const asyncDb = asyncCommitPool(config, owner);
  createPoolMetrics(registry, { main: poolMaxOf(db), async_commit: poolMaxOf(asyncDb) });
  const definitions = buildDefinitions(config, choose, http);
  const background = (): number => runner.size - admission.load.running;
  const observer = new CheckoutObserver(sagaMetrics(registry, db, definitions, background), logger);
  const { leaseMs, budgetMs } = config;
  const group = new GroupCommit({ durable: db, fast: asyncDb });
  const writes = new CommandeWrites({
    db,
    group,
    definitions,
    owner,
    leaseMs,
    writeBehindMs: config.writeBehindMs,
    onCommitted: (state, t, created) => observer.committed(state, t, created),
  });
  const leases = new Leases({ writes, leaseMs, logger });
  const retry = retryOf(config);
  const runner: CheckoutRunner = new SagaRunner({
    ...{ writes, leases, definitions, retry, observer, logger },
  });
  const admission = new Admission(config.maxInFlight, config.maxQueued, () =>
    observer.overloaded(),
  );
  const queries = new CommandeQueries(db);
  const { maxBackground } = config;
  const checkout = new Checkout({
    db,
    ...{ runner, definitions, queries, budgetMs, maxBackground, admission },
  });
  const parts = { db, owner, leaseMs, runner, writes, definitions, observer, logger };
  const actions = commandeActions({ ...parts, queries, budgetMs });
  const recovery = checkoutRecovery(parts, config);
  const routes = commandeRoutes({ checkout, queries, actions }, observer, guards);
  return { asyncDb, runner, recovery, routes };
}
