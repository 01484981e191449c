/**
 * Customers while everything breaks: each worker fills a client's cart through the panier
 * service, checks out with an Idempotency-Key (the same key again after a network error or
 * a 503, on either orchestrator), and waits for the commande to end before that client
 * buys again, so every cart line is checked out once.
 */
import { randomUUID } from 'node:crypto';
import type { Tokens } from './identity.js';
import { CLIENTS, type ChaosClient, MAGASIN_ID, PRODUIT_EN_RUPTURE } from './seed.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const RESTING = ['CONFIRMEE', 'ANNULEE', 'COMPENSATION_ECHOUEE'];
/** How long an add without an answer may still land: the call's timeout, and a margin. */
const UNCERTAIN_MS = 30_000;

interface Ligne {
  produit_id: number;
  quantite: number;
}

interface Answer {
  status: number;
  body: { id?: string; etat?: string; suspension?: unknown; lignes?: Ligne[] };
}

async function send(
  url: string,
  method: string,
  token: string,
  body?: unknown,
  headers = {},
): Promise<Answer> {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  let parsed: Answer['body'] = {};
  try {
    parsed = text ? (JSON.parse(text) as Answer['body']) : {};
  } catch {
    parsed = {};
  }
  return { status: res.status, body: parsed };
}

export class Load {
  /** Commandes the workers created, with their client. */
  readonly commandes = new Map<string, number>();
  /** Units put in carts, by `client:produit`. */
  readonly added = new Map<string, number>();
  /**
   * What the load believes each cart holds, by `client:produit`. An add whose answer was lost
   * (the panier or its database died around the commit) may have happened: until
   * `uncertainUntil` (the add cannot land later than that), a look at that client's cart
   * counts what it holds beyond this as added. Otherwise a surplus is not counted, so that a
   * line `vider` failed to take out still breaks the books.
   */
  private readonly inCart = new Map<string, number>();
  private readonly uncertainUntil = new Map<number, number>();
  readonly answers = new Map<number, number>();
  /** Calls of any kind that got a 500: an unexpected error somewhere, never acceptable. */
  readonly internalErrors: string[] = [];
  private stopping = false;
  private workers: Promise<void>[] = [];

  constructor(
    private readonly panierUrl: string,
    private readonly orchestrateurs: readonly string[],
    private readonly tokens: Tokens,
    private readonly random: () => number,
  ) {}

  /** A call as this client; a 401 (token expired) makes the next one sign in again. */
  private async as(client: ChaosClient, url: string, method: string, body?: unknown, headers = {}) {
    const answer = await send(url, method, await this.tokens.client(client.id), body, headers);
    if (answer.status === 401) this.tokens.forget(client.id);
    if (answer.status === 500) this.internalErrors.push(`${method} ${new URL(url).pathname}`);
    return answer;
  }

  start(workers: number): void {
    this.workers = Array.from({ length: workers }, (_v, w) =>
      this.work(CLIENTS.filter((c) => c.id % workers === w)),
    );
  }

  /** Lets every worker finish the checkout it is in, then counts every cart once more. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.workers);
    for (const client of CLIENTS) {
      for (let tries = 0; tries < 20; tries += 1) {
        const url = `${this.panierUrl}/api/panier/${client.id}`;
        const cart = await this.as(client, url, 'GET').catch(() => undefined);
        if (cart?.status === 200) {
          this.reconcile(client.id, cart.body.lignes ?? []);
          break;
        }
        await sleep(250);
      }
    }
  }

  private count(key: string, units: number): void {
    this.added.set(key, (this.added.get(key) ?? 0) + units);
    this.inCart.set(key, (this.inCart.get(key) ?? 0) + units);
  }

  /** After an add of unknown outcome, counts what the cart holds beyond what the load knew. */
  private reconcile(clientId: number, lignes: readonly Ligne[]): void {
    const uncertain = (this.uncertainUntil.get(clientId) ?? 0) > Date.now();
    for (const l of uncertain ? lignes : []) {
      const key = `${clientId}:${l.produit_id}`;
      const known = this.inCart.get(key) ?? 0;
      if (l.quantite > known) this.count(key, l.quantite - known);
    }
    this.emptied(clientId);
    for (const l of lignes) this.inCart.set(`${clientId}:${l.produit_id}`, l.quantite);
  }

  /** A confirmed commande took what the cart held (the load never edits a cart it checks out). */
  private emptied(clientId: number): void {
    for (const key of [...this.inCart.keys()]) {
      if (key.startsWith(`${clientId}:`)) this.inCart.delete(key);
    }
  }

  private async work(clients: readonly ChaosClient[]): Promise<void> {
    for (let i = 0; !this.stopping; i += 1) {
      const client = clients[i % clients.length];
      if (!client) return;
      if (!(await this.fillCart(client))) continue;
      await this.buy(client);
    }
  }

  private orchestrateur(): string {
    return this.orchestrateurs[Math.floor(this.random() * this.orchestrateurs.length)] ?? '';
  }

  /** True once the cart holds something to buy; a cart left by a cancelled commande is kept. */
  private async fillCart(client: ChaosClient): Promise<boolean> {
    const url = `${this.panierUrl}/api/panier/${client.id}`;
    let adding = false;
    try {
      const cart = await this.as(client, url, 'GET');
      if (cart.status !== 200) return false;
      this.reconcile(client.id, cart.body.lignes ?? []);
      if ((cart.body.lignes ?? []).length > 0) return true;
      const produit =
        client.kind === 'rupture' ? PRODUIT_EN_RUPTURE : 1 + Math.floor(this.random() * 7);
      const quantite = client.kind === 'achete' ? 1 + Math.floor(this.random() * 3) : 1;
      adding = true;
      const added = await this.as(client, `${url}/lignes`, 'POST', {
        produit_id: produit,
        quantite,
      });
      if (added.status >= 500) this.addMayLand(client.id);
      if (added.status !== 200) return false;
      this.count(`${client.id}:${produit}`, quantite);
      return true;
    } catch {
      if (adding) this.addMayLand(client.id); // no answer: the add may have happened
      await sleep(200); // panier, produits or client is down: try again later
      return false;
    }
  }

  private addMayLand(clientId: number): void {
    this.uncertainUntil.set(clientId, Date.now() + UNCERTAIN_MS);
  }

  /** Checks out until a definite answer, then waits for the commande to stop moving. */
  private async buy(client: ChaosClient): Promise<void> {
    const key = randomUUID();
    for (;;) {
      try {
        const res = await this.as(
          client,
          `${this.orchestrateur()}/api/commande/checkout`,
          'POST',
          { magasin_id: MAGASIN_ID },
          { 'idempotency-key': key },
        );
        if (res.status !== 503 && res.status !== 401) {
          this.answers.set(res.status, (this.answers.get(res.status) ?? 0) + 1);
          if (res.body.id) {
            this.commandes.set(res.body.id, client.id);
            await this.settle(client, res.body.id);
          }
          return;
        }
      } catch {
        // the instance died under the request: same key, maybe the other instance
      }
      await sleep(200);
    }
  }

  private async settle(client: ChaosClient, id: string): Promise<void> {
    while (!this.stopping) {
      const url = `${this.orchestrateur()}/api/commande/${id}`;
      const res = await this.as(client, url, 'GET').catch(() => undefined);
      if (res?.body.etat === 'CONFIRMEE') this.emptied(client.id);
      if (res && (RESTING.includes(res.body.etat ?? '') || res.body.suspension)) return;
      await sleep(300);
    }
  }
}
