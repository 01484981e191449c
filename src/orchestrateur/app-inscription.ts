import type { Knex } from 'knex';
import { clientAddress } from '../lib/client-address.js';
import type { ServiceDeps } from '../lib/service.js';
import type { RetrySettings } from '../saga/index.js';
import { InscriptionObserver } from './application/inscription-observer.js';
import { InscriptionQueries } from './application/inscription-queries.js';
import {
  type InscriptionActions,
  type InscriptionRunner,
  Inscriptions,
} from './application/inscriptions.js';
import { OperatorActions } from './application/operator-actions.js';
import { claimSagaForOperator } from './data/saga-actions-repo.js';
import { Leases } from './application/leases.js';
import { RecoveryWorker } from './application/recovery.js';
import { SagaRunner } from './application/saga-runner.js';
import { inscriptionClient } from './clients/inscription-participants.js';
import type { ServiceHttp } from './clients/service-http.js';
import type { OrchestrateurConfig } from './config.js';
import { SagaRowWrites } from './data/saga-row-writes.js';
import {
  type AbandonedSagaRow,
  claimAbandonedSagas,
  countSagasByEtat,
  countWaitingSagas,
  toSagaRecord,
} from './data/sagas-repo.js';
import type { Inscription, InscriptionData, InscriptionSecret } from './inscription/inscription.js';
import { type EtatInscription, ROLES_INSCRIPTION } from './inscription/transitions.js';
import { INSCRIPTION_SAGA } from './inscription/inscription-saga.js';
import { inscriptionDefinitions } from './inscription/versions.js';
import { createInscriptionMetrics } from './inscription-metrics.js';
import { inscriptionRoutes } from './routes/inscription-routes.js';

/** What runs sign-ups on this instance (absent without AUTH_URL: it takes none). */
export interface InscriptionParts {
  runner: InscriptionRunner;
  recovery: RecoveryWorker<AbandonedSagaRow>;
}

interface Context {
  config: Readonly<OrchestrateurConfig>;
  owner: string;
  http: ServiceHttp;
  retry: RetrySettings;
  deps: ServiceDeps;
}

/** The sign-up saga's objects: definitions, writes, leases, runner, use case, recovery. */
function buildRunning(
  c: Context,
  urls: Readonly<{ auth: string; client: string }>,
  db: Knex,
  queries: InscriptionQueries,
) {
  const { config, owner, deps } = c;
  const metrics = createInscriptionMetrics(deps.registry, {
    countByEtat: () => countSagasByEtat(db, INSCRIPTION_SAGA),
    countWaiting: () => countWaitingSagas(db, INSCRIPTION_SAGA, ROLES_INSCRIPTION.parked),
  });
  const observer = new InscriptionObserver(metrics, deps.logger);
  const secrets = new Map<string, InscriptionSecret>();
  const vault = { get: (id: string) => secrets.get(id) };
  const definitions = inscriptionDefinitions(inscriptionClient(c.http, urls), vault);
  const { leaseMs, budgetMs } = config;
  const writes = new SagaRowWrites({
    ...{ db, definitions, owner, leaseMs },
    onCommitted: (state, t, created) => observer.committed(state, t, created),
  });
  const leases = new Leases({ writes, leaseMs, logger: deps.logger });
  const runner: InscriptionRunner = new SagaRunner({
    ...{ writes, leases, definitions, observer, retry: c.retry, logger: deps.logger },
    contextKey: 'inscriptionId',
  });
  const inscriptions = new Inscriptions({
    ...{ db, runner, definitions, budgetMs, secrets },
    create: async (initial) => (await writes.create(initial)) as Inscription,
    maxRunning: config.maxInFlight,
  });
  const recovery = new RecoveryWorker<AbandonedSagaRow>({
    runner,
    claim: (batch) =>
      claimAbandonedSagas(db, {
        ...{ nom: INSCRIPTION_SAGA, owner, leaseMs, batch },
        versions: definitions.versions,
      }),
    takeOver: (row, takenAt) => {
      observer.recovered(row);
      runner.run(toSagaRecord(row, []) as Inscription, { takenAt, takenOver: true });
    },
    intervalMs: config.recoveryIntervalMs,
    batch: config.recoveryBatch,
    maxInFlight: config.maxInFlight,
    logger: deps.logger,
  });
  const actions: InscriptionActions = new OperatorActions({
    noun: 'inscription',
    get: (id) => queries.get(id),
    claim: async (current, action, who) => {
      const parked = definitions.get(current.definition.version).states.parked;
      const claim = { id: current.id, nom: INSCRIPTION_SAGA, etat: current.etat, parked };
      const row = await claimSagaForOperator(db, { ...claim, owner, leaseMs, action, ...who });
      return row && { ...toSagaRecord<EtatInscription, InscriptionData>(row, current.historique) };
    },
    move: (current, t) => writes.claim(current, t),
    ...{ runner, definitions, budgetMs },
  });
  return { inscriptions, actions, parts: { runner, recovery } };
}

/** Sign-up's routes, and what runs its sagas when this instance takes sign-ups. */
export function buildInscriptions(c: Context) {
  const { db, guards } = c.deps;
  const queries = new InscriptionQueries(db, INSCRIPTION_SAGA);
  const urls = c.config.inscriptionUrls;
  const running = urls ? buildRunning(c, urls, db, queries) : undefined;
  const addressOf = clientAddress(c.config.trustedProxies);
  const routes = inscriptionRoutes(
    { inscriptions: running?.inscriptions, actions: running?.actions, queries },
    guards,
    addressOf,
  );
  return { routes, parts: running?.parts };
}
