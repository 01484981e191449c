import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';

/**
 * DEV ONLY, opt-in with AUTH_MOCK=true: answers POST /api/auth/token for the demo
 * accounts with an UNSIGNED token (alg "none") carrying the claims the real identity
 * service issues, so the front can be worked on before that service runs. No service
 * accepts such a token once identity is enforced; the production build never contains it.
 */
const ACCOUNTS: Readonly<Record<string, { roles: string[]; client_id?: number }>> = {
  alice: { roles: ['client'], client_id: 1 },
  bruno: { roles: ['client'], client_id: 2 },
  chloe: { roles: ['client'], client_id: 3 },
  david: { roles: ['client'], client_id: 4 },
  operateur: { roles: ['operateur'] },
};

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(body));
}

function parseCredentials(text: string): { username: string; password: string } | undefined {
  try {
    const body = JSON.parse(text) as { username?: unknown; password?: unknown };
    const { username, password } = body;
    return typeof username === 'string' && typeof password === 'string'
      ? { username, password }
      : undefined;
  } catch {
    return undefined;
  }
}

export function mockAuth(ttlSeconds: number): Plugin {
  return {
    name: 'mock-auth',
    configureServer(server) {
      server.config.logger.warn('AUTH_MOCK=true: /api/auth/token issues UNSIGNED demo tokens');
      server.middlewares.use('/api/auth/token', (req, res, next) => {
        if (req.method !== 'POST') return next();
        void readBody(req).then((text) => {
          const creds = parseCredentials(text);
          if (!creds) {
            send(res, 400, { error: { code: 'VALIDATION_ERROR', message: 'username, password' } });
            return;
          }
          const account = ACCOUNTS[creds.username];
          if (!account || creds.password !== `${creds.username}-demo`) {
            const message = 'Unknown username or wrong password';
            send(res, 401, { error: { code: 'IDENTIFIANTS_INVALIDES', message } });
            return;
          }
          const iat = Math.floor(Date.now() / 1000);
          const claims = {
            iss: 'saga-retail',
            aud: 'saga-retail-api',
            sub: creds.username,
            ...account,
            iat,
            exp: iat + ttlSeconds,
            jti: randomUUID(),
          };
          const token = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`;
          send(res, 200, { access_token: token, token_type: 'Bearer', expires_in: ttlSeconds });
        });
      });
    },
  };
}
