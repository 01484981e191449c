import { expect } from 'chai';
import { DEMO_CLIENTS } from '../../seeds/demo-data.js';
import { SYSTEM_SERVICES } from '../../src/system/config.js';
import { type ApiResponse, call } from '../contract/http.js';
import { loadKrakend } from '../deploy/support/krakend.js';
import { caseKey, type Fixtures, ROUTE_CASES, type RouteCase } from './support/route-cases.js';
import {
  CALLERS,
  type Caller,
  checkoutAs,
  OTHER_CLIENT,
  OWN_CLIENT,
  type SecuredSystem,
  useSecuredSystem,
} from './support/secured-system.js';

/** The gateway's backend calls, each named by the key of its case (`service METHOD /path`). */
function gatewayRoutes(): string[] {
  const keys = loadKrakend().endpoints.flatMap((e) =>
    e.backend.flatMap((b) =>
      b.host.map((h) => caseKey(serviceOf(h), b.method ?? e.method ?? 'GET', b.url_pattern)),
    ),
  );
  return [...new Set(keys)];
}

/** `http://stock-service-1:8003` → stock: by the host's name, else by the port's offset. */
function serviceOf(host: string): string {
  const url = new URL(host);
  const named = SYSTEM_SERVICES.find((s) => url.hostname.split('-')[0] === s);
  return named ?? SYSTEM_SERVICES[Number(url.port) - 8000] ?? url.hostname;
}

const BAD_TOKENS: readonly Caller[] = ['none', 'expired', 'wrong signature', 'alg none'];

/** What a caller must get: through the guard ('ok'), 401, or 403. */
function expected(c: RouteCase, caller: Caller): 'ok' | 401 | 403 {
  if (c.who === 'anyone') return 'ok';
  if (BAD_TOKENS.includes(caller)) return 401;
  const role = caller === 'own client' || caller === 'other client' ? 'client' : caller;
  if (!c.who.some((r) => r === role)) return 403;
  return caller === 'other client' && c.scoped === true ? 403 : 'ok';
}

/** What of another client an answer shows: a client_id, an email or a name not the caller's. */
function leaks(body: unknown, clientId: number): string[] {
  const found: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'client_id' && x !== clientId) found.push(`client_id ${String(x)}`);
        walk(x);
      }
    }
  };
  walk(body);
  const text = JSON.stringify(body ?? null);
  for (const c of DEMO_CLIENTS) {
    if (c.id !== clientId && (text.includes(c.email) || text.includes(c.nom))) found.push(c.email);
  }
  return found;
}

type Answer = ApiResponse<{ error?: { code?: string } } | undefined>;

function check(route: string, caller: Caller, c: RouteCase, res: Answer): void {
  const what = `${route} as ${caller}: ${res.status} ${JSON.stringify(res.body)}`;
  expect(res.status, what).to.be.below(500);
  const want = expected(c, caller);
  if (want === 'ok') {
    expect(c.ok ?? [200, 201], what).to.include(res.status);
  } else {
    expect(res.status, what).to.equal(want);
    expect(res.body?.error?.code, what).to.equal(want === 401 ? 'NON_AUTHENTIFIE' : 'ACCES_REFUSE');
    if (want === 401) expect(res.headers['www-authenticate'], what).to.match(/^Bearer/);
  }
  const clientId = { 'own client': OWN_CLIENT, 'other client': OTHER_CLIENT }[caller as string];
  if (clientId !== undefined && c.createsAccount !== true) {
    expect(leaks(res.body, clientId), what).to.deep.equal([]);
  }
}

async function runMatrix(sys: SecuredSystem, f: Fixtures, key: string): Promise<void> {
  const c = ROUTE_CASES.get(key);
  if (!c) throw new Error(`No case for ${key}: add it to test/auth/support/route-cases.ts`);
  const [service = '', method = ''] = key.split(' ');
  const base = sys.urls[service];
  if (base === undefined) throw new Error(`Unknown service in ${key}`);
  for (const caller of CALLERS) {
    const allowed = expected(c, caller) === 'ok';
    if (allowed) await c.prepare?.(sys);
    const body = c.body?.(f);
    const res: Answer = await call(method as 'GET', `${base}${c.path(f)}`, {
      ...(body === undefined ? {} : { json: body }),
      headers: {
        ...sys.headers[caller],
        'idempotency-key': `matrix-${Date.now()}-${caller.replace(/\W/g, '-')}`,
      },
    });
    if (allowed) await c.cleanup?.(sys);
    check(key, caller, c, res);
  }
}

describe('who may do what (issue 13): every route × every kind of caller', function () {
  this.timeout(120_000);
  const system = useSecuredSystem();
  const f: Fixtures = { commandeId: '', venteId: 0 };

  before(async () => {
    const sys = system();
    // Alice's demo cart, ordered: her commande and its sale; Bruno's too (he cannot pay).
    const alice = await checkoutAs(sys, sys.headers['own client'], { magasin_id: 1 });
    if (alice.status !== 201) throw new Error(`alice's checkout: ${alice.status}`);
    f.commandeId = alice.body.id;
    const bruno = await checkoutAs(sys, sys.headers['other client'], { magasin_id: 1 });
    if (bruno.body.client_id !== OTHER_CLIENT) throw new Error("bruno's checkout");
    const vente = await call<{ id: number }>(
      'GET',
      `${sys.urls.ventes}/api/ventes/commande/${f.commandeId}`,
      { headers: sys.headers.operateur },
    );
    f.venteId = vente.body.id;
  });

  const exposed = gatewayRoutes();

  describe('the routes the gateway exposes (deploy/krakend/krakend.json)', () => {
    for (const key of exposed) {
      it(key, async () => runMatrix(system(), f, key));
    }
  });

  describe('the routes only other services call (behind the gateway)', () => {
    for (const key of ROUTE_CASES.keys()) {
      if (!exposed.includes(key)) it(key, async () => runMatrix(system(), f, key));
    }
  });
});
