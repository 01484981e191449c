import { type FormEvent, useState } from 'react';
import { Field } from '../../../components/fields.js';
import { ErrorMessage, Notice } from '../../../components/status.js';
import { type Session, sessionFromToken } from '../../../lib/auth/session.js';
import { useQuery } from '../../../lib/use-query.js';
import { fetchDemoData } from '../api/demo-data.js';
import { requestToken } from '../api/request-token.js';
import { DemoAccounts } from './demo-accounts.js';

/** Sign in; the token stays in memory. `onSignedIn` decides where to go next. */
export function LoginPage({
  notice,
  lastUsername,
  onSignedIn,
}: {
  notice: string | null;
  lastUsername: string | null;
  onSignedIn: (session: Session) => void;
}) {
  const [username, setUsername] = useState(lastUsername ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  // The demo accounts exist only where the demo data was loaded (npm start, DEMO_DATA=true):
  // listed only when the auth service says so, never while it has not answered.
  const demo = useQuery('demo-data', fetchDemoData);

  const fields = [
    {
      id: 'username',
      label: 'Nom d’utilisateur',
      type: 'text',
      autoComplete: 'username',
      value: username,
      set: setUsername,
    },
    {
      id: 'password',
      label: 'Mot de passe',
      type: 'password',
      autoComplete: 'current-password',
      value: password,
      set: setPassword,
    },
  ];

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { access_token, expires_in } = await requestToken(username.trim(), password);
      onSignedIn(sessionFromToken(access_token, expires_in));
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
          {fields.map(({ id, label, type, autoComplete, value, set }) => (
            <Field
              key={id}
              id={id}
              name={id}
              label={label}
              type={type}
              autoComplete={autoComplete}
              required
              value={value}
              onChange={(e) => set(e.target.value)}
            />
          ))}
          <button type="submit" className="button button-primary button-large" disabled={busy}>
            {busy ? 'Connexion…' : 'Se connecter'}
          </button>
        </form>
      </section>
      {demo.data?.demo_data === true && (
        <DemoAccounts
          onPick={(u, p) => {
            setUsername(u);
            setPassword(p);
          }}
        />
      )}
    </div>
  );
}
