import { type Request, Router } from 'express';
import Joi from 'joi';
import type { AuthGuards } from '../../lib/auth.js';
import { validate } from '../../lib/validation.js';
import type { KeyRing } from './key-ring.js';
import { retryAfterHeader } from './login-throttle.js';
import type { Logins } from './logins.js';

// No pattern on either field: joi would echo the value in its message.
const tokenBody = Joi.object<{ username: string; password: string }>({
  username: Joi.string().trim().lowercase().min(1).max(64).required(),
  password: Joi.string().min(1).max(1024).required(),
}).required();

export function authRoutes(
  logins: Logins,
  keys: KeyRing,
  guards: AuthGuards,
  addressOf: (req: Request) => string,
  demoData = false,
): Router {
  const router = Router();

  router.post('/api/auth/token', async (req, res) => {
    const { username, password } = validate(tokenBody, req.body, 'body');
    res.setHeader('Cache-Control', 'no-store');
    res.json(await logins.login(username, password, addressOf(req)));
  });
  router.use('/api/auth/token', retryAfterHeader);

  // Public: whether the login page may list the demo accounts (DEMO_DATA).
  router.get('/api/auth/demo', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.json({ demo_data: demoData });
  });

  router.get('/.well-known/jwks.json', async (_req, res) => {
    res.json({ keys: await keys.publicKeys() });
  });

  router.post('/api/auth/keys/rotate', guards.requireRole('operateur'), async (_req, res) => {
    const { kid, signs_from } = await keys.rotate();
    res.json({ kid, signs_from: signs_from.toISOString() });
  });

  return router;
}
