import { serviceStarter } from '../../lib/service-starter.js';
import { Magasins } from './magasins.js';
import { magasinRoutes } from './routes.js';

/** The magasin service: migrates its database, then listens (see serviceStarter). */
export const startMagasin = serviceStarter('magasin', ({ db, guards }) =>
  magasinRoutes(new Magasins(db), guards),
);
