import { expect } from 'chai';
import { flushTraces } from '../../src/lib/tracing.js';
import { call } from '../support/orchestrateur.js';
import {
  COMPOSE_BIN,
  hasCompose,
  hasYaml,
  resolvedCompose,
  TEST_SECRETS,
} from './support/compose.js';
import { type ComposeSystem, startComposeSystem } from './support/compose-system.js';
import { login } from './support/issued-tokens.js';
import { requireTool } from '../support/tools.js';

const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

describe("deployment: the system on docker-compose.yml's own environment, DEMO_DATA=true", function () {
  this.timeout(90_000);
  let sys: ComposeSystem;
  let url: (container: string) => string;

  before(async function () {
    requireTool(this, hasCompose() && hasYaml(), `${COMPOSE_BIN} and python3-yaml are needed`);
    // Every container's variables as compose resolves them: identity on, the service token,
    // the key set's URL, issuer, audience, DEMO_FAULTS off; then the demo seed's job.
    // Every trace sampled (OTEL_TRACES_SAMPLER_ARG in .env) instead of 1 in 10.
    const vars = { ...TEST_SECRETS, DEMO_DATA: 'true', OTEL_TRACES_SAMPLER_ARG: '1' };
    sys = await startComposeSystem(resolvedCompose(vars));
    url = (container) => sys.urls[container] ?? '';
  });

  after(async () => {
    await sys?.close();
  });

  it('lets a demo client sign in and buy her cart: the saga calls carry the service token', async () => {
    const alice = await login(url('auth-service'), 'alice', 'alice-demo');
    const res = await call(url('orchestrateur-service'), 'POST', '/api/commande/checkout', {
      json: { magasin_id: 1 },
      headers: { ...bearer(alice), 'idempotency-key': 'compose-env-1' },
    });
    expect(res.status, res.text).to.equal(201);
    expect((res.body as { etat?: string }).etat).to.equal('CONFIRMEE');
  });

  it('traces a checkout across the services to the trace store, each under its own name', async () => {
    const alice = await login(url('auth-service'), 'alice', 'alice-demo');
    const res = await call(url('orchestrateur-service'), 'POST', '/api/commande/checkout', {
      json: { magasin_id: 1 },
      headers: { ...bearer(alice), 'idempotency-key': 'compose-env-traced' },
    });
    // Her cart was bought or not by the test before: traced either way.
    const traceId = (res.body as { trace_id?: string | null }).trace_id;
    expect(traceId, res.text).to.match(/^[0-9a-f]{32}$/);
    await flushTraces();
    const services = new Set(
      sys.traces.spans.filter((s) => s.traceId === traceId).map((s) => s.service),
    );
    expect([...services]).to.include.members(['orchestrateur', 'panier']);
  });

  it('refuses a caller without a token, and a client reading another client', async () => {
    const alice = await login(url('auth-service'), 'alice', 'alice-demo');
    expect((await call(url('client-service'), 'GET', '/api/clients/1')).status).to.equal(401);
    const other = await call(url('panier-service'), 'GET', '/api/panier/2', {
      headers: bearer(alice),
    });
    expect(other.status).to.equal(403);
  });

  it('gives the operator the sales report, and no fault switch (DEMO_FAULTS is off)', async () => {
    const op = await login(url('auth-service'), 'operateur', 'operateur-demo');
    const rapport = await call(url('ventes-service'), 'GET', '/api/ventes/rapport', {
      headers: bearer(op),
    });
    expect(rapport.status, rapport.text).to.equal(200);
    for (const [container, participant] of [
      ['panier-service', 'panier'],
      ['stock-service-1', 'stock'],
      ['client-service', 'client'],
      ['ventes-service', 'ventes'],
    ] as const) {
      const res = await call(url(container), 'GET', `/api/pannes/${participant}`, {
        headers: bearer(op),
      });
      expect(res.status, participant).to.equal(404);
    }
  });
});

describe("deployment: the system on docker-compose.yml's own environment, by default", function () {
  this.timeout(90_000);
  let sys: ComposeSystem;
  let url: (container: string) => string;

  before(async function () {
    requireTool(this, hasCompose() && hasYaml(), `${COMPOSE_BIN} and python3-yaml are needed`);
    sys = await startComposeSystem(resolvedCompose());
    url = (container) => sys.urls[container] ?? '';
  });

  after(async () => {
    await sys?.close();
  });

  it('loads no demo data: no demo account, no demo client, and the login page is told so', async () => {
    for (const [user, password] of [
      ['operateur', 'operateur-demo'],
      ['alice', 'alice-demo'],
    ]) {
      const res = await call(url('auth-service'), 'POST', '/api/auth/token', {
        json: { username: user, password },
      });
      expect(res.status, user).to.equal(401);
    }
    const demo = await call(url('auth-service'), 'GET', '/api/auth/demo');
    expect(demo.body).to.deep.equal({ demo_data: false });
  });

  it('signs in the first operator with OPERATOR_PASSWORD, who finds no demo client', async () => {
    const op = await login(url('auth-service'), 'admin', TEST_SECRETS.OPERATOR_PASSWORD ?? '');
    const client = await call(url('client-service'), 'GET', '/api/clients/1', {
      headers: bearer(op),
    });
    expect(client.status, client.text).to.equal(404);
  });
});
