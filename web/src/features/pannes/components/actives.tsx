import type { PannesParticipant } from '../../../lib/api-types.js';
import u from '../../../styles/utilities.module.css';
import { MODE_LABELS, operationLabel } from '../labels.js';
import styles from './actives.module.css';

/** The faults a participant still has armed, and for how many more calls. */
export function Actives({ etat }: { etat: PannesParticipant }) {
  if (etat.actives.length === 0)
    return <p className={u.muted}>Aucune panne active : tout répond normalement.</p>;
  return (
    <ul className={styles.actives}>
      {etat.actives.map((a) => (
        <li key={a.operation}>
          <strong>{operationLabel(a.operation)}</strong> : {MODE_LABELS[a.mode].nom.toLowerCase()}{' '}
          pour encore <strong>{a.restant}</strong> appel{a.restant > 1 ? 's' : ''}
        </li>
      ))}
    </ul>
  );
}
