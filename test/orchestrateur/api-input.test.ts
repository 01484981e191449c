import { expect } from 'chai';
import { checkout, expectError } from '../support/checkout.js';
import { participants } from '../support/nock-participants.js';
import { call, useOrchestrateur } from '../support/orchestrateur.js';

describe('Orchestrator API — bad input is a clear 4xx and writes nothing', () => {
  const orch = useOrchestrateur();
  const count = async (): Promise<number> => {
    const { rows } = await orch().db.raw<{ rows: { n: number }[] }>(
      'SELECT count(*)::int AS n FROM commandes',
    );
    return rows[0]?.n ?? -1;
  };

  const badBodies: [string, string | undefined, unknown][] = [
    ['no body', undefined, undefined],
    ['an array', '[]', undefined],
    ['client_id missing', JSON.stringify({ magasin_id: 1 }), undefined],
    ['client_id a string', JSON.stringify({ client_id: '1', magasin_id: 1 }), undefined],
    ['client_id negative', JSON.stringify({ client_id: -1, magasin_id: 1 }), undefined],
    ['client_id zero', JSON.stringify({ client_id: 0, magasin_id: 1 }), undefined],
    ['client_id fractional', JSON.stringify({ client_id: 1.5, magasin_id: 1 }), undefined],
    ['client_id too large', JSON.stringify({ client_id: 2 ** 31, magasin_id: 1 }), undefined],
    ['magasin_id null', JSON.stringify({ client_id: 1, magasin_id: null }), undefined],
    ['an unknown field', JSON.stringify({ client_id: 1, magasin_id: 1, prix: 0 }), undefined],
    ['JSON null', 'null', undefined],
  ];
  for (const [what, raw] of badBodies) {
    it(`checkout with ${what} → 400 VALIDATION_ERROR`, async () => {
      const res = await call(
        orch().url,
        'POST',
        '/api/commande/checkout',
        raw === undefined ? {} : { raw },
      );
      if (raw === undefined) expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
      else if (raw === 'null') expectError(res, 400, 'MALFORMED_JSON');
      else expectError(res, 400, 'VALIDATION_ERROR');
      expect(await count()).to.equal(0);
    });
  }

  it('checkout with malformed JSON → 400 MALFORMED_JSON', async () => {
    const res = await call(orch().url, 'POST', '/api/commande/checkout', {
      raw: '{"client_id": 1,',
    });
    expectError(res, 400, 'MALFORMED_JSON');
    expect(await count()).to.equal(0);
  });

  it('checkout with a body over 100 kB → 413', async () => {
    const raw = JSON.stringify({ client_id: 1, magasin_id: 1, pad: 'x'.repeat(110_000) });
    const res = await call(orch().url, 'POST', '/api/commande/checkout', { raw });
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(await count()).to.equal(0);
  });

  it('checkout with a form body → 415', async () => {
    const res = await call(orch().url, 'POST', '/api/commande/checkout', {
      raw: 'client_id=1&magasin_id=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('checkout with an unprintable Idempotency-Key → 400', async () => {
    const res = await checkout(orch().url, 1, { 'Idempotency-Key': 'a b' });
    expectError(res, 400, 'VALIDATION_ERROR');
    expect(await count()).to.equal(0);
  });

  it('GET a commande that is not a UUID → 400, an unknown one → 404', async () => {
    expectError(await call(orch().url, 'GET', '/api/commande/42'), 400, 'VALIDATION_ERROR');
    expectError(
      await call(orch().url, 'GET', "/api/commande/'%20OR%201=1"),
      400,
      'VALIDATION_ERROR',
    );
    const unknown = '3f1c2a9e-8b7d-4c6e-9f00-1234567890ab';
    expectError(
      await call(orch().url, 'GET', `/api/commande/${unknown}`),
      404,
      'COMMANDE_INCONNUE',
    );
    expectError(
      await call(orch().url, 'GET', `/api/commande/${unknown}/historique`),
      404,
      'COMMANDE_INCONNUE',
    );
  });

  it('GET /api/commandes with bad filters → 400', async () => {
    expectError(
      await call(orch().url, 'GET', '/api/commandes?etat=PERDUE'),
      400,
      'VALIDATION_ERROR',
    );
    expectError(
      await call(orch().url, 'GET', '/api/commandes?client_id=abc'),
      400,
      'VALIDATION_ERROR',
    );
    expectError(await call(orch().url, 'GET', '/api/commandes?limit=0'), 400, 'VALIDATION_ERROR');
    expectError(
      await call(orch().url, 'GET', '/api/commandes?limit=100000'),
      400,
      'VALIDATION_ERROR',
    );
    expectError(await call(orch().url, 'GET', '/api/commandes?sort=x'), 400, 'VALIDATION_ERROR');
  });

  it('a path with a malformed percent-escape → 400, not 500', async () => {
    expectError(await call(orch().url, 'GET', '/api/commande/%E0%A4%A'), 400, 'BAD_REQUEST');
  });

  it('an unknown route → 404 with the error body; a GET on checkout → 405', async () => {
    expectError(await call(orch().url, 'GET', '/api/nope'), 404, 'NOT_FOUND');
    expectError(await call(orch().url, 'GET', '/api/commande/checkout'), 405, 'METHOD_NOT_ALLOWED');
    expectError(await call(orch().url, 'PUT', '/api/commande/checkout'), 405, 'METHOD_NOT_ALLOWED');
  });

  it('reprendre on a commande that is not parked → 409; on an unknown one → 404', async () => {
    const p = participants(3);
    p.lire_panier(200, { client_id: 3, lignes: [], total_cents: 0 });
    const done = await checkout(orch().url, 3);
    const auth = { authorization: 'Bearer test-admin-token-0123456789' };
    expectError(
      await call(orch().url, 'POST', `/api/commande/${done.commande.id}/reprendre`, {
        headers: auth,
      }),
      409,
      'ETAT_INCOMPATIBLE',
    );
    expectError(
      await call(
        orch().url,
        'POST',
        '/api/commande/3f1c2a9e-8b7d-4c6e-9f00-1234567890ab/reprendre',
        {
          headers: auth,
        },
      ),
      404,
      'COMMANDE_INCONNUE',
    );
  });

  it('lists recent commandes, filtered by état, client and magasin', async () => {
    const p = participants(4);
    p.lire_panier(200, { client_id: 4, lignes: [], total_cents: 0 });
    const made = await checkout(orch().url, 4);
    const res = await call(orch().url, 'GET', '/api/commandes?client_id=4&etat=ANNULEE&limit=5');
    expect(res.status).to.equal(200);
    const list = res.body as { id: string; etat: string }[];
    expect(list.map((c) => c.id)).to.deep.equal([made.commande.id]);
    const none = await call(orch().url, 'GET', '/api/commandes?client_id=4&etat=CONFIRMEE');
    expect(none.body).to.deep.equal([]);
    const inMagasin = async (m: number) =>
      (
        (await call(orch().url, 'GET', `/api/commandes?client_id=4&magasin_id=${m}`)).body as {
          id: string;
        }[]
      ).map((c) => c.id);
    expect(await inMagasin(1)).to.deep.equal([made.commande.id]);
    expect(await inMagasin(2)).to.deep.equal([]);
  });

  it('health, readiness and metrics answer', async () => {
    expect((await call(orch().url, 'GET', '/health')).status).to.equal(200);
    expect((await call(orch().url, 'GET', '/ready')).status).to.equal(200);
    const metrics = await call(orch().url, 'GET', '/metrics');
    expect(metrics.status).to.equal(200);
    expect(metrics.text).to.include('commande_etat_total{etat="ANNULEE"');
    expect(metrics.text).to.include('commandes_par_etat{etat="ANNULEE"');
    expect(metrics.text).to.include('http_request_duration_seconds');
  });
});
