import { withPannes } from '../../lib/pannes.js';
import { serviceStarter } from '../../lib/service-starter.js';
import type { VentesConfig } from './config.js';
import { Registre } from './registre.js';
import { ventesRoutes } from './routes.js';

/** The ventes service: migrates its database, then listens (see serviceStarter). */
export const startVentes = serviceStarter<VentesConfig>('ventes', ({ db, guards }, config) =>
  withPannes('ventes', config, guards, ventesRoutes(new Registre(db), guards)),
);
