import { ClientPage } from '../features/console/components/client-page.js';
import { ClientsPage } from '../features/console/components/clients-page.js';
import { InscriptionDetailPage } from '../features/console/components/inscription-detail-page.js';
import { InscriptionsPage } from '../features/console/components/inscriptions-page.js';
import { paths } from '../lib/paths.js';
import type { RouteDef } from './routes.js';
import { NotFoundPage } from './simple-pages.js';

/** The operator's sign-ups and client accounts (credited from there). */
export const CONSOLE_ROUTES: readonly RouteDef[] = [
  {
    pattern: paths.inscriptionsConsole,
    title: 'Inscriptions',
    role: 'operateur',
    render: () => <InscriptionsPage />,
  },
  {
    pattern: '/console/inscriptions/:id',
    title: 'Inscription',
    role: 'operateur',
    render: (p) => <InscriptionDetailPage key={p.id} id={p.id ?? ''} />,
  },
  {
    pattern: paths.clientsConsole,
    title: 'Comptes clients',
    role: 'operateur',
    render: () => <ClientsPage />,
  },
  {
    pattern: '/console/clients/:id',
    title: 'Client',
    role: 'operateur',
    render: (p) =>
      /^[1-9]\d{0,9}$/.test(p.id ?? '') ? (
        <ClientPage key={p.id} id={Number(p.id)} />
      ) : (
        <NotFoundPage home={paths.tableauDeBord} />
      ),
  },
];
