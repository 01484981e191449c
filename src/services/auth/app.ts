import { Router } from 'express';
import type { Knex } from 'knex';
import { serviceStarter } from '../../lib/service-starter.js';
import type { AuthServiceConfig } from './config.js';
import { ensureFirstOperator } from './first-operator.js';
import { KeyCipher } from './key-crypto.js';
import { KeyRing } from './key-ring.js';
import { inscriptionRoutes } from './inscription-routes.js';
import { Inscriptions } from './inscriptions.js';
import { clientAddress, LoginThrottle } from './login-throttle.js';
import { Logins } from './logins.js';
import { PasswordChecker } from './passwords.js';
import { authRoutes } from './routes.js';

const keyRing = (db: Knex, config: AuthServiceConfig): KeyRing =>
  new KeyRing(db, {
    tokenTtlS: config.tokenTtlS,
    activationDelayS: config.keyActivationDelayS,
    cipher: new KeyCipher(config.keyEncryption.current, config.keyEncryption.previous),
  });

/**
 * The auth service: accounts, access tokens and the keys that sign them, and its part of
 * the sign-up saga. Its guarded routes (rotation; the saga's, service token) check tokens
 * with its own keys, read from its database (no HTTP to itself).
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
    const inscriptions = new Inscriptions(db, config.hashCost, throttle, logger);
    return {
      routes: Router().use(
        authRoutes(
          logins,
          keys,
          guards,
          clientAddress(config.loginThrottle.trustedProxies),
          config.demoData,
        ),
        inscriptionRoutes(inscriptions, guards),
      ),
      // Keys stored before encryption (or under the previous encryption key) are sealed
      // again first; the key set is never empty: a verifier that fetches it early caches a
      // usable one; a new deployment gets its operator account from the secret.
      prepare: async () => {
        await keys.reencryptPrivateKeys();
        await keys.ensureSigner();
        if (config.firstOperator)
          await ensureFirstOperator(db, config.firstOperator, config.hashCost);
      },
      start: () => throttle.start(),
      stop: async () => throttle.stop(),
      describe: { tokenTtlS: config.tokenTtlS, keyActivationDelayS: config.keyActivationDelayS },
    };
  },
  (db, config) => keyRing(db, config).verificationKeys(),
);
