import { type RunningService, type ServiceDeps, startService } from '../../lib/service.js';
import type { PanierConfig } from './config.js';
import { Paniers } from './paniers.js';
import { panierRoutes } from './routes.js';
import { CatalogueClient, ClientsClient, createHttp } from './services-http.js';

export type RunningPanier = RunningService;

/** Migrates the panier database, then listens; close() stops the server and the pool. */
export function startPanier(config: PanierConfig): Promise<RunningPanier> {
  const mount = ({ db }: ServiceDeps) => {
    const http = createHttp({ timeoutMs: config.httpTimeoutMs });
    const paniers = new Paniers(
      db,
      new CatalogueClient(http, config.produitsUrl),
      new ClientsClient(http, config.clientUrl),
    );
    return panierRoutes(paniers);
  };
  return startService({ name: 'panier', config, mount });
}
