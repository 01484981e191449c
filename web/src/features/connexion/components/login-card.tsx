import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/button.js';
import { Field } from '../../../components/fields.js';
import { Panel } from '../../../components/panel.js';
import { ErrorMessage, Notice } from '../../../components/status.js';
import { type Session, sessionFromToken } from '../../../lib/auth/session.js';
import { paths } from '../../../lib/paths.js';
import { Link } from '../../../lib/router.js';
import u from '../../../styles/utilities.module.css';
import { requestToken } from '../api/request-token.js';
import styles from './login-card.module.css';

export interface Credentials {
  username: string;
  password: string;
}

const FIELDS = [
  { id: 'username', label: 'Nom d’utilisateur', type: 'text', autoComplete: 'username' },
  { id: 'password', label: 'Mot de passe', type: 'password', autoComplete: 'current-password' },
] as const;

/** The sign-in form; the token stays in memory and `onSignedIn` decides where to go next. */
export function LoginCard({
  notice,
  value,
  onChange,
  onSignedIn,
}: {
  notice: string | null;
  value: Credentials;
  onChange: (next: Credentials) => void;
  onSignedIn: (session: Session) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { access_token, expires_in } = await requestToken(
        value.username.trim(),
        value.password,
      );
      onSignedIn(sessionFromToken(access_token, expires_in));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        Connexion
      </h1>
      <p className={u.muted}>Connectez-vous pour faire vos achats ou piloter les commandes.</p>
      {notice && <Notice tone="attention">{notice}</Notice>}
      {error !== undefined && <ErrorMessage error={error} />}
      <form onSubmit={(e) => void submit(e)} className={styles.form}>
        {FIELDS.map((f) => (
          <Field
            key={f.id}
            {...f}
            name={f.id}
            required
            value={value[f.id]}
            onChange={(e) => onChange({ ...value, [f.id]: e.target.value })}
          />
        ))}
        <Button type="submit" variant="primary" size="large" disabled={busy}>
          {busy ? 'Connexion…' : 'Se connecter'}
        </Button>
      </form>
      <p className={styles.signUp}>
        Pas encore de compte ? <Link to={paths.inscription}>Créer un compte</Link>
      </p>
    </Panel>
  );
}
