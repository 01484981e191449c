import { withPannes } from '../../lib/pannes.js';
import { serviceStarter } from '../../lib/service-starter.js';
import { Comptes } from './comptes.js';
import type { ClientConfig } from './config.js';
import { InscriptionsClient } from './inscriptions.js';
import { Paiements } from './paiements.js';
import { clientRoutes } from './routes.js';

/** The client service: migrates its database, then listens (see serviceStarter). */
export const startClient = serviceStarter<ClientConfig>(
  'client',
  ({ db, guards, logger }, config) =>
    withPannes(
      'client',
      config,
      guards,
      clientRoutes(new Comptes(db), new Paiements(db), new InscriptionsClient(db, logger), guards),
    ),
);
