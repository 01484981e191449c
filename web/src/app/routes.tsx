import type { ReactNode } from 'react';
import { BoutiquePage } from '../features/boutique/components/boutique-page.js';
import { MesCommandesPage } from '../features/boutique/components/mes-commandes-page.js';
import { CommandePage } from '../features/commande/components/commande-page.js';
import { ConsolePage } from '../features/console/components/console-page.js';
import { PannesPage } from '../features/pannes/components/pannes-page.js';
import { DashboardPage } from '../features/tableau-de-bord/components/dashboard-page.js';
import type { Role, Session } from '../lib/auth/session.js';
import { paths } from '../lib/paths.js';
import { matchPath } from '../lib/router.js';
import { CONSOLE_ROUTES } from './console-routes.js';
import { EMPLOYEE_ROUTES } from './employee-routes.js';
import { ForbiddenPage, NotFoundPage } from './simple-pages.js';

export interface RouteMatch {
  title: string;
  element: ReactNode;
}

export const homeOf = (session: Session): string =>
  session.role === 'operateur' ? paths.tableauDeBord : paths.boutique;

export interface RouteDef {
  pattern: string;
  title: string;
  /** Who may see it; absent: any signed-in user. */
  role?: Role;
  render: (params: Record<string, string>, session: Session) => ReactNode;
}

/** Client pages need a client_id: sessionFromToken guarantees one for the client role. */
const clientId = (s: Session): number => s.clientId ?? 0;

const ROUTES: readonly RouteDef[] = [
  {
    pattern: paths.boutique,
    title: 'Boutique',
    role: 'client',
    render: (_, s) => <BoutiquePage clientId={clientId(s)} />,
  },
  {
    pattern: paths.mesCommandes,
    title: 'Mes commandes',
    role: 'client',
    render: (_, s) => <MesCommandesPage clientId={clientId(s)} />,
  },
  {
    pattern: '/commandes/:id',
    title: 'Commande',
    render: (p) => <CommandePage key={p.id} id={p.id ?? ''} />,
  },
  {
    pattern: paths.tableauDeBord,
    title: 'Tableau de bord',
    role: 'operateur',
    render: () => <DashboardPage />,
  },
  { pattern: paths.console, title: 'Console', role: 'operateur', render: () => <ConsolePage /> },
  ...CONSOLE_ROUTES,
  {
    pattern: paths.pannes,
    title: 'Pannes simulées',
    role: 'operateur',
    render: () => <PannesPage />,
  },
  ...EMPLOYEE_ROUTES,
];

/** Whether this user may open that location (a page kept across a re-login may not be theirs). */
export function canSee(location: string, session: Session): boolean {
  const route = ROUTES.find((r) => matchPath(r.pattern, location));
  return route !== undefined && (!route.role || route.role === session.role);
}

/** The page for a location, for a signed-in user. */
export function matchRoute(location: string, session: Session): RouteMatch {
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, location);
    if (!params) continue;
    if (route.role && route.role !== session.role) {
      return { title: 'Accès réservé', element: <ForbiddenPage home={homeOf(session)} /> };
    }
    return { title: route.title, element: route.render(params, session) };
  }
  return { title: 'Page introuvable', element: <NotFoundPage home={homeOf(session)} /> };
}
