import { serviceStarter } from '../../lib/service-starter.js';
import { Catalogue } from './catalogue.js';
import { produitsRoutes } from './routes.js';

/** The produits service: migrates its database, then listens (see serviceStarter). */
export const startProduits = serviceStarter('produits', ({ db, guards }) =>
  produitsRoutes(new Catalogue(db), guards),
);
