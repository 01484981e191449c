import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Knex } from 'knex';
import { createDb, poolMaxOf } from '../lib/db.js';
import type { Logger } from '../lib/logger.js';
import { type ServiceDeps, serviceMigrations, startService } from '../lib/service.js';
import { Admission } from './application/admission.js';
import { CheckoutService } from './application/checkout-service.js';
import { CheckoutObserver } from './application/observer.js';
import { OperatorActions } from './application/operator-actions.js';
import { RecoveryWorker } from './application/recovery.js';
import { SagaRunner } from './application/saga-runner.js';
import { checkoutSaga } from './checkout/checkout-saga.js';
import { participantClient } from './clients/participants.js';
import { ServiceHttp } from './clients/service-http.js';
import type { OrchestrateurConfig } from './config.js';
import { countByEtat } from './data/commandes-repo.js';
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

const instanceId = (): string => `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;

/** Everything one instance runs, wired together (routes → application → checkout ← data, clients). */
function build(config: Config, owner: string, { db, logger, registry, guards }: ServiceDeps) {
  const asyncDb = createDb({
    url: config.databaseUrl,
    poolMax: Math.max(2, Math.ceil(config.dbPoolMax / 2)),
    applicationName: `orchestrateur ${owner} (async commit)`,
    synchronousCommit: false,
  });
  createPoolMetrics(registry, { main: poolMaxOf(db), async_commit: poolMaxOf(asyncDb) });
  const http = new ServiceHttp({
    timeoutMs: config.stepTimeoutMs,
    maxSockets: config.httpMaxSockets,
    serviceToken: config.auth.serviceToken,
  });
  const saga = checkoutSaga(participantClient(http, config.participantUrls));
  const metrics = createSagaMetrics(registry, {
    countByEtat: () => countByEtat(db),
    countWaiting: () => countWaiting(db),
    waitingEtats: { suspendue: saga.steps.map((s) => s.from), parquee: [saga.states.parked] },
    background: () => runner.size - admission.load.running,
  });
  const observer = new CheckoutObserver(metrics, logger);
  const retry = {
    stepRetries: config.stepRetries,
    compensationRetries: config.compensationRetries,
    baseDelayMs: config.retryBaseMs,
    maxDelayMs: config.retryMaxMs,
    untilBudgetMs: config.suspendAfterMs,
  };
  const lease = { owner, leaseMs: config.leaseMs };
  const runner = new SagaRunner({
    db,
    asyncDb,
    saga,
    ...lease,
    writeBehindMs: config.writeBehindMs,
    retry,
    observer,
    logger,
  });
  const admission = new Admission(config.maxInFlight, config.maxQueued, () =>
    observer.overloaded(),
  );
  const service = new CheckoutService({
    db,
    runner,
    saga,
    ...lease,
    budgetMs: config.budgetMs,
    maxBackground: config.maxBackground,
    admission,
    observer,
  });
  const actions = new OperatorActions({
    db,
    runner,
    saga,
    checkouts: service,
    ...lease,
    budgetMs: config.budgetMs,
  });
  const recovery = new RecoveryWorker({
    db,
    runner,
    ...lease,
    intervalMs: config.recoveryIntervalMs,
    batch: config.recoveryBatch,
    maxInFlight: config.maxInFlight,
    observer,
    logger,
  });
  return {
    asyncDb,
    runner,
    recovery,
    routes: commandeRoutes(service, actions, observer, guards),
  };
}

/** Builds and starts one orchestrator instance (migrations, HTTP server, recovery worker). */
export async function startOrchestrateur(config: Config): Promise<Orchestrateur> {
  const owner = config.instanceId ?? instanceId();
  let parts: ReturnType<typeof build> | undefined;
  const running = await startService({
    name: 'orchestrateur',
    config,
    mount: (deps) => {
      const built = build(config, owner, deps);
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
