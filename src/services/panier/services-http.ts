import got, { type Got, RequestError } from 'got';
import Joi from 'joi';
import { AppError, notFound } from '../../lib/errors.js';
import { currentContext } from '../../lib/request-context.js';

export interface ProduitPrix {
  id: number;
  prix_cents: number;
}

export interface HttpOptions {
  timeoutMs: number;
}

const produitSchema = Joi.object<ProduitPrix>({
  id: Joi.number().integer().positive().required(),
  prix_cents: Joi.number().integer().min(0).required(),
}).unknown(true);

/** Outgoing HTTP: short timeout, one retry (GETs only), and our request id passed on. */
export function createHttp(opts: HttpOptions): Got {
  return got.extend({
    timeout: { request: opts.timeoutMs },
    retry: { limit: 1, methods: ['GET'] },
    throwHttpErrors: false,
    responseType: 'json',
    hooks: {
      beforeRequest: [
        (options) => {
          const { requestId } = currentContext();
          if (requestId !== undefined) options.headers['x-request-id'] = requestId;
        },
      ],
    },
  });
}

const errorCode = (body: unknown): string | undefined => {
  const error = (body as { error?: { code?: unknown } } | null)?.error;
  return typeof error?.code === 'string' ? error.code : undefined;
};

const unavailable = (service: string, code: string, cause?: unknown): AppError =>
  new AppError(code, `The ${service} service did not answer properly`, 503, { cause });

async function getJson(http: Got, url: string, service: string, code: string) {
  try {
    return await http.get<unknown>(url);
  } catch (err) {
    if (err instanceof RequestError) throw unavailable(service, code, err);
    throw err;
  }
}

/** Asks the produits service for today's price: the caller never sets a price. */
export class CatalogueClient {
  constructor(
    private readonly http: Got,
    private readonly produitsUrl: string,
  ) {}

  async prix(produitId: number): Promise<ProduitPrix> {
    const url = `${this.produitsUrl}/api/produits/${produitId}`;
    const res = await getJson(this.http, url, 'produits', 'PRODUITS_INDISPONIBLE');
    if (res.statusCode === 404 && errorCode(res.body) === 'PRODUIT_INCONNU')
      throw notFound(`Produit ${produitId} does not exist`, 'PRODUIT_INCONNU');
    const { value, error } = produitSchema.validate(res.body);
    if (res.statusCode !== 200 || error) {
      throw unavailable('produits', 'PRODUITS_INDISPONIBLE', error ?? `status ${res.statusCode}`);
    }
    return value;
  }
}

/** Asks the client service whether an account exists. */
export class ClientsClient {
  constructor(
    private readonly http: Got,
    private readonly clientUrl: string,
  ) {}

  async exists(clientId: number): Promise<boolean> {
    const url = `${this.clientUrl}/api/clients/${clientId}`;
    const res = await getJson(this.http, url, 'client', 'CLIENT_INDISPONIBLE');
    if (res.statusCode === 200) return true;
    // A bare 404 (no such route: a wrong CLIENT_URL) must not pass for an unknown client.
    if (res.statusCode === 404 && errorCode(res.body) === 'CLIENT_INCONNU') return false;
    throw unavailable('client', 'CLIENT_INDISPONIBLE', `status ${res.statusCode}`);
  }
}
