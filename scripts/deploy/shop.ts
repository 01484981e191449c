/**
 * A customer, as the deployment sees one: over HTTP through the published front (nginx →
 * gateway → services), signing in, filling the cart, checking out with an Idempotency-Key
 * that is reused, unchanged, for every retry of the same checkout.
 */
import { randomUUID } from 'node:crypto';

export interface Answer {
  status: number;
  body: unknown;
}

export async function call(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; key?: string; timeoutMs?: number } = {},
): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.key ? { 'idempotency-key': opts.key } : {}),
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text
  }
  return { status: res.status, body };
}

export async function signIn(base: string, username: string, password: string): Promise<string> {
  const res = await call(base, 'POST', '/api/auth/token', { body: { username, password } });
  if (res.status !== 200)
    throw new Error(`sign-in of ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { access_token: string }).access_token;
}

const TERMINAL = new Set(['CONFIRMEE', 'ANNULEE']);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Outcome {
  etat: string;
  id: string;
  /** Answers that had to be retried (network error, 5xx): the same key each time. */
  retries: number;
  statuses: number[];
}

/** Until `deadline`: network errors and 502/503/504 are retried with the same key. */
async function retrying(
  deadline: number,
  attempt: () => Promise<Answer>,
  statuses: number[],
): Promise<Answer> {
  for (;;) {
    const res = await attempt().catch((err: unknown) => ({ status: 0, body: String(err) }));
    statuses.push(res.status);
    if (![0, 500, 502, 503, 504].includes(res.status) || Date.now() > deadline) return res;
    await sleep(500);
  }
}

/**
 * One checkout to its end: 201 CONFIRMEE, 409 ANNULEE, or 202 then the commande read until
 * it is final. Anything else after `patienceMs` of retries is a failure (thrown).
 */
export async function checkout(
  base: string,
  token: string,
  magasinId: number,
  patienceMs = 90_000,
): Promise<Outcome> {
  const key = randomUUID();
  const deadline = Date.now() + patienceMs;
  const statuses: number[] = [];
  const res = await retrying(
    deadline,
    () =>
      call(base, 'POST', '/api/commande/checkout', { token, key, body: { magasin_id: magasinId } }),
    statuses,
  );
  const body = res.body as { id?: string; etat?: string; etat_actuel?: string };
  const id = body.id ?? '';
  let etat = body.etat_actuel ?? body.etat ?? '';
  if (![201, 202, 409, 502].includes(res.status) || id === '')
    throw new Error(`checkout ${key}: ${statuses.join(',')} ${JSON.stringify(res.body)}`);
  while (!TERMINAL.has(etat)) {
    if (Date.now() > deadline)
      throw new Error(`commande ${id} still ${etat} after ${patienceMs} ms`);
    await sleep(500);
    const read = await retrying(
      deadline,
      () => call(base, 'GET', `/api/commande/${id}`, { token }),
      [],
    );
    const view = read.body as { etat_actuel?: string; etat?: string };
    etat = view.etat_actuel ?? view.etat ?? etat;
  }
  return { etat, id, retries: statuses.length - 1, statuses };
}

/** The cart line set to `quantite` (PUT: the same answer however often it is sent). */
export async function setLine(
  base: string,
  token: string,
  clientId: number,
  produitId: number,
  quantite: number,
): Promise<void> {
  const statuses: number[] = [];
  const res = await retrying(
    Date.now() + 60_000,
    () =>
      call(base, 'PUT', `/api/panier/${clientId}/lignes/${produitId}`, {
        token,
        body: { quantite },
      }),
    statuses,
  );
  if (res.status >= 300 && res.status !== 404) {
    throw new Error(
      `PUT cart line ${clientId}/${produitId}: ${statuses.join(',')} ${JSON.stringify(res.body)}`,
    );
  }
  if (res.status === 404) {
    const add = await retrying(
      Date.now() + 60_000,
      () =>
        call(base, 'POST', `/api/panier/${clientId}/lignes`, {
          token,
          body: { produit_id: produitId, quantite },
        }),
      statuses,
    );
    if (add.status >= 300)
      throw new Error(`POST cart line ${clientId}: ${add.status} ${JSON.stringify(add.body)}`);
  }
}
