import type { Knex } from 'knex';
import { serviceStarter } from '../../lib/service-starter.js';
import type { AuthServiceConfig } from './config.js';
import { KeyRing } from './key-ring.js';
import { clientAddress, LoginThrottle } from './login-throttle.js';
import { Logins } from './logins.js';
import { PasswordChecker } from './passwords.js';
import { authRoutes } from './routes.js';

const keyRing = (db: Knex, config: AuthServiceConfig): KeyRing =>
  new KeyRing(db, { tokenTtlS: config.tokenTtlS, activationDelayS: config.keyActivationDelayS });

/**
 * The auth service: accounts, access tokens and the keys that sign them. Its one guarded
 * route (rotation) checks tokens with its own keys, read from its database (no HTTP to itself).
 */
export const startAuth = serviceStarter<AuthServiceConfig>(
  'auth',
  ({ db, guards, logger, registry }, config) => {
    const keys = keyRing(db, config);
    const passwords = new PasswordChecker(config.hashCost);
    const throttle = new LoginThrottle(db, config.loginThrottle, logger, registry);
    const logins = new Logins(
      db,
      keys,
      passwords,
      { issuer: config.auth.issuer, audience: config.auth.audience, ttlS: config.tokenTtlS },
      throttle,
    );
    return {
      routes: authRoutes(logins, keys, guards, clientAddress(config.loginThrottle.trustedProxies)),
      // The key set is never empty: a verifier that fetches it early caches a usable one.
      prepare: () => keys.ensureSigner(),
      start: () => throttle.start(),
      stop: async () => throttle.stop(),
      describe: { tokenTtlS: config.tokenTtlS, keyActivationDelayS: config.keyActivationDelayS },
    };
  },
  (db, config) => keyRing(db, config).verificationKeys(),
);
