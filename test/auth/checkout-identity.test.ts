import { expect } from 'chai';
import { type ApiResponse, call } from '../contract/http.js';
import {
  addToOwnCart,
  checkoutAs,
  OTHER_CLIENT,
  OWN_CLIENT,
  useSecuredSystem,
} from './support/secured-system.js';

interface Summary {
  id: string;
  client_id: number;
}

describe('checkout and commandes with identity on (real services, real tokens)', function () {
  this.timeout(60_000);
  const system = useSecuredSystem();

  /** What a refused checkout must leave alone: commandes, alice's balance, cart and stock. */
  async function snapshot() {
    const { rows } = await system().orch.db.raw<{ rows: { n: number }[] }>(
      'SELECT count(*)::int AS n FROM commandes',
    );
    const as = { headers: system().headers.operateur };
    const [client, panier, stock] = await Promise.all([
      call('GET', `${system().urls.client}/api/clients/${OWN_CLIENT}`, as),
      call('GET', `${system().urls.panier}/api/panier/${OWN_CLIENT}`, as),
      call('GET', `${system().urls.stock}/api/stock/magasins/1`, as),
    ]);
    return {
      commandes: rows[0]?.n,
      solde: client.body.solde_cents,
      panier: panier.body,
      stock: stock.body,
    };
  }

  it("orders with another client's token: 403 ACCES_REFUSE, and nothing is written anywhere", async () => {
    const before = await snapshot();
    for (const who of ['other client', 'operateur', 'service'] as const) {
      const res = await checkoutAs(system(), system().headers[who], {
        client_id: OWN_CLIENT,
        magasin_id: 1,
      });
      expect(res.status, who).to.equal(403);
      expect((res.body as unknown as { error: { code: string } }).error.code).to.equal(
        'ACCES_REFUSE',
      );
    }
    expect(await snapshot()).to.deep.equal(before);
  });

  it("orders the caller's own cart: CONFIRMEE, the client taken from the token", async () => {
    const res = await checkoutAs(system(), system().headers['own client'], {
      client_id: OWN_CLIENT,
      magasin_id: 1,
    });
    expect(res.status).to.equal(201);
    expect(res.body).to.include({ client_id: OWN_CLIENT, etat: 'CONFIRMEE' });
    await addToOwnCart(system(), 3);
    const without = await checkoutAs(system(), system().headers['own client'], { magasin_id: 1 });
    expect(without.status).to.equal(201);
    expect(without.body.client_id).to.equal(OWN_CLIENT);
  });

  it('bruno orders his own cart the same way (and cannot pay: 409 SOLDE_INSUFFISANT)', async () => {
    const res = await checkoutAs(system(), system().headers['other client'], { magasin_id: 1 });
    expect(res.status).to.equal(409);
    expect(res.body.client_id).to.equal(OTHER_CLIENT);
    expect(res.body.echec?.code).to.equal('SOLDE_INSUFFISANT');
  });

  it('lists: a client sees its own commandes only, the operator all of them', async () => {
    const list = (who: 'own client' | 'other client' | 'operateur', query = '') =>
      call<Summary[]>('GET', `${system().urls.orchestrateur}/api/commandes${query}`, {
        headers: system().headers[who],
      });
    const clients = (res: ApiResponse<Summary[]>) => [...new Set(res.body.map((c) => c.client_id))];
    expect(clients(await list('own client'))).to.deep.equal([OWN_CLIENT]);
    expect(clients(await list('other client'))).to.deep.equal([OTHER_CLIENT]);
    expect(clients(await list('operateur'))).to.have.members([OWN_CLIENT, OTHER_CLIENT]);
    expect(clients(await list('operateur', `?client_id=${OTHER_CLIENT}`))).to.deep.equal([
      OTHER_CLIENT,
    ]);
    expect(clients(await list('own client', `?client_id=${OWN_CLIENT}`))).to.deep.equal([
      OWN_CLIENT,
    ]);
    const asked = await list('own client', `?client_id=${OTHER_CLIENT}`);
    expect(asked.status).to.equal(403);
  });

  it('panier asks the client service as itself (the service token)', async () => {
    const operateur = { headers: system().headers.operateur };
    const created = await call<{ id: number }>('POST', `${system().urls.client}/api/clients`, {
      json: { nom: 'Inès Morel', email: `ines-${Date.now()}@example.com` },
      ...operateur,
    });
    // A client panier has never seen: it asks the client service (a service-only read).
    const panier = await call(
      'GET',
      `${system().urls.panier}/api/panier/${created.body.id}`,
      operateur,
    );
    expect(panier.status).to.equal(200);
    expect(panier.body).to.deep.include({ client_id: created.body.id, lignes: [] });
  });

  it("reads its own commande and its history, not another client's (403)", async () => {
    const [mine] = (
      await call<Summary[]>('GET', `${system().urls.orchestrateur}/api/commandes`, {
        headers: system().headers['own client'],
      })
    ).body;
    const path = `${system().urls.orchestrateur}/api/commande/${mine?.id ?? ''}`;
    for (const suffix of ['', '/historique']) {
      const own = await call('GET', `${path}${suffix}`, {
        headers: system().headers['own client'],
      });
      expect(own.status).to.equal(200);
      const other = await call('GET', `${path}${suffix}`, {
        headers: system().headers['other client'],
      });
      expect(other.status).to.equal(403);
      expect(JSON.stringify(other.body)).not.to.include(mine?.id ?? '-');
    }
  });
});
