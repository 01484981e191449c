/**
 * `tsx src/main.ts services`: several services in one process, each on its own port with its
 * own database, pool, configuration, logger, metrics and routes, exactly as when it runs
 * alone; only the event loop is shared. `npm start` runs every service but the orchestrator
 * this way (SERVICE_PROCESSES=shared): on a small machine, one process instead of seven wakes
 * up once for several requests, and switches between processes cost more than the requests.
 *
 * SERVICE_GROUP, a JSON object, names the services and what each gets of its own (PORT,
 * DATABASE_URL...); the rest of the environment is common to them all.
 */
import Joi from 'joi';
import type { RunningService } from '../lib/service.js';
import { runUntilSignal } from '../lib/service.js';
import type { SystemService } from './config.js';

type Starter = (env: NodeJS.ProcessEnv) => Promise<RunningService>;
type ServiceMain = () => Promise<{ start: Starter }>;

/**
 * Every service that may share a process: all but the orchestrator, whose process is its own.
 * Each is started by its own `main.ts`'s `start`, as when it runs alone.
 */
export const HOSTED_STARTERS = {
  produits: () => import('../services/produits/main.js'),
  magasin: () => import('../services/magasin/main.js'),
  stock: () => import('../services/stock/main.js'),
  client: () => import('../services/client/main.js'),
  panier: () => import('../services/panier/main.js'),
  ventes: () => import('../services/ventes/main.js'),
  auth: () => import('../services/auth/main.js'),
} satisfies Record<Exclude<SystemService, 'orchestrateur'>, ServiceMain>;

export type HostedService = keyof typeof HOSTED_STARTERS;
export type ServiceGroup = Partial<Record<HostedService, Record<string, string>>>;

const groupSchema = Joi.object<ServiceGroup>()
  .pattern(
    Joi.string().valid(...Object.keys(HOSTED_STARTERS)),
    Joi.object().pattern(Joi.string(), Joi.string()),
  )
  .min(1)
  .required();

/** SERVICE_GROUP checked: a clear error for bad JSON, an unknown service or an empty group. */
export function parseServiceGroup(raw: string | undefined): ServiceGroup {
  let value: unknown;
  try {
    value = JSON.parse(raw ?? '');
  } catch {
    throw new Error('Invalid configuration:\n  - "SERVICE_GROUP" must be a JSON object');
  }
  const { error } = groupSchema.validate(value);
  if (error) throw new Error(`Invalid configuration:\n  - SERVICE_GROUP: ${error.message}`);
  return value as ServiceGroup;
}

/** Starts every service of the group; if one cannot start, stops those that did. */
export async function startGroup(
  group: ServiceGroup,
  env: NodeJS.ProcessEnv,
): Promise<RunningService[]> {
  const names = Object.keys(group) as HostedService[];
  const started = await Promise.allSettled(
    names.map(async (name) => (await HOSTED_STARTERS[name]()).start({ ...env, ...group[name] })),
  );
  const running = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.allSettled(running.map((r) => r.close()));
    throw failed.reason;
  }
  return running;
}

export async function main(): Promise<void> {
  const running = await startGroup(parseServiceGroup(process.env.SERVICE_GROUP), process.env);
  const [first] = running;
  if (!first) return;
  runUntilSignal(
    { close: async () => void (await Promise.all(running.map((r) => r.close()))) },
    first.logger,
  );
}
