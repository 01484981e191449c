/**
 * Continuous checkouts from several clients while faults are played: each client sets one
 * cart line (PUT, idempotent), checks out, and goes again. What was put in each cart is
 * counted from the cart itself (read before the PUT), so a retried request never counts twice.
 */
import { call, checkout, setLine } from './shop.js';

export interface Shopper {
  clientId: number;
  token: string;
}

export interface LoadResult {
  confirmed: number;
  annulee: number;
  /** Checkouts that got no final answer: each one is a failure of the deployment. */
  failures: string[];
  /** Checkouts that needed at least one retry with their key (a 5xx or no answer first). */
  retried: number;
  /** client:produit → units put into carts by this load (checkBooks's `added`). */
  added: Map<string, number>;
}

export class Load {
  private stopping = false;
  private readonly workers: Promise<void>[] = [];
  readonly result: LoadResult = {
    confirmed: 0,
    annulee: 0,
    failures: [],
    retried: 0,
    added: new Map(),
  };

  constructor(
    private readonly base: string,
    private readonly magasinId: number,
    private readonly produitId: number,
  ) {}

  start(shoppers: readonly Shopper[]): void {
    for (const s of shoppers) this.workers.push(this.loop(s));
  }

  get total(): number {
    return this.result.confirmed + this.result.annulee + this.result.failures.length;
  }

  /** Lets every worker finish the checkout it is in. */
  async stop(): Promise<LoadResult> {
    this.stopping = true;
    await Promise.all(this.workers);
    return this.result;
  }

  private async quantityInCart(s: Shopper): Promise<number> {
    for (let i = 0; ; i += 1) {
      const res = await call(this.base, 'GET', `/api/panier/${s.clientId}`, {
        token: s.token,
      }).catch(() => ({ status: 0, body: undefined }));
      if (res.status === 200) {
        const lignes =
          (res.body as { lignes?: { produit_id: number; quantite: number }[] }).lignes ?? [];
        return lignes.find((l) => l.produit_id === this.produitId)?.quantite ?? 0;
      }
      if (i > 120) throw new Error(`cart of ${s.clientId}: ${res.status}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  private async loop(s: Shopper): Promise<void> {
    const key = `${s.clientId}:${this.produitId}`;
    while (!this.stopping) {
      try {
        const before = await this.quantityInCart(s);
        await setLine(this.base, s.token, s.clientId, this.produitId, 1);
        this.result.added.set(key, (this.result.added.get(key) ?? 0) + (1 - before));
        const outcome = await checkout(this.base, s.token, this.magasinId);
        if (outcome.retries > 0) this.result.retried += 1;
        if (outcome.etat === 'CONFIRMEE') this.result.confirmed += 1;
        else this.result.annulee += 1;
      } catch (err) {
        this.result.failures.push(err instanceof Error ? err.message : String(err));
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }
}
