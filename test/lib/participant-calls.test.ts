import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import express from 'express';
import { type AuthGuards } from '../../src/lib/auth.js';
import { listen } from '../../src/lib/http.js';
import { panneOperations, panneParticipants, withPannes } from '../../src/lib/pannes.js';
import {
  callNames,
  type CallSpec,
  methodName,
  PARTICIPANT_CALLS,
  participantServices,
} from '../../src/lib/participant-calls.js';
import { participantClient } from '../../src/orchestrateur/clients/participants.js';
import { ServiceHttp } from '../../src/orchestrateur/clients/service-http.js';
import { loadOrchestrateurConfig } from '../../src/orchestrateur/config.js';
import { loadSystemConfig } from '../../src/system/config.js';
import { FakeParticipants } from '../support/fake-participants.js';
import { TEST_ENV } from '../support/orchestrateur.js';
import { participantsEnv } from '../support/sagas.js';

const record = PARTICIPANT_CALLS as unknown as Record<string, CallSpec>;

/** A made-up call on a made-up service, with a compensation, added for one test. */
const EXTRA: Record<string, CallSpec> = {
  planifier_essai: {
    service: 'essai',
    method: 'POST',
    path: '/api/essai/:client_id/planifier',
    body: ['jour'],
    ok: [200, 201],
    answer: { kind: 'etat', etat: 'PLANIFIEE', echo: ['jour'] },
    refusals: [{ status: 409, codes: ['CRENEAU_PRIS', 'ALREADY_COMPENSATED'] }],
    compensation: 'annuler_essai',
    label: 'Planification de l’essai',
  },
  annuler_essai: {
    service: 'essai',
    method: 'POST',
    path: '/api/essai/annuler',
    body: [],
    ok: [200],
    answer: { kind: 'etat', etat: 'ANNULEE' },
    refusals: [],
    label: 'Annulation de l’essai',
  },
};

function withExtraCalls(): void {
  beforeEach(() => Object.assign(record, EXTRA));
  afterEach(() => {
    for (const name of Object.keys(EXTRA)) delete record[name];
  });
}

/** Every guard lets the call through (the switches' own checks are not what is tested). */
const open = {
  requireRole: () => (_req: unknown, _res: unknown, next: () => void) => next(),
} as unknown as AuthGuards;

async function post(url: string, json: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: json === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('the participant record is the one source of the calls', () => {
  it('every compensation named by an action is itself a call of the same service', () => {
    for (const name of callNames()) {
      const spec = record[name] as CallSpec;
      if (spec.compensation === undefined) continue;
      expect(record[spec.compensation]?.service, name).to.equal(spec.service);
    }
  });

  it('the orchestrator needs exactly one URL per service of the record, nothing else', () => {
    const withoutUrls = Object.fromEntries(
      Object.entries(TEST_ENV).filter(([k]) => !k.endsWith('_URL')),
    );
    expect(() => loadOrchestrateurConfig(withoutUrls)).to.throw(/PANIER_URL/);
    const config = loadOrchestrateurConfig({ ...withoutUrls, ...participantsEnv('http://x.test') });
    expect(Object.keys(config.participantUrls)).to.deep.equal([
      'panier',
      'stock',
      'client',
      'ventes',
    ]);
  });

  it('the client has one method per call, named after it', () => {
    const client = participantClient(new ServiceHttp({ timeoutMs: 100, maxSockets: 1 }), {
      panier: '',
      stock: '',
      client: '',
      ventes: '',
    });
    expect(Object.keys(client).sort()).to.deep.equal(callNames().map(methodName).sort());
  });

  it('the fault switches cover exactly the calls, each on its own service', () => {
    expect(panneParticipants()).to.deep.equal(participantServices());
    expect(panneParticipants().flatMap(panneOperations).sort()).to.deep.equal(callNames().sort());
  });

  describe('a call added to the record', () => {
    withExtraCalls();

    it('is required by the configuration of the orchestrator and of npm start', () => {
      expect(participantServices()).to.include('essai');
      expect(() => loadOrchestrateurConfig({ ...TEST_ENV })).to.throw(/ESSAI_URL/);
      const config = loadOrchestrateurConfig({ ...TEST_ENV, ESSAI_URL: 'http://essai.test' });
      expect(config.participantUrls).to.include({ essai: 'http://essai.test' });
      // npm start sets each child's URLs itself: one given to it is not passed down.
      const system = loadSystemConfig({ ESSAI_URL: 'http://elsewhere', SEED: 'false' });
      expect(system.inheritedEnv).to.not.have.property('ESSAI_URL');
      expect(participantsEnv('http://fake')).to.include({ ESSAI_URL: 'http://fake' });
    });

    it('is answered by the fake with the contract semantics, through the client', async () => {
      const fake = await new FakeParticipants().start();
      try {
        const urls = Object.fromEntries(participantServices().map((s) => [s, fake.url]));
        const client = participantClient(
          new ServiceHttp({ timeoutMs: 2000, maxSockets: 4 }),
          urls as never,
        ) as unknown as Record<
          string,
          (input: object, call: object) => Promise<Record<string, unknown>>
        >;
        const signal = new AbortController().signal;
        const call = (sagaId: string, step: string) => ({ sagaId, step, signal });
        const planifier = client.planifierEssai;
        const annuler = client.annulerEssai;
        if (!planifier || !annuler) throw new Error('no client method for the new calls');

        const a = randomUUID();
        const first = await planifier({ client_id: 3, jour: 'lundi' }, call(a, 'essai'));
        expect(first).to.deep.include({ commande_id: a, etat: 'PLANIFIEE', jour: 'lundi' });
        // Idempotent on commande_id: the repeat answers the first answer, once.
        const again = await planifier({ client_id: 3, jour: 'lundi' }, call(a, 'essai'));
        expect(again).to.deep.equal(first);
        const repeat = await post(`${fake.url}/api/essai/3/planifier`, {
          commande_id: a,
          jour: 'mardi',
        });
        expect(repeat).to.deep.equal({ status: 200, body: first });

        // A compensation first leaves a tombstone: the hanging action is refused.
        const b = randomUUID();
        await annuler({}, call(b, 'annuler_essai'));
        const late = await planifier({ client_id: 3, jour: 'lundi' }, call(b, 'essai')).then(
          () => undefined,
          (err: unknown) => err as { kind: string; code: string },
        );
        expect(late).to.include({ kind: 'business', code: 'ALREADY_COMPENSATED' });

        // The fake checks the body the record names.
        const bad = await post(`${fake.url}/api/essai/3/planifier`, { commande_id: randomUUID() });
        expect(bad.status).to.equal(400);
        expect(fake.calls.map((c) => c.route)).to.include.members([
          'planifier_essai',
          'annuler_essai',
        ]);
      } finally {
        await fake.stop();
      }
    });

    it('has its fault switches on its service, `refus` answering its first refusal', async () => {
      expect(panneParticipants()).to.include('essai');
      expect(panneOperations('essai')).to.deep.equal(['planifier_essai', 'annuler_essai']);
      const routes = express.Router().post('/api/essai/:client_id/planifier', (_req, res) => {
        res.status(201).json({ reached: true });
      });
      const app = express();
      app.use(express.json());
      const config = { demoFaults: true, panneLenteurMs: 100 };
      app.use(withPannes('essai' as never, config, open, routes));
      const server = await listen(app, '127.0.0.1', 0);
      try {
        const armed = await fetch(`${server.url}/api/pannes/essai/planifier_essai`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ mode: 'refus', nombre: 1 }),
        });
        expect(armed.status).to.equal(200);
        const refused = await post(`${server.url}/api/essai/3/planifier`, { jour: 'lundi' });
        expect(refused.status).to.equal(409);
        expect((refused.body.error as { code: string }).code).to.equal('CRENEAU_PRIS');
        const through = await post(`${server.url}/api/essai/3/planifier`, { jour: 'lundi' });
        expect(through).to.deep.equal({ status: 201, body: { reached: true } });
      } finally {
        await server.close();
      }
    });
  });
});
