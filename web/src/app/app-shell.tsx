import { type ReactNode, useEffect, useRef } from 'react';
import type { Session } from '../lib/auth/session.js';
import { useLocation } from '../lib/router.js';
import styles from './app-shell.module.css';
import { TopBar } from './top-bar.js';

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
  return (
    <>
      <a className={styles.skipLink} href="#main">
        Aller au contenu
      </a>
      <TopBar session={session} demoMode={demoMode} path={path} onSignOut={onSignOut} />
      <main id="main" className={styles.main} tabIndex={-1}>
        {children}
      </main>
      <footer className={styles.footer}>
        <p>Saga Retail — démonstration d’une saga de commande orchestrée.</p>
      </footer>
    </>
  );
}
