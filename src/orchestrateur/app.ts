import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { createDb, isReachable, migrate } from '../lib/db.js';
import {
  createBaseApp,
  createRegistry,
  errorHandler,
  listen,
  notFoundHandler,
  type RunningServer,
} from '../lib/http.js';
import { createLogger, type Logger } from '../lib/logger.js';
import { Admission } from './admission.js';
import { CheckoutService } from './checkout-service.js';
import { Participants } from './clients/participants.js';
import { ServiceHttp } from './clients/service-http.js';
import type { OrchestrateurConfig } from './config.js';
import { countByEtat } from './data/commandes-repo.js';
import { checkoutSaga } from './domain/checkout-saga.js';
import { createSagaMetrics } from './metrics.js';
import { RecoveryWorker } from './recovery.js';
import { commandeRoutes } from './routes/commande-routes.js';
import { SagaRunner } from './saga-runner.js';

export const MIGRATIONS_DIR = new URL('../../migrations/orchestrateur', import.meta.url).pathname;

export interface Orchestrateur {
  readonly url: string;
  readonly port: number;
  readonly owner: string;
  readonly db: Knex;
  readonly runner: SagaRunner;
  readonly recovery: RecoveryWorker;
  readonly logger: Logger;
  /** Graceful: stop listening, finish or hand back sagas, close the pool. */
  stop(): Promise<void>;
}

const instanceId = (): string => `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;

/** Builds and starts one orchestrator instance (migrations, HTTP server, recovery worker). */
export async function startOrchestrateur(
  config: Readonly<OrchestrateurConfig> & { databaseUrl: string },
): Promise<Orchestrateur> {
  const logger = createLogger('orchestrateur', config.logLevel, config.logFormat);
  const owner = config.instanceId ?? instanceId();
  const db = createDb({
    url: config.databaseUrl,
    poolMax: config.dbPoolMax,
    applicationName: `orchestrateur ${owner}`,
  });
  const asyncDb = createDb({
    url: config.databaseUrl,
    poolMax: Math.max(2, Math.ceil(config.dbPoolMax / 2)),
    applicationName: `orchestrateur ${owner} (async commit)`,
    synchronousCommit: false,
  });
  await migrate(db, MIGRATIONS_DIR);

  const registry = createRegistry('orchestrateur');
  const metrics = createSagaMetrics(registry, () => countByEtat(db));
  const http = new ServiceHttp({
    timeoutMs: config.stepTimeoutMs,
    maxSockets: config.httpMaxSockets,
  });
  const saga = checkoutSaga(new Participants(http, config));
  const runner = new SagaRunner({
    db,
    asyncDb,
    saga,
    owner,
    leaseMs: config.leaseMs,
    retry: {
      stepRetries: config.stepRetries,
      compensationRetries: config.compensationRetries,
      baseDelayMs: config.retryBaseMs,
      maxDelayMs: config.retryMaxMs,
    },
    metrics,
    logger,
  });
  const service = new CheckoutService({
    db,
    runner,
    saga,
    owner,
    leaseMs: config.leaseMs,
    budgetMs: config.budgetMs,
    admission: new Admission(config.maxInFlight, config.maxQueued),
    metrics,
  });
  const recovery = new RecoveryWorker({
    db,
    runner,
    owner,
    leaseMs: config.leaseMs,
    intervalMs: config.recoveryIntervalMs,
    batch: config.recoveryBatch,
    maxInFlight: config.maxInFlight,
    metrics,
    logger,
  });

  const app = createBaseApp({
    service: 'orchestrateur',
    logger,
    registry,
    ready: () => isReachable(db),
  });
  app.use(commandeRoutes(service, metrics, config.adminToken));
  app.use(notFoundHandler);
  app.use(errorHandler(logger));

  const server: RunningServer = await listen(app, config.host, config.port);
  recovery.start();
  logger.info('orchestrateur listening', { url: server.url, owner });

  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    const closing = server.close();
    await recovery.stop();
    const { finished, released } = await runner.drain(config.shutdownGraceMs);
    logger.info('sagas drained', { finished, released });
    await closing;
    await Promise.all([db.destroy(), asyncDb.destroy()]);
  };
  return {
    url: server.url,
    port: server.port,
    owner,
    db,
    runner,
    recovery,
    logger,
    stop: () => (stopping ??= stop()),
  };
}
