/**
 * What the supervisor starts for `npm start`: one child per service, or (SERVICE_PROCESSES=
 * shared, the default) the orchestrator alone and every other service in one child.
 */
import { participantsEnv } from '../lib/participant-calls.js';
import type { SystemConfig, SystemService } from './config.js';
import type { ChildSpec } from './supervisor.js';

export const internalUrl = (config: SystemConfig, s: SystemService): string =>
  `http://127.0.0.1:${config.ports[s]}`;

/** What every child gets: the inherited environment, where to listen, how to log, identity. */
function commonEnv(config: SystemConfig): NodeJS.ProcessEnv {
  return {
    ...config.inheritedEnv,
    HOST: config.host,
    LOG_LEVEL: config.logLevel,
    LOG_FORMAT: config.logFormat,
    // Every process checks identity the same way: the auth service's keys, one service token.
    AUTH_REQUIRED: String(config.authRequired),
    AUTH_JWKS_URL: `${internalUrl(config, 'auth')}/.well-known/jwks.json`,
    SERVICE_TOKEN: config.serviceToken,
  };
}

/** What one service gets of its own: its port, its database, whom it calls. */
function ownEnv(
  config: SystemConfig,
  s: SystemService,
  databaseUrl: string,
): Record<string, string> {
  const url = (to: SystemService): string => internalUrl(config, to);
  const calls: Partial<Record<SystemService, Record<string, string>>> = {
    panier: { PRODUITS_URL: url('produits'), CLIENT_URL: url('client') },
    // Each service of the participant record, under the name it has in the system, and
    // the auth service for the sign-up saga.
    orchestrateur: { ...participantsEnv(url), AUTH_URL: url('auth') },
    // The login page lists the demo accounts only if they were loaded.
    auth: { DEMO_DATA: String(config.seed) },
  };
  return { PORT: String(config.ports[s]), DATABASE_URL: databaseUrl, ...calls[s] };
}

/** The children that run `services`, each service's database URL given. */
export function childSpecs(
  config: SystemConfig,
  services: readonly SystemService[],
  dbUrls: Readonly<Record<string, string>>,
): ChildSpec[] {
  const own = (s: SystemService): Record<string, string> => ownEnv(config, s, dbUrls[s] ?? '');
  const alone = services.filter(
    (s) => config.serviceProcesses === 'separate' || s === 'orchestrateur',
  );
  const specs: ChildSpec[] = alone.map((s) => ({
    name: s,
    entry: s,
    services: [s],
    readyUrls: [internalUrl(config, s)],
    env: { ...commonEnv(config), ...own(s) },
  }));
  const hosted = services.filter((s) => !alone.includes(s));
  if (hosted.length > 0) {
    specs.push({
      name: 'services',
      entry: 'services',
      services: hosted,
      readyUrls: hosted.map((s) => internalUrl(config, s)),
      env: {
        ...commonEnv(config),
        SERVICE_GROUP: JSON.stringify(Object.fromEntries(hosted.map((s) => [s, own(s)]))),
      },
    });
  }
  return specs;
}
