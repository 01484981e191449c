import { useState } from 'react';
import { Button } from '../../../components/button.js';
import { Panel } from '../../../components/panel.js';
import { ErrorMessage, Notice } from '../../../components/status.js';
import type { CallName } from '../../../../../src/lib/participant-calls.js';
import type { PanneMode } from '../../../lib/api-types.js';
import { cx } from '../../../lib/cx.js';
import u from '../../../styles/utilities.module.css';
import { clearPannes, type Participant, PARTICIPANTS, setPanne } from '../api/pannes-api.js';
import styles from './scenarios.module.css';

interface Scenario {
  titre: string;
  effet: string;
  pannes: { participant: Participant; operation: CallName; mode: PanneMode; nombre: number }[];
}

const SCENARIOS: readonly Scenario[] = [
  {
    titre: 'Paiement indisponible 2 fois',
    effet: 'La saga réessaie le paiement et la commande est confirmée.',
    pannes: [{ participant: 'client', operation: 'payer', mode: 'indisponible', nombre: 2 }],
  },
  {
    titre: 'Ventes refuse la vente',
    effet: 'Remboursement puis libération du stock : la commande est annulée.',
    pannes: [{ participant: 'ventes', operation: 'enregistrer_vente', mode: 'refus', nombre: 1 }],
  },
  {
    titre: 'Remboursement impossible',
    effet:
      'La vente est refusée et le remboursement échoue à chaque essai : la commande attend un opérateur. Rétablissez « Comptes clients », puis reprenez-la depuis la console.',
    pannes: [
      { participant: 'ventes', operation: 'enregistrer_vente', mode: 'refus', nombre: 1 },
      { participant: 'client', operation: 'rembourser', mode: 'indisponible', nombre: 50 },
    ],
  },
];

/** Ready-made combinations that show one behaviour of the saga each. */
export function Scenarios({ onChanged }: { onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const run = async (change: () => Promise<unknown>, message: string): Promise<void> => {
    setBusy(true);
    setError(undefined);
    setDone(null);
    try {
      await change();
      setDone(message);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      onChanged();
    }
  };
  const apply = (s: Scenario): Promise<void> =>
    run(async () => {
      for (const p of s.pannes) await setPanne(p.participant, p.operation, p.mode, p.nombre);
    }, `Scénario « ${s.titre} » activé pour les prochaines commandes.`);
  const clearAll = (): Promise<void> =>
    run(
      () => Promise.all(PARTICIPANTS.map((p) => clearPannes(p))),
      'Toutes les pannes sont levées : chaque service répond normalement.',
    );
  return (
    <Panel aria-labelledby="scenarios-title">
      <h2 id="scenarios-title">Scénarios</h2>
      <p className={u.muted}>
        Activez un scénario, passez une commande depuis la boutique et suivez sa chronologie.
      </p>
      <ul className={styles.scenarios}>
        {SCENARIOS.map((s) => (
          <li key={s.titre}>
            <Button disabled={busy} onClick={() => void apply(s)}>
              {s.titre}
            </Button>
            <span className={cx(u.muted, u.small)}>{s.effet}</span>
          </li>
        ))}
      </ul>
      <Button disabled={busy} onClick={() => void clearAll()}>
        Rétablir tous les services
      </Button>
      {done && <Notice tone="succes">{done}</Notice>}
      {error !== undefined && <ErrorMessage error={error} />}
    </Panel>
  );
}
