import { type FormEvent, useState } from 'react';
import { ErrorMessage, Notice } from '../../../components/status.js';
import { type Session, sessionFromToken } from '../../../lib/auth/session.js';
import { requestToken } from '../api/request-token.js';
import { DemoAccounts } from './demo-accounts.js';

/** Sign in; the token stays in memory. `onSignedIn` decides where to go next. */
export function LoginPage({
  notice,
  onSignedIn,
}: {
  notice: string | null;
  onSignedIn: (session: Session) => void;
}) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { access_token } = await requestToken(username.trim(), password);
      onSignedIn(sessionFromToken(access_token));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login">
      <section className="panel login-card" aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1}>
          Connexion
        </h1>
        <p className="muted">Connectez-vous pour faire vos achats ou piloter les commandes.</p>
        {notice && <Notice tone="attention">{notice}</Notice>}
        {error !== undefined && <ErrorMessage error={error} />}
        <form onSubmit={(e) => void submit(e)} className="stack">
          <div className="field">
            <label htmlFor="username">Nom d’utilisateur</label>
            <input
              id="username"
              name="username"
              autoComplete="username"
              required
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="password">Mot de passe</label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <button type="submit" className="button button-primary button-large" disabled={busy}>
            {busy ? 'Connexion…' : 'Se connecter'}
          </button>
        </form>
      </section>
      <DemoAccounts
        onPick={(u, p) => {
          setUsername(u);
          setPassword(p);
        }}
      />
    </div>
  );
}
