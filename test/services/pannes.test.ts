import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import got from 'got';
import { panneOperations, panneParticipants } from '../../src/lib/pannes.js';
import { loadVentesConfig } from '../../src/services/ventes/config.js';
import { expectError } from '../contract/contract-support.js';
import { call, del, get, post } from '../contract/http.js';
import { realServicesContext } from '../contract/real-services-fixture.js';
import { startServicesWith } from './support/demo-services.js';
import {
  arm,
  OPERATION_CASES,
  type OperationCase,
  type PannesBody,
  pannesOf,
  participantUrl,
} from './support/pannes-cases.js';
import type { TestServices } from './support/services.js';

const PARTICIPANTS = panneParticipants();
const LENTEUR_MS = 300;

const caseOf = (operation: string): OperationCase => {
  const found = OPERATION_CASES.find((c) => c.operation === operation);
  if (!found) throw new Error(`no case for ${operation}`);
  return found;
};

function servicesForSuite(extra: Record<string, string>): () => TestServices {
  let services: TestServices | undefined;
  before(async () => {
    services = await startServicesWith(extra);
  });
  after(async () => {
    await services?.close();
  });
  return () => {
    if (!services) throw new Error('services not started');
    return services;
  };
}

describe('demo fault switches (pannes)', () => {
  it('are off unless DEMO_FAULTS=true', () => {
    const env = { DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db', AUTH_REQUIRED: 'false' };
    expect(loadVentesConfig(env).demoFaults).to.equal(false);
    expect(loadVentesConfig({ ...env, DEMO_FAULTS: 'false' }).demoFaults).to.equal(false);
    expect(loadVentesConfig({ ...env, DEMO_FAULTS: 'true' })).to.include({
      demoFaults: true,
      panneLenteurMs: 5000,
    });
  });

  describe('when DEMO_FAULTS is not set', () => {
    const s = servicesForSuite({});

    for (const p of PARTICIPANTS) {
      it(`${p}: the switch routes do not exist (404), whatever is tried`, async () => {
        const base = participantUrl(s(), p);
        for (const operation of panneOperations(p)) {
          const put = await arm(base, p, operation, { mode: 'indisponible', nombre: 5 });
          expectError(put, 404, 'NOT_FOUND');
        }
        expectError(await get(`${base}/api/pannes/${p}`), 404, 'NOT_FOUND');
        expectError(await del(`${base}/api/pannes/${p}`), 404, 'NOT_FOUND');
      });
    }

    for (const c of OPERATION_CASES) {
      it(`${c.participant} ${c.operation}: goes through after an attempt to arm it`, async () => {
        const ready = await c.prepare(s());
        await arm(participantUrl(s(), c.participant), c.participant, c.operation, {
          mode: 'refus',
          nombre: 100,
        });
        const res = await ready.call();
        expect(res.status, JSON.stringify(res.body)).to.equal(ready.ok);
      });
    }
  });

  describe('when DEMO_FAULTS=true', () => {
    const s = servicesForSuite({ DEMO_FAULTS: 'true', PANNE_LENTEUR_MS: String(LENTEUR_MS) });
    afterEach(async () => {
      for (const p of PARTICIPANTS) await del(`${participantUrl(s(), p)}/api/pannes/${p}`);
    });

    for (const p of PARTICIPANTS) {
      it(`${p}: lists its operations, none armed, and serves only its own name`, async () => {
        const base = participantUrl(s(), p);
        expect(await pannesOf(base, p)).to.deep.equal({
          participant: p,
          operations: panneOperations(p),
          actives: [],
        });
        const other = PARTICIPANTS.find((o) => o !== p) ?? p;
        expectError(await get(`${base}/api/pannes/${other}`), 404, 'NOT_FOUND');
      });
    }

    for (const c of OPERATION_CASES) {
      it(`${c.participant} ${c.operation}: indisponible x2 answers 503 twice without effect, then stops`, async () => {
        const base = participantUrl(s(), c.participant);
        const ready = await c.prepare(s());
        const before = await ready.effect();
        const armed = await arm(base, c.participant, c.operation, {
          mode: 'indisponible',
          nombre: 2,
        });
        expect(armed.status).to.equal(200);
        expect((armed.body as unknown as PannesBody).actives).to.deep.equal([
          { operation: c.operation, mode: 'indisponible', restant: 2 },
        ]);

        const first = await ready.call();
        expectError(first, 503, 'PANNE_SIMULEE');
        expect(first.headers['retry-after']).to.equal('1');
        expect((await pannesOf(base, c.participant)).actives).to.deep.equal([
          { operation: c.operation, mode: 'indisponible', restant: 1 },
        ]);
        expectError(await ready.call(), 503, 'PANNE_SIMULEE');
        expect(await ready.effect()).to.deep.equal(before);
        expect((await pannesOf(base, c.participant)).actives).to.deep.equal([]);

        const third = await ready.call();
        expect(third.status, JSON.stringify(third.body)).to.equal(ready.ok);
      });
    }

    it("refus answers the call's contract refusal without effect, then the call goes through", async () => {
      const ready = await caseOf('payer').prepare(s());
      const before = await ready.effect();
      await arm(s().client.url, 'client', 'payer', { mode: 'refus', nombre: 1 });
      expectError(await ready.call(), 402, 'SOLDE_INSUFFISANT');
      expect(await ready.effect()).to.equal(before);
      expect((await ready.call()).status).to.equal(201);
      expect(await ready.effect()).to.equal(Number(before) - 500);
    });

    it(`lenteur holds the call PANNE_LENTEUR_MS, then answers 503 without effect`, async () => {
      const ready = await caseOf('reserver_stock').prepare(s());
      await arm(s().stock.url, 'stock', 'reserver_stock', { mode: 'lenteur', nombre: 1 });
      const started = Date.now();
      expectError(await ready.call(), 503, 'PANNE_SIMULEE');
      expect(Date.now() - started).to.be.at.least(LENTEUR_MS - 5);
      expect(await ready.effect()).to.equal(10);
      const again = Date.now();
      expect((await ready.call()).status).to.equal(201);
      expect(Date.now() - again).to.be.below(LENTEUR_MS);
      expect(await ready.effect()).to.equal(8);
    });

    it('lenteur still uses up its count when the caller gives up first', async () => {
      const ready = await caseOf('reserver_stock').prepare(s());
      await arm(s().stock.url, 'stock', 'reserver_stock', { mode: 'lenteur', nombre: 1 });
      const commande_id = randomUUID();
      const gaveUp = got
        .post(`${s().stock.url}/api/stock/reserver`, {
          json: { commande_id, magasin_id: 1, lignes: [{ produit_id: 1, quantite: 1 }] },
          timeout: { request: 50 },
          retry: { limit: 0 },
        })
        .then(
          () => 'answered',
          (err: { code?: string }) => err.code,
        );
      expect(await gaveUp).to.equal('ETIMEDOUT');
      expect((await pannesOf(s().stock.url, 'stock')).actives).to.deep.equal([]);
      await new Promise((r) => setTimeout(r, LENTEUR_MS));
      expect((await ready.call()).status).to.equal(201);
      expect((await get(`${s().stock.url}/health`)).status).to.equal(200);
    });

    it('a PUT replaces what was armed on that operation; DELETE switches everything off', async () => {
      const base = s().client.url;
      await arm(base, 'client', 'payer', { mode: 'refus', nombre: 5 });
      await arm(base, 'client', 'rembourser', { mode: 'lenteur', nombre: 3 });
      await arm(base, 'client', 'payer', { mode: 'indisponible', nombre: 1 });
      expect((await pannesOf(base, 'client')).actives).to.deep.equal([
        { operation: 'payer', mode: 'indisponible', restant: 1 },
        { operation: 'rembourser', mode: 'lenteur', restant: 3 },
      ]);
      const cleared = await del<PannesBody>(`${base}/api/pannes/client`);
      expect(cleared.status).to.equal(200);
      expect(cleared.body.actives).to.deep.equal([]);
      const ready = await caseOf('payer').prepare(s());
      expect((await ready.call()).status).to.equal(201);
    });

    it('touches only the armed operation: the rest of the service answers as usual', async () => {
      const { fixture } = realServicesContext(s());
      const client = await fixture.createClient(1000);
      await arm(s().client.url, 'client', 'payer', { mode: 'indisponible', nombre: 10 });
      const url = `${s().client.url}/api/clients/${client}`;
      expect((await post(`${url}/crediter`, { montant_cents: 1 })).status).to.equal(200);
      expect((await get(url)).status).to.equal(200);
      expect((await get(`${url}/paiements`)).status).to.equal(200);
      const rembourser = await post(`${url}/rembourser`, { commande_id: randomUUID() });
      expect(rembourser.status).to.equal(200);
    });

    const BAD_BODIES: [string, unknown][] = [
      ['an unknown mode', { mode: 'panne', nombre: 1 }],
      ['nombre 0', { mode: 'refus', nombre: 0 }],
      ['nombre 101', { mode: 'refus', nombre: 101 }],
      ['nombre 1.5', { mode: 'refus', nombre: 1.5 }],
      ['no nombre', { mode: 'refus' }],
      ['no mode', { nombre: 1 }],
      ['another key', { mode: 'refus', nombre: 1, participant: 'stock' }],
      ['no body', undefined],
    ];
    for (const [what, body] of BAD_BODIES) {
      it(`refuses ${what} with 400 and arms nothing`, async () => {
        const res = await call('PUT', `${s().stock.url}/api/pannes/stock/reserver_stock`, {
          json: body,
        });
        expectError(res, 400, 'VALIDATION_ERROR');
        expect((await pannesOf(s().stock.url, 'stock')).actives).to.deep.equal([]);
      });
    }

    it("refuses another participant's operation, or an unknown one, with 400", async () => {
      for (const operation of ['payer', 'lire_panier', 'reserver', 'inconnue']) {
        const res = await arm(s().stock.url, 'stock', operation, { mode: 'refus', nombre: 1 });
        expectError(res, 400, 'VALIDATION_ERROR');
      }
    });

    it('refuses malformed JSON with 400 MALFORMED_JSON', async () => {
      const res = await got.put(`${s().stock.url}/api/pannes/stock/reserver_stock`, {
        body: '{"mode":',
        headers: { 'content-type': 'application/json' },
        throwHttpErrors: false,
        retry: { limit: 0 },
      });
      expect(res.statusCode).to.equal(400);
      expect(JSON.parse(res.body)).to.have.nested.property('error.code', 'MALFORMED_JSON');
    });
  });
});
