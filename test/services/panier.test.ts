import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { expect } from 'chai';
import type { Knex } from 'knex';
import type { RunningService } from '../../src/lib/service.js';
import { del, get, post, put } from '../contract/http.js';
import { freePort } from '../support/postgres.js';
import { startTestClient, startTestPanier, startTestProduits } from './support/services.js';

type Ligne = { produit_id: number; quantite: number; prix_unitaire_cents: number };
type Panier = { client_id: number; lignes: Ligne[]; total_cents: number };

const stubs: { server: Server; sockets: Set<Socket> }[] = [];

const closedPort = async (): Promise<string> => `http://127.0.0.1:${await freePort()}`;

/** A TCP server that does `onConnection` with each connection instead of answering HTTP. */
async function stubServer(onConnection: (socket: Socket) => void): Promise<string> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    onConnection(socket);
  });
  stubs.push({ server, sockets });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const httpAnswer = (status: number, body: unknown): string => {
  const json = JSON.stringify(body);
  return `HTTP/1.1 ${status} OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(json)}\r\nconnection: close\r\n\r\n${json}`;
};

const closeStubs = (): Promise<void[]> =>
  Promise.all(
    stubs.splice(0).map(
      ({ server, sockets }) =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => resolve());
        }),
    ),
  );

/** Resolves once a session of this database waits for a row lock. */
async function waitForLockWait(db: Knex): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    const { rows } = await db.raw<{ rows: { n: number }[] }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if ((rows[0]?.n ?? 0) > 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('no session ever waited for the lock');
}

describe('panier service', () => {
  let produits: RunningService;
  let client: RunningService;
  let panier: RunningService;
  let n = 0;

  const newClient = async (): Promise<number> => {
    n += 1;
    const res = await post<{ id: number }>(`${client.url}/api/clients`, {
      nom: 'P',
      email: `panier-${n}@example.test`,
    });
    return res.body.id;
  };
  const newProduit = async (prix: number): Promise<number> =>
    (
      await post<{ id: number }>(`${produits.url}/api/produits`, {
        nom: 'P',
        categorie: 'c',
        prix_cents: prix,
      })
    ).body.id;
  const add = (c: number, body: Record<string, unknown>) =>
    post<Panier>(`${panier.url}/api/panier/${c}/lignes`, body);

  before(async () => {
    [produits, client] = await Promise.all([startTestProduits(), startTestClient()]);
    panier = await startTestPanier({ produitsUrl: produits.url, clientUrl: client.url });
  });
  after(async () => {
    await Promise.all([panier?.close(), produits?.close(), client?.close()]);
  });

  it('takes the price from the produits service and refuses one from the caller', async () => {
    const c = await newClient();
    const p = await newProduit(1_250);
    const priced = await add(c, { produit_id: p, quantite: 2, prix_unitaire_cents: 1 });
    expect(priced.status).to.equal(400);
    const res = await add(c, { produit_id: p, quantite: 2 });
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({
      client_id: c,
      lignes: [{ produit_id: p, quantite: 2, prix_unitaire_cents: 1_250 }],
      total_cents: 2_500,
    });
  });

  it('adding a produit again adds to its quantity at the price of the day', async () => {
    const c = await newClient();
    const p = await newProduit(100);
    await add(c, { produit_id: p, quantite: 1 });
    await put(`${produits.url}/api/produits/${p}`, { prix_cents: 120 });
    const res = await add(c, { produit_id: p, quantite: 2 });
    expect(res.body.lignes).to.deep.equal([
      { produit_id: p, quantite: 3, prix_unitaire_cents: 120 },
    ]);
  });

  it('changes a quantity and removes a line; unknown lines answer 404 LIGNE_INCONNUE', async () => {
    const c = await newClient();
    const p1 = await newProduit(100);
    const p2 = await newProduit(200);
    await add(c, { produit_id: p1, quantite: 1 });
    await add(c, { produit_id: p2, quantite: 1 });
    const changed = await put<Panier>(`${panier.url}/api/panier/${c}/lignes/${p1}`, {
      quantite: 5,
    });
    expect(changed.body.total_cents).to.equal(700);
    const removed = await del<Panier>(`${panier.url}/api/panier/${c}/lignes/${p2}`);
    expect(removed.body.lignes.map((l) => l.produit_id)).to.deep.equal([p1]);
    const gone = await del(`${panier.url}/api/panier/${c}/lignes/${p2}`);
    expect(gone.status).to.equal(404);
    expect(gone.body).to.have.nested.property('error.code', 'LIGNE_INCONNUE');
    expect(
      (await put(`${panier.url}/api/panier/${c}/lignes/${p2}`, { quantite: 1 })).status,
    ).to.equal(404);
  });

  it('refuses an unknown produit with 404 PRODUIT_INCONNU and an unknown client with 404 CLIENT_INCONNU', async () => {
    const c = await newClient();
    const noProduit = await add(c, { produit_id: 987_654, quantite: 1 });
    expect(noProduit.status).to.equal(404);
    expect(noProduit.body).to.have.nested.property('error.code', 'PRODUIT_INCONNU');
    const noClient = await add(987_654, { produit_id: await newProduit(1), quantite: 1 });
    expect(noClient.status).to.equal(404);
    expect(noClient.body).to.have.nested.property('error.code', 'CLIENT_INCONNU');
  });

  it('refuses a zero quantity with 400', async () => {
    const c = await newClient();
    expect((await add(c, { produit_id: await newProduit(1), quantite: 0 })).status).to.equal(400);
  });

  it('vider ignores lines no longer in the cart and removes a line that falls to zero', async () => {
    const c = await newClient();
    const p1 = await newProduit(100);
    const p2 = await newProduit(100);
    await add(c, { produit_id: p1, quantite: 2 });
    const res = await post(`${panier.url}/api/panier/${c}/vider`, {
      commande_id: randomUUID(),
      lignes: [
        { produit_id: p1, quantite: 5 },
        { produit_id: p2, quantite: 1 },
      ],
    });
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ client_id: c, etat: 'VIDE' });
    expect((await get<Panier>(`${panier.url}/api/panier/${c}`)).body.lignes).to.deep.equal([]);
  });

  it('vider of one commande arriving many times at once removes the quantities once', async () => {
    const c = await newClient();
    const p = await newProduit(100);
    await add(c, { produit_id: p, quantite: 10 });
    const body = { commande_id: randomUUID(), lignes: [{ produit_id: p, quantite: 3 }] };
    const results = await Promise.all(
      Array.from({ length: 6 }, () => post(`${panier.url}/api/panier/${c}/vider`, body)),
    );
    expect(results.every((r) => r.status === 200)).to.equal(true);
    expect((await get<Panier>(`${panier.url}/api/panier/${c}`)).body.lignes[0]?.quantite).to.equal(
      7,
    );
  });

  it('refuses a commande already used to empty another client cart with 422', async () => {
    const a = await newClient();
    const b = await newClient();
    const body = { commande_id: randomUUID(), lignes: [] };
    expect((await post(`${panier.url}/api/panier/${a}/vider`, body)).status).to.equal(200);
    expect((await post(`${panier.url}/api/panier/${b}/vider`, body)).status).to.equal(422);
  });

  describe('vider under a concurrent edit of the same line', () => {
    // The client changes the line while vider runs: vider must take its units out of what the
    // line holds once that edit committed, never skip the line.
    const cases = [
      { what: 'raised', before: 2, during: 3, taken: 2, left: [1] },
      { what: 'lowered below what vider takes', before: 5, during: 1, taken: 2, left: [] },
    ];
    for (const c of cases) {
      it(`a line ${c.what} meanwhile ends with ${JSON.stringify(c.left)}`, async () => {
        const client = await newClient();
        const p = await newProduit(100);
        await add(client, { produit_id: p, quantite: c.before });
        const edit = await panier.db.transaction();
        await edit.raw(
          'UPDATE panier_lignes SET quantite = ? WHERE client_id = ? AND produit_id = ?',
          [c.during, client, p],
        );
        const vider = post(`${panier.url}/api/panier/${client}/vider`, {
          commande_id: randomUUID(),
          lignes: [{ produit_id: p, quantite: c.taken }],
        });
        await waitForLockWait(panier.db);
        await edit.commit();
        expect((await vider).status).to.equal(200);
        const after = await get<Panier>(`${panier.url}/api/panier/${client}`);
        expect(after.body.lignes.map((l) => l.quantite)).to.deep.equal(c.left);
      });
    }
  });

  describe('bounds', () => {
    it('refuses to take a line past 10000 units with 409 QUANTITE_MAXIMUM_DEPASSEE', async () => {
      const c = await newClient();
      const p = await newProduit(1);
      expect((await add(c, { produit_id: p, quantite: 10_000 })).status).to.equal(200);
      const more = await add(c, { produit_id: p, quantite: 1 });
      expect(more.status).to.equal(409);
      expect(more.body).to.have.nested.property('error.code', 'QUANTITE_MAXIMUM_DEPASSEE');
      const res = await get<Panier>(`${panier.url}/api/panier/${c}`);
      expect(res.body.lignes[0]?.quantite).to.equal(10_000);
    });

    it('refuses a 201st produit with 409 PANIER_PLEIN: no checkout could carry it', async () => {
      const c = await newClient();
      const [inCart, other] = [await newProduit(1), await newProduit(1)];
      await add(c, { produit_id: inCart, quantite: 1 });
      await panier.db.raw(
        `INSERT INTO panier_lignes (client_id, produit_id, quantite, prix_unitaire_cents)
         SELECT ?, 1000000 + g, 1, 1 FROM generate_series(1, 199) AS g`,
        [c],
      );
      const full = await add(c, { produit_id: other, quantite: 1 });
      expect(full.status).to.equal(409);
      expect(full.body).to.have.nested.property('error.code', 'PANIER_PLEIN');
      const again = await add(c, { produit_id: inCart, quantite: 1 });
      expect(again.status, 'a line already there may still grow').to.equal(200);
    });
  });

  describe('when the other services are down', () => {
    let knownClient: number;
    const isolated: RunningService[] = [];
    const broken = [
      { what: 'refuse connections', start: closedPort },
      { what: 'drop every connection', start: () => stubServer((socket) => socket.destroy()) },
      { what: 'never answer', start: () => stubServer(() => undefined) },
    ];

    before(async () => {
      knownClient = await newClient();
    });
    after(async () => {
      await Promise.all(isolated.map((s) => s.close()));
      await closeStubs();
    });

    it('asks once more when the first connection drops, then goes on', async () => {
      let connections = 0;
      const url = await stubServer((socket) => {
        connections += 1;
        if (connections === 1) socket.destroy();
        else socket.once('data', () => socket.end(httpAnswer(200, { id: 1 })));
      });
      const svc = await startTestPanier({ produitsUrl: url, clientUrl: url, timeoutMs: 300 });
      isolated.push(svc);
      const res = await get(`${svc.url}/api/panier/${knownClient + 2000}`);
      expect(res.status).to.equal(200);
      expect(connections).to.equal(2);
    });

    for (const b of broken) {
      describe(`(they ${b.what})`, () => {
        let svc: RunningService;
        before(async () => {
          const url = await b.start();
          svc = await startTestPanier({ produitsUrl: url, clientUrl: url, timeoutMs: 300 });
          isolated.push(svc);
          await svc.db.raw('INSERT INTO clients_connus (client_id) VALUES (?)', [knownClient]);
        });

        it('answers 503 PRODUITS_INDISPONIBLE when adding, so that the caller may retry', async () => {
          const res = await post(`${svc.url}/api/panier/${knownClient}/lignes`, { produit_id: 1 });
          expect(res.status).to.equal(503);
          expect(res.body).to.have.nested.property('error.code', 'PRODUITS_INDISPONIBLE');
        });

        it('answers 503 CLIENT_INDISPONIBLE for a client it cannot check yet', async () => {
          const res = await get(`${svc.url}/api/panier/${knownClient + 1000}`);
          expect(res.status).to.equal(503);
          expect(res.body).to.have.nested.property('error.code', 'CLIENT_INDISPONIBLE');
        });

        it('still reads the cart of a client it already knows, and still empties carts', async () => {
          const res = await get<Panier>(`${svc.url}/api/panier/${knownClient}`);
          expect(res.status).to.equal(200);
          expect(res.body.lignes).to.deep.equal([]);
          const vider = await post(`${svc.url}/api/panier/${knownClient}/vider`, {
            commande_id: randomUUID(),
            lignes: [{ produit_id: 1, quantite: 1 }],
          });
          expect(vider.status).to.equal(200);
        });
      });
    }
  });
});
