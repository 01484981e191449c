import express, { type Request, type Response } from 'express';
import Joi from 'joi';
import {
  actionUndoneBy,
  callNames,
  type CallName,
  callSpec,
  refusalOf,
} from '../../src/lib/participant-calls.js';
import { listen, type RunningServer } from '../../src/lib/http.js';

/**
 * In-memory stand-ins for every participant call of src/lib/participant-calls.ts, one
 * server for all the services' paths, honouring the saga contract generically: a POST is
 * idempotent on commande_id (a repeat answers 200 and the first answer), a compensation that
 * arrives first leaves a tombstone and the action it undoes then answers 409
 * ALREADY_COMPENSATED (a hanging action), each answer has the shape the record names. The
 * checkout's own calls add their business effects (carts, stock, balances, sales) on top; a
 * new call of the record is answered with no code here. Hooks inject faults.
 */
export type Route = CallName;

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
/** A POST's body: commande_id and the fields the record names, all present. */
const bodySchema = (route: Route): Joi.Schema =>
  Joi.object({
    commande_id: uuid,
    ...Object.fromEntries(callSpec(route).body.map((f) => [f, Joi.required()])),
  });

/** Stricter checks of the checkout's own calls. */
const SCHEMAS: Partial<Record<Route, Joi.Schema>> = {
  reserver_stock: Joi.object({ commande_id: uuid, magasin_id: id, lignes: lignesQ }),
  payer: Joi.object({ commande_id: uuid, montant_cents: Joi.number().integer().min(0).required() }),
  enregistrer_vente: Joi.object({
    commande_id: uuid,
    client_id: id,
    magasin_id: id,
    lignes: lignesQ,
    total_cents: Joi.number().integer().min(0).required(),
  }),
  vider_panier: Joi.object({ commande_id: uuid, lignes: Joi.array().required() }),
};

type Answer = [number, unknown];
interface Input {
  params: Record<string, string>;
  body: Record<string, unknown>;
}

/** The answer of a call with no business effect: the shape the record names. */
export function contractAnswer(route: Route, input: Input, venteId = 1): unknown {
  const answer = callSpec(route).answer;
  const commande_id = input.body.commande_id;
  switch (answer.kind) {
    case 'etat': {
      const echo = Object.fromEntries((answer.echo ?? []).map((f) => [f, input.body[f]]));
      return { commande_id, etat: answer.etat, ...echo };
    }
    case 'panier':
      return { client_id: Number(input.params.client_id), lignes: [], total_cents: 0 };
    case 'vente':
      return { id: venteId, commande_id, total_cents: input.body.total_cents };
    case 'libre':
      return { commande_id };
    default: {
      const never: never = answer;
      throw new Error(`Unknown answer ${JSON.stringify(never)}`);
    }
  }
}

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
  /** Each POST call's first answer, by commande: repeats, tombstones, hanging actions. */
  private readonly answers = new Map<Route, Map<string, unknown>>();
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
    this.answers.clear();
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
    for (const route of callNames()) {
      const { method, path } = callSpec(route);
      app[method === 'GET' ? 'get' : 'post'](path, (req, res) =>
        this.serve(route, req, res, () =>
          this.answer(route, {
            params: req.params as Record<string, string>,
            body: (req.body ?? {}) as Input['body'],
          }),
        ),
      );
    }
    app.get('/health', (_q, r) => void r.json({ status: 'ok' }));
    app.get('/ready', (_q, r) => void r.json({ status: 'ready' }));
    return app;
  }

  private async serve(
    route: Route,
    req: Request,
    res: Response,
    handle: () => Answer,
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
      const code = fault.code ?? refusalOf(route, fault.status)?.code ?? 'INJECTED';
      res.status(fault.status).json({ error: { code, message: 'injected fault' } });
      if (fault.hook) res.on('finish', fault.hook);
      return;
    }
    if (fault?.kind === 'before-effect') {
      fault.hook?.();
      req.socket.destroy();
      return;
    }
    const [status, body] = this.invalid(route, req.body) ? err(400, 'VALIDATION_ERROR') : handle();
    if (fault?.kind === 'after-effect') {
      fault.hook?.();
      req.socket.destroy();
      return;
    }
    res.status(status).json(body);
    if (fault?.kind === 'after-answer') res.on('finish', () => fault.hook?.());
  }

  private invalid(route: Route, body: unknown): boolean {
    if (callSpec(route).method === 'GET') return false;
    const schemas = [bodySchema(route), SCHEMAS[route]];
    return schemas.some((s) => s?.validate(body, { allowUnknown: true }).error !== undefined);
  }

  private randomFault(route: Route): Fault | undefined {
    for (const m of this.mix) {
      if (m.route === route && this.draw() < m.probability) return m.fault;
    }
    return undefined;
  }

  /**
   * The contract's generic semantics, for every call of the record: a read answers; an
   * action whose compensation came (first, or since) answers 409 ALREADY_COMPENSATED; a POST
   * repeated for a commande answers 200 and its first answer; a compensation always succeeds (its record
   * is the tombstone). The business effect, if the call has one, runs once.
   */
  private answer(route: Route, input: Input): Answer {
    const spec = callSpec(route);
    const effect = this.effects[route];
    const fresh = (): Answer => [
      spec.ok.includes(201) ? 201 : 200,
      contractAnswer(route, input, ++this.venteSeq),
    ];
    if (spec.method === 'GET') return effect?.(input) ?? fresh();
    const commande = String(input.body.commande_id);
    const done = this.answered(route);
    const compensation = spec.compensation as Route | undefined;
    if (compensation !== undefined && this.answered(compensation).has(commande)) {
      return err(409, 'ALREADY_COMPENSATED');
    }
    const first = done.get(commande);
    if (first !== undefined) return [200, first];
    const undone = actionUndoneBy(route);
    const [status, body] =
      effect?.(input, undone !== undefined && this.answered(undone).has(commande)) ?? fresh();
    if (status < 300) done.set(commande, body);
    return [status, body];
  }

  private answered(route: Route): Map<string, unknown> {
    let done = this.answers.get(route);
    if (!done) this.answers.set(route, (done = new Map()));
    return done;
  }

  /** The business effects of the checkout's calls (a compensation's undoes its action if done). */
  private readonly effects: Partial<
    Record<Route, (input: Input, actionDone?: boolean) => Answer | undefined>
  > = {
    lire_panier: ({ params }) => this.panier(Number(params.client_id)),
    vider_panier: ({ params, body }) => this.vider(Number(params.client_id), body),
    reserver_stock: ({ body }) => this.reserver(body as unknown as ReserverBody),
    liberer_stock: ({ body }) => this.liberer(String(body.commande_id)),
    payer: ({ params, body }) =>
      this.payer(Number(params.client_id), String(body.commande_id), Number(body.montant_cents)),
    rembourser: ({ params, body }) =>
      this.rembourser(Number(params.client_id), String(body.commande_id)),
    enregistrer_vente: ({ body }) => this.vente(body as unknown as VenteBody),
  };

  private panier(client: number): Answer {
    if (!this.carts.has(client) && !this.soldes.has(client)) return err(404, 'CLIENT_INCONNU');
    const lignes = this.carts.get(client) ?? [];
    const total = lignes.reduce((s, l) => s + l.quantite * l.prix_unitaire_cents, 0);
    return [200, { client_id: client, lignes, total_cents: total }];
  }

  private vider(client: number, body: Input['body']): Answer {
    const commande_id = String(body.commande_id);
    this.vidages.add(commande_id);
    if (this.consumeCarts) {
      const cart = this.carts.get(client) ?? [];
      for (const l of body.lignes as Ligne[]) {
        const line = cart.find((c) => c.produit_id === l.produit_id);
        if (line) line.quantite -= Math.min(line.quantite, l.quantite);
      }
      this.carts.set(
        client,
        cart.filter((c) => c.quantite > 0),
      );
    }
    return [200, { client_id: client, commande_id }];
  }

  private reserver(body: ReserverBody): Answer {
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

  private liberer(commande_id: string): Answer {
    const r = this.reservations.get(commande_id);
    if (!r) {
      this.reservations.set(commande_id, { etat: 'LIBEREE', magasin_id: 0, lignes: [] }); // tombstone
    } else if (r.etat === 'RESERVEE') {
      for (const l of r.lignes)
        this.setStock(
          r.magasin_id,
          l.produit_id,
          this.stockOf(r.magasin_id, l.produit_id) + l.quantite,
        );
      r.etat = 'LIBEREE';
    }
    return [200, { commande_id, etat: 'LIBEREE' }];
  }

  private payer(client: number, commande_id: string, montant_cents: number): Answer {
    const solde = this.soldes.get(client);
    if (solde === undefined) return err(404, 'CLIENT_INCONNU');
    if (solde < montant_cents) return err(402, 'SOLDE_INSUFFISANT');
    this.soldes.set(client, solde - montant_cents);
    this.paiements.set(commande_id, { etat: 'EFFECTUE', client_id: client, montant_cents });
    return [201, { commande_id, etat: 'EFFECTUE', montant_cents }];
  }

  private rembourser(client: number, commande_id: string): Answer {
    const p = this.paiements.get(commande_id);
    if (!p) {
      this.paiements.set(commande_id, { etat: 'REMBOURSE', client_id: client, montant_cents: 0 });
    } else if (p.etat === 'EFFECTUE') {
      this.soldes.set(p.client_id, (this.soldes.get(p.client_id) ?? 0) + p.montant_cents);
      p.etat = 'REMBOURSE';
    }
    return [200, { commande_id, etat: 'REMBOURSE' }];
  }

  private vente(body: VenteBody): Answer {
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

interface ReserverBody {
  commande_id: string;
  magasin_id: number;
  lignes: { produit_id: number; quantite: number }[];
}

interface VenteBody {
  commande_id: string;
  client_id: number;
  total_cents: number;
}

const err = (status: number, code: string): Answer => [status, { error: { code, message: code } }];
