import { withPannes } from '../../lib/pannes.js';
import { serviceStarter } from '../../lib/service-starter.js';
import type { PanierConfig } from './config.js';
import { Paniers } from './paniers.js';
import { panierRoutes } from './routes.js';
import { createHttp, Peers } from './services-http.js';

/** The panier service: migrates its database, then listens (see serviceStarter). */
export const startPanier = serviceStarter<PanierConfig>('panier', ({ db, guards }, config) => {
  const http = createHttp({
    timeoutMs: config.httpTimeoutMs,
    serviceToken: config.auth.serviceToken,
  });
  const peers = new Peers(http, { produits: config.produitsUrl, client: config.clientUrl });
  return withPannes('panier', config, guards, panierRoutes(new Paniers(db, peers), guards));
});
