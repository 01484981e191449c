import { useId, useState } from 'react';
import { Panel } from '../../../components/panel.js';
import { ErrorMessage } from '../../../components/status.js';
import type { PannesParticipant } from '../../../lib/api-types.js';
import u from '../../../styles/utilities.module.css';
import { clearPannes, type Participant, setPanne } from '../api/pannes-api.js';
import { PARTICIPANT_LABELS } from '../labels.js';
import { Actives } from './actives.js';
import { PanneForm } from './panne-form.js';
import styles from './participant-card.module.css';

/** One participant's switches: what is active, arm a fault for its next N calls, clear. */
export function ParticipantCard({
  participant,
  etat,
  onChanged,
}: {
  participant: Participant;
  etat: PannesParticipant;
  onChanged: () => void;
}) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const label = PARTICIPANT_LABELS[participant];

  const act = async (change: () => Promise<unknown>): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await change();
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{label.nom}</h2>
      <p className={u.muted}>Ce service {label.role}.</p>
      <h3 className={styles.heading}>Pannes actives</h3>
      <Actives etat={etat} />
      {error !== undefined && <ErrorMessage error={error} />}
      <PanneForm
        id={id}
        label={label.nom}
        operations={etat.operations}
        busy={busy}
        canClear={etat.actives.length > 0}
        onArm={(r) => void act(() => setPanne(participant, r.operation, r.mode, r.nombre))}
        onClear={() => void act(() => clearPannes(participant))}
      />
    </Panel>
  );
}
