import { type ReactNode, useEffect, useRef } from 'react';
import type { Session } from '../lib/auth/session.js';
import { paths } from '../lib/paths.js';
import { Link, matchPath, useLocation } from '../lib/router.js';

interface NavItem {
  to: string;
  label: string;
}

function navFor(session: Session | null, demoMode: boolean): NavItem[] {
  if (!session) return [];
  if (session.role === 'client') {
    return [
      { to: paths.boutique, label: 'Boutique' },
      { to: paths.mesCommandes, label: 'Mes commandes' },
    ];
  }
  return [
    { to: paths.tableauDeBord, label: 'Tableau de bord' },
    { to: paths.console, label: 'Console' },
    ...(demoMode ? [{ to: paths.pannes, label: 'Pannes' }] : []),
  ];
}

function who(session: Session): string {
  return session.role === 'operateur'
    ? `${session.username} (opérateur)`
    : `${session.username} (client n° ${session.clientId ?? '?'})`;
}

/** Moves focus to the new page's title after navigation, so it is announced. */
function useFocusOnNavigate(location: string): void {
  // Compared with the last location, not "first run": StrictMode runs effects twice.
  const previous = useRef(location);
  useEffect(() => {
    if (previous.current === location) return;
    previous.current = location;
    const target = document.getElementById('page-title') ?? document.getElementById('main');
    target?.focus();
  }, [location]);
}

export function AppShell({
  session,
  demoMode,
  title,
  onSignOut,
  children,
}: {
  session: Session | null;
  demoMode: boolean;
  title: string;
  onSignOut: () => void;
  children: ReactNode;
}) {
  const location = useLocation();
  const path = location.split('?')[0] ?? '';
  useFocusOnNavigate(path);
  useEffect(() => {
    document.title = `${title} — Saga Retail`;
  }, [title]);
  const items = navFor(session, demoMode);
  return (
    <>
      <a className="skip-link" href="#main">
        Aller au contenu
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              ◆
            </span>
            Saga Retail
          </Link>
          {items.length > 0 && (
            <nav aria-label="Navigation principale">
              <ul>
                {items.map((item) => (
                  <li key={item.to}>
                    <Link to={item.to} aria-current={matchPath(item.to, path) ? 'page' : undefined}>
                      {item.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          {session && (
            <div className="user">
              <span className="user-name">{who(session)}</span>
              <button
                type="button"
                className="button button-small button-ghost"
                onClick={onSignOut}
              >
                Se déconnecter
              </button>
            </div>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">
        <p>Saga Retail — démonstration d’une saga de commande orchestrée.</p>
      </footer>
    </>
  );
}
