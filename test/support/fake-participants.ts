import express, { type Request, type Response } from 'express';
import Joi from 'joi';
import { type RefusingCall, refusalCode } from '../../src/lib/contract-refusals.js';
import { listen, type RunningServer } from '../../src/lib/http.js';

/**
 * In-memory stand-ins for panier, stock, client and ventes that honour the saga
 * contract (idempotency on commande_id, tombstones, hanging actions), with hooks
 * to inject faults. One server answers all four services' paths.
 */
export type Route = 'panier' | 'reserver' | 'liberer' | 'payer' | 'rembourser' | 'vente' | 'vider';

/**
 * before-effect: the request arrives, the hook runs, nothing is done, no answer.
 * after-effect: the effect is applied, the hook runs, no answer.
 * after-answer: the answer is sent, then the hook runs.
 * status: answer this status without effect, then run the hook; the body's code is `code`,
 *   by default the refusal the contract names for that route and status (INJECTED if none).
 */
export type Fault =
  | { kind: 'before-effect' | 'after-effect' | 'after-answer'; hook?: () => void }
  | { kind: 'status'; status: number; code?: string; hook?: () => void }
  | { kind: 'delay'; ms: number };

/** A fault drawn at random: each call of `route` gets `fault` with this probability. */
export interface RandomFault {
  route: Route;
  probability: number;
  fault: Fault;
}

/** mulberry32: a small seeded generator, so a fault mix is the same from run to run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The contract's name for the call each route serves (for its refusals). */
const CALLS: Record<Route, RefusingCall> = {
  panier: 'panier',
  reserver: 'stock',
  payer: 'paiement',
  vente: 'vente',
  liberer: 'none',
  rembourser: 'none',
  vider: 'none',
};

interface Ligne {
  produit_id: number;
  quantite: number;
  prix_unitaire_cents: number;
}

interface Reservation {
  etat: 'RESERVEE' | 'LIBEREE';
  magasin_id: number;
  lignes: { produit_id: number; quantite: number }[];
}

interface Paiement {
  etat: 'EFFECTUE' | 'REMBOURSE';
  client_id: number;
  montant_cents: number;
}

const id = Joi.number().integer().positive().required();
const uuid = Joi.string().guid().required();
const lignesQ = Joi.array()
  .items(Joi.object({ produit_id: id, quantite: id }).unknown(true))
  .min(1)
  .required();
const SCHEMAS: Partial<Record<Route, Joi.Schema>> = {
  reserver: Joi.object({ commande_id: uuid, magasin_id: id, lignes: lignesQ }),
  liberer: Joi.object({ commande_id: uuid }),
  payer: Joi.object({ commande_id: uuid, montant_cents: Joi.number().integer().min(0).required() }),
  rembourser: Joi.object({ commande_id: uuid }),
  vente: Joi.object({
    commande_id: uuid,
    client_id: id,
    magasin_id: id,
    lignes: lignesQ,
    total_cents: Joi.number().integer().min(0).required(),
  }),
  vider: Joi.object({ commande_id: uuid, lignes: Joi.array().required() }),
};

export class FakeParticipants {
  readonly carts = new Map<number, Ligne[]>();
  readonly soldes = new Map<number, number>();
  readonly stock = new Map<string, number>();
  readonly reservations = new Map<string, Reservation>();
  readonly paiements = new Map<string, Paiement>();
  readonly ventes = new Map<string, { id: number; total_cents: number; client_id: number }>();
  readonly vidages = new Set<string>();
  readonly calls: {
    route: Route;
    key: string | undefined;
    requestId?: string | undefined;
    body?: unknown;
  }[] = [];
  private readonly faults = new Map<Route, Fault[]>();
  private server: RunningServer | undefined;
  private venteSeq = 0;
  private mix: readonly RandomFault[] = [];
  private draw: () => number = Math.random;
  /** Answer latency for every call (the bench uses 0). */
  latencyMs = 0;
  /** false: vider records the commande but leaves the cart full (the bench reuses carts). */
  consumeCarts = true;
  /** false: `calls` stays empty (the bench makes millions of calls). */
  recordCalls = true;

  get url(): string {
    if (!this.server) throw new Error('not started');
    return this.server.url;
  }

  inject(route: Route, ...faults: Fault[]): void {
    this.faults.set(route, [...(this.faults.get(route) ?? []), ...faults]);
  }

  /** Drops the faults queued with `inject` that no call has met yet. */
  clearFaults(): void {
    this.faults.clear();
  }

  /**
   * From now on, every call draws its fault from `mix` (seeded, so reproducible) unless a
   * fault queued with `inject` comes first. An empty mix turns it off.
   */
  setFaultMix(mix: readonly RandomFault[], seed = 1): void {
    this.mix = mix;
    this.draw = seededRandom(seed);
  }

  /** Forgets every commande seen so far (between bench runs, with no saga in flight). */
  forgetCommandes(): void {
    for (const records of [this.reservations, this.paiements, this.ventes, this.vidages]) {
      records.clear();
    }
    this.calls.length = 0;
  }

  setStock(magasin: number, produit: number, quantite: number): void {
    this.stock.set(`${magasin}:${produit}`, quantite);
  }

  stockOf(magasin: number, produit: number): number {
    return this.stock.get(`${magasin}:${produit}`) ?? 0;
  }

  async start(): Promise<this> {
    this.server = await listen(this.app(), '127.0.0.1', 0);
    return this;
  }

  async stop(): Promise<void> {
    this.server?.server.closeAllConnections();
    await this.server?.close();
  }

  private app(): express.Express {
    const app = express();
    app.use(express.json());
    const on = (
      method: 'get' | 'post',
      path: string,
      route: Route,
      handler: (req: Request) => [number, unknown],
    ) => app[method](path, (req, res) => this.serve(route, req, res, () => handler(req)));
    on('get', '/api/panier/:client', 'panier', (req) => this.panier(Number(req.params.client)));
    on('post', '/api/panier/:client/vider', 'vider', (req) =>
      this.vider(Number(req.params.client), req.body),
    );
    on('post', '/api/stock/reserver', 'reserver', (req) => this.reserver(req.body));
    on('post', '/api/stock/liberer', 'liberer', (req) => this.liberer(req.body));
    on('post', '/api/clients/:client/payer', 'payer', (req) =>
      this.payer(Number(req.params.client), req.body),
    );
    on('post', '/api/clients/:client/rembourser', 'rembourser', (req) =>
      this.rembourser(Number(req.params.client), req.body),
    );
    on('post', '/api/ventes', 'vente', (req) => this.vente(req.body));
    app.get('/health', (_q, r) => void r.json({ status: 'ok' }));
    app.get('/ready', (_q, r) => void r.json({ status: 'ready' }));
    return app;
  }

  private async serve(
    route: Route,
    req: Request,
    res: Response,
    handle: () => [number, unknown],
  ): Promise<void> {
    const key = req.get('idempotency-key');
    if (this.recordCalls) {
      this.calls.push({
        route,
        key,
        requestId: req.get('x-request-id'),
        body: req.body as unknown,
      });
    }
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    const fault = this.faults.get(route)?.shift() ?? this.randomFault(route);
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    if (fault?.kind === 'status') {
      const code = fault.code ?? refusalCode(CALLS[route], fault.status) ?? 'INJECTED';
      res.status(fault.status).json({ error: { code, message: 'injected fault' } });
      if (fault.hook) res.on('finish', fault.hook);
      return;
    }
    if (fault?.kind === 'before-effect') {
      fault.hook?.();
      req.socket.destroy();
      return;
    }
    const invalid = SCHEMAS[route]?.validate(req.body, { allowUnknown: true }).error;
    const [status, body] = invalid ? err(400, 'VALIDATION_ERROR') : handle();
    if (fault?.kind === 'after-effect') {
      fault.hook?.();
      req.socket.destroy();
      return;
    }
    res.status(status).json(body);
    if (fault?.kind === 'after-answer') res.on('finish', () => fault.hook?.());
  }

  private randomFault(route: Route): Fault | undefined {
    for (const m of this.mix) {
      if (m.route === route && this.draw() < m.probability) return m.fault;
    }
    return undefined;
  }

  private panier(client: number): [number, unknown] {
    if (!this.carts.has(client) && !this.soldes.has(client)) return err(404, 'CLIENT_INCONNU');
    const lignes = this.carts.get(client) ?? [];
    const total = lignes.reduce((s, l) => s + l.quantite * l.prix_unitaire_cents, 0);
    return [200, { client_id: client, lignes, total_cents: total }];
  }

  private vider(client: number, body: { commande_id: string; lignes: Ligne[] }): [number, unknown] {
    if (!this.vidages.has(body.commande_id)) {
      this.vidages.add(body.commande_id);
      if (!this.consumeCarts) return [200, { client_id: client, commande_id: body.commande_id }];
      const cart = this.carts.get(client) ?? [];
      for (const l of body.lignes) {
        const line = cart.find((c) => c.produit_id === l.produit_id);
        if (line) line.quantite -= Math.min(line.quantite, l.quantite);
      }
      this.carts.set(
        client,
        cart.filter((c) => c.quantite > 0),
      );
    }
    return [200, { client_id: client, commande_id: body.commande_id }];
  }

  private reserver(body: {
    commande_id: string;
    magasin_id: number;
    lignes: { produit_id: number; quantite: number }[];
  }): [number, unknown] {
    const existing = this.reservations.get(body.commande_id);
    if (existing?.etat === 'RESERVEE')
      return [200, { commande_id: body.commande_id, etat: 'RESERVEE' }];
    if (existing?.etat === 'LIBEREE') return err(409, 'ALREADY_COMPENSATED');
    const magasin = `${body.magasin_id}:`;
    if (![...this.stock.keys()].some((k) => k.startsWith(magasin)))
      return err(404, 'MAGASIN_INCONNU');
    for (const l of body.lignes) {
      if (!this.stock.has(`${body.magasin_id}:${l.produit_id}`)) return err(404, 'PRODUIT_INCONNU');
      if (this.stockOf(body.magasin_id, l.produit_id) < l.quantite)
        return err(409, 'STOCK_INSUFFISANT');
    }
    for (const l of body.lignes)
      this.setStock(
        body.magasin_id,
        l.produit_id,
        this.stockOf(body.magasin_id, l.produit_id) - l.quantite,
      );
    this.reservations.set(body.commande_id, {
      etat: 'RESERVEE',
      magasin_id: body.magasin_id,
      lignes: body.lignes,
    });
    return [201, { commande_id: body.commande_id, etat: 'RESERVEE' }];
  }

  private liberer(body: { commande_id: string }): [number, unknown] {
    const r = this.reservations.get(body.commande_id);
    if (!r) {
      this.reservations.set(body.commande_id, { etat: 'LIBEREE', magasin_id: 0, lignes: [] }); // tombstone
    } else if (r.etat === 'RESERVEE') {
      for (const l of r.lignes)
        this.setStock(
          r.magasin_id,
          l.produit_id,
          this.stockOf(r.magasin_id, l.produit_id) + l.quantite,
        );
      r.etat = 'LIBEREE';
    }
    return [200, { commande_id: body.commande_id, etat: 'LIBEREE' }];
  }

  private payer(
    client: number,
    body: { commande_id: string; montant_cents: number },
  ): [number, unknown] {
    const p = this.paiements.get(body.commande_id);
    if (p?.etat === 'EFFECTUE')
      return [
        200,
        { commande_id: body.commande_id, etat: 'EFFECTUE', montant_cents: p.montant_cents },
      ];
    if (p?.etat === 'REMBOURSE') return err(409, 'ALREADY_COMPENSATED');
    const solde = this.soldes.get(client);
    if (solde === undefined) return err(404, 'CLIENT_INCONNU');
    if (solde < body.montant_cents) return err(402, 'SOLDE_INSUFFISANT');
    this.soldes.set(client, solde - body.montant_cents);
    this.paiements.set(body.commande_id, {
      etat: 'EFFECTUE',
      client_id: client,
      montant_cents: body.montant_cents,
    });
    return [
      201,
      { commande_id: body.commande_id, etat: 'EFFECTUE', montant_cents: body.montant_cents },
    ];
  }

  private rembourser(client: number, body: { commande_id: string }): [number, unknown] {
    const p = this.paiements.get(body.commande_id);
    if (!p) {
      this.paiements.set(body.commande_id, {
        etat: 'REMBOURSE',
        client_id: client,
        montant_cents: 0,
      });
    } else if (p.etat === 'EFFECTUE') {
      this.soldes.set(p.client_id, (this.soldes.get(p.client_id) ?? 0) + p.montant_cents);
      p.etat = 'REMBOURSE';
    }
    return [200, { commande_id: body.commande_id, etat: 'REMBOURSE' }];
  }

  private vente(body: {
    commande_id: string;
    client_id: number;
    total_cents: number;
  }): [number, unknown] {
    const v = this.ventes.get(body.commande_id);
    if (v) return [200, { id: v.id, commande_id: body.commande_id, total_cents: v.total_cents }];
    this.venteSeq += 1;
    this.ventes.set(body.commande_id, {
      id: this.venteSeq,
      total_cents: body.total_cents,
      client_id: body.client_id,
    });
    return [
      201,
      { id: this.venteSeq, commande_id: body.commande_id, total_cents: body.total_cents },
    ];
  }
}

const err = (status: number, code: string): [number, unknown] => [
  status,
  { error: { code, message: code } },
];
