import { Button } from '../components/button.js';
import type { Session } from '../lib/auth/session.js';
import { paths } from '../lib/paths.js';
import { Link, matchPath } from '../lib/router.js';
import styles from './top-bar.module.css';

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
    { to: paths.catalogue, label: 'Catalogue' },
    { to: paths.magasins, label: 'Magasins' },
    { to: paths.stocks, label: 'Stocks' },
    { to: paths.inscriptionsConsole, label: 'Inscriptions' },
    ...(demoMode ? [{ to: paths.pannes, label: 'Pannes' }] : []),
  ];
}

function who(session: Session): string {
  return session.role === 'operateur'
    ? `${session.username} (opérateur)`
    : `${session.username} (client n° ${session.clientId ?? '?'})`;
}

function MainNav({ items, path }: { items: readonly NavItem[]; path: string }) {
  return (
    <nav className={styles.nav} aria-label="Navigation principale">
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
  );
}

/** The brand, the pages this user may open, who is signed in and the way out. */
export function TopBar({
  session,
  demoMode,
  path,
  onSignOut,
}: {
  session: Session | null;
  demoMode: boolean;
  path: string;
  onSignOut: () => void;
}) {
  const items = navFor(session, demoMode);
  return (
    <header className={styles.topbar}>
      <div className={styles.inner}>
        <Link to="/" className={styles.brand}>
          <span className={styles.mark} aria-hidden="true">
            ◆
          </span>
          Saga Retail
        </Link>
        {items.length > 0 && <MainNav items={items} path={path} />}
        {session && (
          <div className={styles.user}>
            <span>{who(session)}</span>
            <Button size="small" variant="ghost" onClick={onSignOut}>
              Se déconnecter
            </Button>
          </div>
        )}
      </div>
    </header>
  );
}
