import { expect } from 'chai';
import { ApiError, apiFetch } from '../../web/src/lib/api/client.js';

/** The front's fetch wrapper against a scripted server: one answer per call, in order. */
describe('web apiFetch and Retry-After', () => {
  const realFetch = globalThis.fetch;
  let answers: Response[];
  let calls: number;
  beforeEach(() => {
    calls = 0;
    // Only the front's calls (relative paths): other suites' background fetches go through.
    globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      if (typeof input !== 'string' || !input.startsWith('/')) return realFetch(input, init);
      calls += 1;
      return Promise.resolve(answers.shift() ?? new Response('{}', { status: 200 }));
    }) as typeof fetch;
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  const overloaded = (retryAfter = '0'): Response =>
    new Response(JSON.stringify({ error: { code: 'SURCHARGE', message: 'busy' } }), {
      status: 503,
      headers: { 'Retry-After': retryAfter, 'Content-Type': 'application/json' },
    });

  it('sends a checkout (Idempotency-Key) again once Retry-After has passed, and returns its answer', async () => {
    answers = [overloaded(), new Response('{"ok":true}', { status: 201 })];
    const res = await apiFetch<{ ok: boolean }>('POST', '/api/commande/checkout', {
      body: { client_id: 1 },
      headers: { 'Idempotency-Key': 'k1' },
    });
    expect(res.status).to.equal(201);
    expect(calls).to.equal(2);
  });

  it('gives up after two more tries, with the server Retry-After on the error', async () => {
    answers = [overloaded(), overloaded(), overloaded('3')];
    const err = await apiFetch('GET', '/api/commande').catch((e: unknown) => e);
    expect(err).to.be.instanceOf(ApiError);
    expect((err as ApiError).status).to.equal(503);
    expect((err as ApiError).retryAfterS).to.equal(3);
    expect(calls).to.equal(3);
  });

  it('never repeats a command without an Idempotency-Key, nor waits longer than 5 s', async () => {
    answers = [overloaded()];
    const post = await apiFetch('POST', '/api/panier/1/lignes', { body: {} }).catch((e) => e);
    expect((post as ApiError).code).to.equal('SURCHARGE');
    expect(calls).to.equal(1);
    answers = [overloaded('60')];
    const get = await apiFetch('GET', '/api/commande').catch((e: unknown) => e);
    expect((get as ApiError).retryAfterS).to.equal(60);
    expect(calls).to.equal(2);
  });
});
