import got from 'got';
import Joi from 'joi';
import { type AppError, notFound, unavailable } from '../../lib/errors.js';
import { currentContext } from '../../lib/request-context.js';

export interface ProduitPrix {
  id: number;
  prix_cents: number;
}

/** What a GET brought back. */
export interface Answer {
  statusCode: number;
  body: unknown;
}

/** One GET to another service; rejects when no answer came (refused, dropped, timed out). */
export type GetJson = (url: string) => Promise<Answer>;

export interface HttpOptions {
  timeoutMs: number;
  /** Attempts after the first when no answer came (default 1). */
  retries?: number;
  /** SERVICE_TOKEN, sent on every call: panier asks as itself, not as its caller. */
  serviceToken?: string | undefined;
}

const produitSchema = Joi.object<ProduitPrix>({
  id: Joi.number().integer().positive().required(),
  prix_cents: Joi.number().integer().min(0).required(),
}).unknown(true);

/**
 * Outgoing GETs: a short timeout, our request id passed on, and one more attempt when no
 * answer came. The retry is ours rather than got's: from Node 24.20 on, a refused connection
 * under got's own retry rejects with Node's bare ERR_SOCKET_CLOSED_BEFORE_CONNECTION (the
 * failed write of the first attempt, not wrapped in a got RequestError) and the retry never
 * happens (sindresorhus/got#2469). got runs one attempt per call here, which it does alike on
 * every Node version.
 */
export function createHttp(opts: HttpOptions): GetJson {
  const client = got.extend({
    timeout: { request: opts.timeoutMs },
    retry: { limit: 0 },
    throwHttpErrors: false,
    responseType: 'json',
    headers: opts.serviceToken ? { authorization: `Bearer ${opts.serviceToken}` } : {},
    hooks: {
      beforeRequest: [
        (options) => {
          const { requestId } = currentContext();
          if (requestId !== undefined) options.headers['x-request-id'] = requestId;
        },
      ],
    },
  });
  const retries = opts.retries ?? 1;
  return async (url) => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const res = await client.get<unknown>(url);
        return { statusCode: res.statusCode, body: res.body };
      } catch (err) {
        if (attempt >= retries) throw err;
      }
    }
  };
}

const errorCode = (body: unknown): string | undefined => {
  const error = (body as { error?: { code?: unknown } } | null)?.error;
  return typeof error?.code === 'string' ? error.code : undefined;
};

/** Another service as panier asks it: its name, and the codes of its answers. */
interface Peer {
  service: string;
  /** Our 503 code when it does not answer properly. */
  unavailable: string;
  /** Its 404 code for an id it does not know. */
  unknown: string;
}

const PRODUITS: Peer = {
  service: 'produits',
  unavailable: 'PRODUITS_INDISPONIBLE',
  unknown: 'PRODUIT_INCONNU',
};
const CLIENTS: Peer = {
  service: 'client',
  unavailable: 'CLIENT_INDISPONIBLE',
  unknown: 'CLIENT_INCONNU',
};

const indisponible = (peer: Peer, cause: unknown): AppError =>
  unavailable(`The ${peer.service} service did not answer properly`, peer.unavailable, { cause });

/**
 * Reads one entity of another service: `{ body }`, or undefined when that service says it does
 * not know the id (a bare 404, such as a wrong URL gives, does not count). Anything else,
 * including no answer whatever error the HTTP stack raised, is 503: the caller may retry.
 */
async function readEntity(
  http: GetJson,
  url: string,
  peer: Peer,
): Promise<{ body: unknown } | undefined> {
  const res = await http(url).catch((err: unknown) => {
    throw indisponible(peer, err);
  });
  if (res.statusCode === 200) return { body: res.body };
  if (res.statusCode === 404 && errorCode(res.body) === peer.unknown) return undefined;
  throw indisponible(peer, `status ${res.statusCode}`);
}

/** What panier asks the other services: today's prices (produits), known clients (client). */
export class Peers {
  constructor(
    private readonly http: GetJson,
    private readonly urls: { produits: string; client: string },
  ) {}

  /** The price of the day: the caller never sets a price. */
  async prix(produitId: number): Promise<ProduitPrix> {
    const url = `${this.urls.produits}/api/produits/${produitId}`;
    const found = await readEntity(this.http, url, PRODUITS);
    if (!found) throw notFound(`Produit ${produitId} does not exist`, PRODUITS.unknown);
    const { value, error } = produitSchema.validate(found.body);
    if (error) throw indisponible(PRODUITS, error);
    return value;
  }

  async clientExists(clientId: number): Promise<boolean> {
    const url = `${this.urls.client}/api/clients/${clientId}`;
    return (await readEntity(this.http, url, CLIENTS)) !== undefined;
  }
}
