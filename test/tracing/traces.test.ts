import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { participantsEnv } from '../../src/lib/participant-calls.js';
import type { Orchestrateur } from '../../src/orchestrateur/app.js';
import { del } from '../contract/http.js';
import { startServicesWith } from '../services/support/demo-services.js';
import { arm } from '../services/support/pannes-cases.js';
import type { TestServices } from '../services/support/services.js';
import { checkout } from '../support/checkout.js';
import { call, startTestOrchestrateur } from '../support/orchestrateur.js';
import { freshDatabaseUrl } from '../support/postgres.js';
import { type OtlpReceiver, startOtlpReceiver } from './otlp-receiver.js';
import { childrenOf, expectCallTree, one, shopper, traceOf } from './support.js';

const STEPS = ['panier', 'stock', 'paiement', 'vente', 'vider_panier'];

/** A caller's W3C trace context: the checkout must continue it. */
function callerContext() {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-01` };
}

describe('traces (OTLP): one trace per checkout', function () {
  this.timeout(60_000);
  let receiver: OtlpReceiver;
  let services: TestServices;
  let orch: Orchestrateur;
  let otel: Record<string, string>;
  let databaseUrl: string;

  before(async () => {
    receiver = await startOtlpReceiver();
    otel = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint };
    services = await startServicesWith({ ...otel, DEMO_FAULTS: 'true', PANNE_LENTEUR_MS: '1500' });
    databaseUrl = await freshDatabaseUrl('traces');
    orch = await startTestOrchestrateur(
      { ...otel, AUTH_REQUIRED: 'false', ...participantsEnv((s) => services[s].url) },
      databaseUrl,
    );
  });

  after(async () => {
    await orch?.stop();
    await services?.close();
    await receiver?.close();
  });

  it('a confirmed checkout: the request continues the caller, a span per step, each call continued by its service down to SQL', async () => {
    const { client, magasin } = await shopper(services, 10_000);
    const caller = callerContext();
    const res = await checkout(orch.url, client, { traceparent: caller.traceparent }, magasin);
    expect(res.status).to.equal(201);
    expect(res.body).to.include({ trace_id: caller.traceId });
    const spans = await traceOf(receiver, caller.traceId);
    const request = one(spans, (s) => s.parentSpanId === caller.spanId);
    expect(request).to.include({ service: 'orchestrateur', name: 'POST /api/commande/checkout' });
    const attempts = childrenOf(spans, request).filter((s) => s.name.startsWith('step '));
    expect(attempts.map((s) => s.name)).to.deep.equal(STEPS.map((s) => `step ${s}`));
    for (const attempt of attempts) {
      expect(attempt.attributes).to.include({
        'commande.id': res.commande.id,
        'saga.attempt': 1,
        'saga.outcome': 'success',
      });
      expectCallTree(spans, attempt);
    }
    expect(attempts[0]?.attributes).to.include({
      'saga.etat.from': 'INITIEE',
      'saga.etat.to': 'PANIER_RECUPERE',
    });
    // Span names are routes, never paths with ids (a trace store indexes by name).
    const named = spans.map((s) => s.name).filter((n) => /^(GET|POST) /.test(n));
    expect(named).to.include.members(['GET /api/panier/:client_id', 'POST /api/stock/reserver']);
    expect(
      named.filter((n) => /\/\d+(\/|$)/.test(n)),
      'ids in span names',
    ).to.deep.equal([]);
    const writes = spans.filter((s) => s.name === 'saga write batch');
    expect(writes).to.not.be.empty;
    for (const w of writes) expect(w.links.map((l) => l.traceId)).to.include(caller.traceId);
    const read = await call(orch.url, 'GET', `/api/commande/${res.commande.id}`);
    expect(read.body).to.include({ trace_id: caller.traceId });
  });

  it('a compensated checkout: the refused payment is a refusal, the stock release a compensation span', async () => {
    const { client, magasin } = await shopper(services, 100);
    const res = await checkout(orch.url, client, {}, magasin);
    expect(res.status).to.equal(409);
    const traceId = (res.body as { trace_id: string }).trace_id;
    expect(traceId).to.match(/^[0-9a-f]{32}$/);
    const spans = await traceOf(receiver, traceId);
    const paiement = one(spans, (s) => s.name === 'step paiement');
    expect(paiement.attributes).to.include({
      'saga.outcome': 'refusal',
      'saga.failure.kind': 'business',
      'saga.etat.from': 'STOCK_RESERVE',
      'saga.etat.to': 'ECHEC_PAIEMENT',
    });
    expectCallTree(spans, paiement);
    const release = one(spans, (s) => s.name === 'compensation liberer_stock');
    expect(release.attributes).to.include({
      'commande.id': res.commande.id,
      'saga.outcome': 'success',
      'saga.etat.to': 'ANNULEE',
    });
    expectCallTree(spans, release);
  });

  it('a saga recovered by another instance: a new trace, linked to the one it started in', async () => {
    const { client, magasin } = await shopper(services, 10_000);
    await arm(services.ventes.url, 'ventes', 'enregistrer_vente', { mode: 'lenteur', nombre: 1 });
    const first = await startTestOrchestrateur(
      {
        ...otel,
        AUTH_REQUIRED: 'false',
        SAGA_BUDGET_MS: '200',
        SHUTDOWN_GRACE_MS: '50',
        ...participantsEnv((s) => services[s].url),
      },
      databaseUrl,
    );
    const caller = callerContext();
    const res = await checkout(first.url, client, { traceparent: caller.traceparent }, magasin);
    expect(res.status).to.equal(202);
    await first.stop(); // releases the lease of the saga it was driving
    await del(`${services.ventes.url}/api/pannes/ventes`);
    const id = res.commande.id;
    expect(await orch.recovery.scanOnce()).to.be.at.least(1);
    let etat = '';
    for (let i = 0; i < 100 && etat !== 'CONFIRMEE'; i += 1) {
      await new Promise((r) => setTimeout(r, 50));
      etat = String(
        (await call(orch.url, 'GET', `/api/commande/${id}`)).text.match(/"etat":"(\w+)"/)?.[1],
      );
    }
    expect(etat).to.equal('CONFIRMEE');
    await traceOf(receiver, caller.traceId); // flushes every process's spans
    const recovery = one(
      receiver.spans,
      (s) => s.name === 'saga recovery' && s.attributes['commande.id'] === id,
    );
    expect(recovery.parentSpanId).to.equal('');
    expect(recovery.traceId).to.not.equal(caller.traceId);
    expect(recovery.links.map((l) => l.traceId)).to.deep.equal([caller.traceId]);
    const spans = await traceOf(receiver, recovery.traceId);
    const vente = childrenOf(spans, recovery).filter((s) => s.name === 'step vente');
    expect(vente).to.not.be.empty;
    expectCallTree(spans, vente.at(-1) as (typeof vente)[number]);
  });
});
