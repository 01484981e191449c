import { serviceStarter } from '../../lib/service-starter.js';
import { Registre } from './registre.js';
import { ventesRoutes } from './routes.js';

/** The ventes service: migrates its database, then listens (see serviceStarter). */
export const startVentes = serviceStarter('ventes', ({ db, guards }) =>
  ventesRoutes(new Registre(db), guards),
);
