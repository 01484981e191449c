import { useState } from 'react';
import type { Session } from '../../../lib/auth/session.js';
import { useQuery } from '../../../lib/use-query.js';
import { fetchDemoData } from '../api/demo-data.js';
import { DemoAccounts } from './demo-accounts.js';
import { type Credentials, LoginCard } from './login-card.js';
import styles from './login-page.module.css';

/** Sign in, with the demo accounts beside the form where the demo data was loaded. */
export function LoginPage({
  notice,
  lastUsername,
  onSignedIn,
}: {
  notice: string | null;
  lastUsername: string | null;
  onSignedIn: (session: Session) => void;
}) {
  const [credentials, setCredentials] = useState<Credentials>({
    username: lastUsername ?? '',
    password: '',
  });
  // The demo accounts exist only where the demo data was loaded (npm start, DEMO_DATA=true):
  // listed only when the auth service says so, never while it has not answered.
  const demo = useQuery('demo-data', fetchDemoData);
  return (
    <div className={styles.login}>
      <LoginCard
        notice={notice}
        value={credentials}
        onChange={setCredentials}
        onSignedIn={onSignedIn}
      />
      {demo.data?.demo_data === true && (
        <DemoAccounts onPick={(username, password) => setCredentials({ username, password })} />
      )}
    </div>
  );
}
