import { expect } from 'chai';
import nock from 'nock';
import type { Orchestrateur } from '../../src/orchestrateur/app.js';
import { type ApiResponse, call } from '../contract/http.js';
import { serviceForSuite } from '../services/support/services.js';
import { participants } from '../support/nock-participants.js';
import { startTestOrchestrateur } from '../support/orchestrateur.js';
import {
  bearer,
  claimsFor,
  identityEnv,
  SERVICE_TOKEN,
  signedByAuth,
  startTestAuth,
} from './support/identity.js';

describe("the saga calls the services as itself, never with the customer's token", function () {
  this.timeout(30_000);
  const auth = serviceForSuite(() => startTestAuth());
  // The cart's answer below takes 3.5 s: the step may take that long.
  const orchestrateur = serviceForSuite(async () => {
    const env = identityEnv(auth().url, { SAGA_STEP_TIMEOUT_MS: '6000' });
    const started: Orchestrateur = await startTestOrchestrateur(env);
    return Object.assign(started, { close: () => started.stop() });
  });
  afterEach(() => nock.cleanAll());

  it('every call carries the service token, and the saga ends well after the token expired', async () => {
    const clientId = 31;
    // Valid for 3 more seconds (5 s of clock tolerance past its exp): expired mid-saga.
    const now = Math.floor(Date.now() / 1000);
    const token = await signedByAuth(auth(), {
      ...claimsFor({ sub: 'zoe', roles: ['client'], client_id: clientId }),
      iat: now - 600,
      exp: now - 2,
    });
    const p = participants(clientId);
    const seen: (string | undefined)[] = [];
    const record = (scope: nock.Scope): void => {
      scope.on('request', (req: { headers: Record<string, string | undefined> }) => {
        seen.push(req.headers.authorization);
      });
    };
    record(p.lire_panier(200, undefined, 3_500));
    record(p.reserver_stock());
    record(p.payer());
    record(p.enregistrer_vente());
    record(p.vider_panier());

    const res: ApiResponse<{ etat: string; client_id: number }> = await call(
      'POST',
      `${orchestrateur().url}/api/commande/checkout`,
      { json: { magasin_id: 1 }, headers: { ...bearer(token), 'idempotency-key': 'saga-id-1' } },
    );

    expect(res.status).to.equal(201);
    expect(res.body).to.include({ etat: 'CONFIRMEE', client_id: clientId });
    expect(p.names()).to.deep.equal([
      'lire_panier',
      'reserver_stock',
      'payer',
      'enregistrer_vente',
      'vider_panier',
    ]);
    expect(seen).to.deep.equal(Array(5).fill(`Bearer ${SERVICE_TOKEN}`));
    const late = await call('GET', `${orchestrateur().url}/api/commandes`, {
      headers: bearer(token),
    });
    expect(late.status, 'the token had expired meanwhile').to.equal(401);
  });

  it('a client reads a technical failure in words; the operator reads what the network said', async () => {
    const clientId = 32;
    const as = async (roles: string[]) =>
      bearer(await signedByAuth(auth(), claimsFor({ sub: 'yann', roles, client_id: clientId })));
    const p = participants(clientId);
    p.lire_panier();
    nock('http://stock.test')
      .post('/api/stock/reserver')
      .times(4)
      .reply(503, {
        error: { code: 'BASE_INDISPONIBLE', message: 'pool of stock-db-1 exhausted' },
      });
    p.liberer_stock();
    const res: ApiResponse<{ id: string; echec: { message: string } }> = await call(
      'POST',
      `${orchestrateur().url}/api/commande/checkout`,
      { json: { magasin_id: 1 }, headers: await as(['client']) },
    );
    expect(res.status, JSON.stringify(res.body)).to.equal(502);
    expect(res.body.echec.message).not.to.match(/http|stock\.test|BASE_INDISPONIBLE/);
    const read = (headers: Record<string, string>) =>
      call<{ echec: { message: string } }>(
        'GET',
        `${orchestrateur().url}/api/commande/${res.body.id}`,
        { headers },
      );
    const client = await read(await as(['client']));
    expect(client.body.echec.message).to.equal(
      'The stock service did not answer properly; our operators have the details.',
    );
    const operateur = await read(await as(['operateur']));
    expect(operateur.body.echec.message).to.contain('http://stock.test/api/stock/reserver');
    expect(operateur.body.echec.message).to.contain('503 BASE_INDISPONIBLE');
  });
});
