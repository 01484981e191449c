import { requestToken } from '../features/connexion/api/request-token.js';
import { LoginPage } from '../features/connexion/components/login-page.js';
import { InscriptionPage } from '../features/inscription/components/inscription-page.js';
import { useDemoMode } from '../features/pannes/hooks/use-demo-mode.js';
import { type Session, sessionFromToken, sessionStore } from '../lib/auth/session.js';
import { useSessionState } from '../lib/auth/use-session.js';
import { paths } from '../lib/paths.js';
import { navigate, useLocation } from '../lib/router.js';
import { AppShell } from './app-shell.js';
import { Redirect } from './redirect.js';
import { canSee, homeOf, matchRoute } from './routes.js';

function signedIn(session: Session): void {
  sessionStore.signIn(session);
  const back = sessionStore.takeReturnTo();
  navigate(back !== null && canSee(back, session) ? back : homeOf(session), { replace: true });
}

/** A new account signs in with the credentials it was just given, and goes shopping. */
async function signedUp(username: string, password: string): Promise<void> {
  const { access_token, expires_in } = await requestToken(username, password);
  sessionStore.signIn(sessionFromToken(access_token, expires_in));
  sessionStore.takeReturnTo();
  navigate(paths.boutique, { replace: true });
}

/** Composes the features into pages: who is signed in decides what can be seen. */
export function App() {
  const { session, notice, lastUsername } = useSessionState();
  const location = useLocation();
  const path = location.split('?')[0] ?? '';
  const demoMode = useDemoMode(session?.role === 'operateur');

  if (!session) {
    if (path === paths.inscription) {
      return (
        <AppShell
          session={null}
          demoMode={false}
          title="Créer un compte"
          onSignOut={() => undefined}
        >
          <InscriptionPage signIn={signedUp} />
        </AppShell>
      );
    }
    if (path !== paths.connexion) {
      if (path !== '/') sessionStore.rememberReturnTo(location);
      return <Redirect to={paths.connexion} />;
    }
    return (
      <AppShell session={null} demoMode={false} title="Connexion" onSignOut={() => undefined}>
        <LoginPage notice={notice} lastUsername={lastUsername} onSignedIn={signedIn} />
      </AppShell>
    );
  }
  if (path === '/' || path === paths.connexion || path === paths.inscription) {
    return <Redirect to={homeOf(session)} />;
  }
  const page = matchRoute(location, session);
  return (
    <AppShell
      session={session}
      demoMode={demoMode}
      title={page.title}
      onSignOut={() => sessionStore.signOut()}
    >
      {page.element}
    </AppShell>
  );
}
