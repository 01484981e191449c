import type { Knex } from 'knex';
import { serviceStarter } from '../../lib/service-starter.js';
import type { AuthServiceConfig } from './config.js';
import { KeyRing } from './key-ring.js';
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
  ({ db, guards }, config) => {
    const keys = keyRing(db, config);
    const passwords = new PasswordChecker(config.hashCost);
    const logins = new Logins(db, keys, passwords, {
      issuer: config.auth.issuer,
      audience: config.auth.audience,
      ttlS: config.tokenTtlS,
    });
    return {
      routes: authRoutes(logins, keys, guards),
      // The key set is never empty: a verifier that fetches it early caches a usable one.
      prepare: () => keys.ensureSigner(),
      describe: { tokenTtlS: config.tokenTtlS, keyActivationDelayS: config.keyActivationDelayS },
    };
  },
  (db, config) => keyRing(db, config).verificationKeys(),
);
