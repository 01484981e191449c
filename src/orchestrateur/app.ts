import { Router } from 'express';
import type { Knex } from 'knex';
import type { Logger } from '../lib/logger.js';
import { type ServiceDeps, serviceMigrations, startService } from '../lib/service.js';
import type { CheckoutRunner } from './application/checkout.js';
import type { RecoveryWorker } from './application/recovery.js';
import {
  buildCheckout,
  type ChooseDefinitions,
  type Config,
  instanceId,
  retryOf,
} from './app-checkout.js';
import { buildInscriptions, type InscriptionParts } from './app-inscription.js';
import { checkoutDefinitions } from './checkout/versions.js';
import { ServiceHttp } from './clients/service-http.js';
import type { AbandonedRow } from './data/commandes-repo.js';

export type { ChooseDefinitions } from './app-checkout.js';

export const MIGRATIONS_DIR = serviceMigrations('orchestrateur');

export interface Orchestrateur {
  readonly url: string;
  readonly port: number;
  readonly owner: string;
  readonly db: Knex;
  readonly runner: CheckoutRunner;
  readonly recovery: RecoveryWorker<AbandonedRow>;
  /** The sign-up saga's runner and recovery; absent without AUTH_URL. */
  readonly inscriptions: InscriptionParts | undefined;
  readonly logger: Logger;
  /** Graceful: stop listening, finish or hand back sagas, close the pools. */
  stop(): Promise<void>;
}

/**
 * Everything one instance runs, built here and in the two files it calls, nowhere else
 * (docs/architecture.md): the checkout (app-checkout.ts) and the sign-up
 * (app-inscription.ts), which share the participants' HTTP client and the retry settings.
 */
function build(config: Config, owner: string, choose: ChooseDefinitions, deps: ServiceDeps) {
  const http = new ServiceHttp({
    timeoutMs: config.stepTimeoutMs,
    maxSockets: config.httpMaxSockets,
    serviceToken: config.auth.serviceToken,
  });
  const retry = retryOf(config);
  const checkout = buildCheckout(config, owner, choose, http, deps);
  const inscription = buildInscriptions({ config, owner, http, retry, deps });
  const routes = Router().use(checkout.routes, inscription.routes);
  return { ...checkout, routes, inscriptions: inscription.parts };
}

/** Stops taking sagas, then lets those running finish (or hands them back). */
async function stopParts(parts: ReturnType<typeof build>, config: Config, logger: Logger) {
  const sign = parts.inscriptions;
  await Promise.all([parts.recovery.stop(), sign?.recovery.stop()]);
  const [checkout, inscriptions] = await Promise.all([
    parts.runner.drain(config.shutdownGraceMs),
    sign?.runner.drain(config.shutdownGraceMs),
  ]);
  logger.info('sagas drained', { ...checkout, inscriptions });
  await parts.asyncDb.destroy();
}

/** Builds and starts one orchestrator instance (migrations, HTTP server, recovery workers). */
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
        start: () => {
          built.recovery.start();
          built.inscriptions?.recovery.start();
        },
        stop: () => stopParts(built, config, deps.logger),
      };
    },
  });
  const { runner, recovery, inscriptions } = parts as ReturnType<typeof build>;
  let stopping: Promise<void> | undefined;
  return {
    url: running.url,
    port: running.port,
    owner,
    db: running.db,
    runner,
    recovery,
    inscriptions,
    logger: running.logger,
    stop: () => (stopping ??= running.close()),
  };
}
