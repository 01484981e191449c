import { Button } from '../../../components/button.js';
import { DataTable } from '../../../components/data-table.js';
import { Panel } from '../../../components/panel.js';
import u from '../../../styles/utilities.module.css';
import styles from './demo-accounts.module.css';

/** The demo accounts seeded with the demo data (README, `npm start` banner). */
const ACCOUNTS = [
  { username: 'alice', what: 'Cliente n° 1 — 500 € de solde, panier prêt : commande confirmée' },
  { username: 'bruno', what: 'Client n° 2 — 1 € de solde : solde insuffisant' },
  { username: 'chloe', what: 'Cliente n° 3 — un produit en rupture : stock insuffisant' },
  { username: 'david', what: 'Client n° 4 — panier vide' },
  { username: 'operateur', what: 'Opérateur — tableau de bord, console, pannes' },
] as const;

export function DemoAccounts({ onPick }: { onPick: (username: string, password: string) => void }) {
  return (
    <Panel className={styles.accounts} aria-labelledby="demo-title">
      <h2 id="demo-title">Comptes de démonstration</h2>
      <p className={u.muted}>
        Mot de passe : le nom d’utilisateur suivi de <code>-demo</code>.
      </p>
      <DataTable
        caption="Comptes de démonstration"
        columns={['Utilisateur', 'Mot de passe', 'Pour essayer', { label: 'Action', hidden: true }]}
      >
        {ACCOUNTS.map((a) => (
          <tr key={a.username}>
            <td>
              <code>{a.username}</code>
            </td>
            <td>
              <code>{a.username}-demo</code>
            </td>
            <td>{a.what}</td>
            <td>
              <Button
                size="small"
                aria-label={`Remplir avec le compte ${a.username}`}
                onClick={() => onPick(a.username, `${a.username}-demo`)}
              >
                Remplir
              </Button>
            </td>
          </tr>
        ))}
      </DataTable>
    </Panel>
  );
}
