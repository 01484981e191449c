import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Knex } from 'knex';
import type { Registry } from 'prom-client';
import { createDb, poolMaxOf } from '../lib/db.js';
import type { Logger } from '../lib/logger.js';
import { type ServiceDeps, serviceMigrations, startService } from '../lib/service.js';
import type { RetrySettings } from '../saga/index.js';
import { Admission } from './application/admission.js';
import { Checkout } from './application/checkout.js';
import { CommandeQueries } from './application/commande-queries.js';
import { Leases } from './application/leases.js';
import { CheckoutObserver } from './application/observer.js';
import { OperatorActions } from './application/operator-actions.js';
import { RecoveryWorker } from './application/recovery.js';
import { SagaRunner } from './application/saga-runner.js';
import type { CheckoutParticipants } from './checkout/checkout-saga.js';
import { type CheckoutDefinitions, checkoutDefinitions } from './checkout/versions.js';
import { participantClient } from './clients/participants.js';
import { ServiceHttp } from './clients/service-http.js';
import type { OrchestrateurConfig } from './config.js';
import { CommandeWrites } from './data/commande-writes.js';
import { GroupCommit } from './data/group-commit.js';
import { countByEtat, countByVersion } from './data/commandes-repo.js';
import { countWaiting } from './data/operator-repo.js';
import { createPoolMetrics, createSagaMetrics } from './metrics.js';
import { commandeRoutes } from './routes/commande-routes.js';

export const MIGRATIONS_DIR = serviceMigrations('orchestrateur');

export interface Orchestrateur {
  readonly url: string;
  readonly port: number;
  readonly owner: string;
  readonly db: Knex;
  readonly runner: SagaRunner;
  readonly recovery: RecoveryWorker;
  readonly logger: Logger;
  /** Graceful: stop listening, finish or hand back sagas, close the pools. */
  stop(): Promise<void>;
}

type Config = Readonly<OrchestrateurConfig> & { databaseUrl: string };

/**
 * Which checkout definitions an instance drives, given its participants: this build's
 * (checkout/versions.ts) unless a test builds others.
 */
export type ChooseDefinitions = (p: CheckoutParticipants) => CheckoutDefinitions;

const instanceId = (): string => `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;

/** The saga's definitions (current and kept) and the participants they call. */
function buildDefinitions(config: Config, choose: ChooseDefinitions) {
  const http = new ServiceHttp({
    timeoutMs: config.stepTimeoutMs,
    maxSockets: config.httpMaxSockets,
    serviceToken: config.auth.serviceToken,
  });
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

const retryOf = (config: Config): RetrySettings => ({
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

/**
 * Everything one instance runs, built here and nowhere else (docs/architecture.md): the
 * routes call the use cases (application), which drive the checkout domain through the
 * engine and read and write through data; clients serve the domain's participants port.
 */
function build(
  config: Config,
  owner: string,
  choose: ChooseDefinitions,
  { db, logger, registry, guards }: ServiceDeps,
) {
  const asyncDb = asyncCommitPool(config, owner);
  createPoolMetrics(registry, { main: poolMaxOf(db), async_commit: poolMaxOf(asyncDb) });
  const definitions = buildDefinitions(config, choose);
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
  const runner = new SagaRunner({ writes, leases, definitions, retry, observer, logger });
  const admission = new Admission(config.maxInFlight, config.maxQueued, () =>
    observer.overloaded(),
  );
  const queries = new CommandeQueries(db);
  const { maxBackground } = config;
  const checkout = new Checkout({
    db,
    ...{ runner, definitions, queries, budgetMs, maxBackground, admission },
  });
  const actions = new OperatorActions({
    ...{ db, runner, writes, definitions, queries },
    ...{ owner, leaseMs, budgetMs },
  });
  const recovery = new RecoveryWorker({
    db,
    runner,
    definitions,
    owner,
    leaseMs,
    intervalMs: config.recoveryIntervalMs,
    batch: config.recoveryBatch,
    maxInFlight: config.maxInFlight,
    observer,
    logger,
  });
  const routes = commandeRoutes({ checkout, queries, actions }, observer, guards);
  return { asyncDb, runner, recovery, routes };
}

/** Builds and starts one orchestrator instance (migrations, HTTP server, recovery worker). */
export async function startOrchestrateur(
  config: Config,
  options: { definitions?: ChooseDefinitions } = {},
): Promise<Orchestrateur> {
  const choose = options.definitions ?? checkoutDefinitions;
  const owner = config.instanceId ?? instanceId();
  let parts: ReturnType<typeof build> | undefined;
  const running = await startService({
    name: 'orchestrateur',
    config,
    mount: (deps) => {
      const built = build(config, owner, choose, deps);
      parts = built;
      return {
        routes: built.routes,
        describe: { owner },
        start: () => built.recovery.start(),
        stop: async () => {
          await built.recovery.stop();
          const { finished, released } = await built.runner.drain(config.shutdownGraceMs);
          deps.logger.info('sagas drained', { finished, released });
          await built.asyncDb.destroy();
        },
      };
    },
  });
  const { runner, recovery } = parts as ReturnType<typeof build>;
  let stopping: Promise<void> | undefined;
  return {
    url: running.url,
    port: running.port,
    owner,
    db: running.db,
    runner,
    recovery,
    logger: running.logger,
    stop: () => (stopping ??= running.close()),
  };
}
