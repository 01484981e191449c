import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../../../components/status.js';
import type { PanneMode, PannesParticipant } from '../../../lib/api-types.js';
import { clearPannes, type Participant, setPanne } from '../api/pannes-api.js';
import { MODE_LABELS, MODES, operationLabel, PARTICIPANT_LABELS } from '../labels.js';

function Actives({ etat }: { etat: PannesParticipant }) {
  if (etat.actives.length === 0)
    return <p className="muted">Aucune panne active : tout répond normalement.</p>;
  return (
    <ul className="actives">
      {etat.actives.map((a) => (
        <li key={a.operation}>
          <strong>{operationLabel(a.operation)}</strong> : {MODE_LABELS[a.mode].nom.toLowerCase()}{' '}
          pour encore <strong>{a.restant}</strong> appel{a.restant > 1 ? 's' : ''}
        </li>
      ))}
    </ul>
  );
}

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
  const [operation, setOperation] = useState(etat.operations[0] ?? '');
  const [mode, setMode] = useState<PanneMode>('indisponible');
  const [nombre, setNombre] = useState(2);
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
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    void act(() => setPanne(participant, operation, mode, nombre));
  };

  return (
    <section className="panel panne-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{label.nom}</h2>
      <p className="muted">Ce service {label.role}.</p>
      <h3 className="small-heading">Pannes actives</h3>
      <Actives etat={etat} />
      {error !== undefined && <ErrorMessage error={error} />}
      <form onSubmit={submit} aria-label={`Programmer une panne : ${label.nom}`}>
        <div className="field">
          <label htmlFor={`${id}-op`}>Opération</label>
          <select id={`${id}-op`} value={operation} onChange={(e) => setOperation(e.target.value)}>
            {etat.operations.map((op) => (
              <option key={op} value={op}>
                {operationLabel(op)}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="modes">
          <legend>Comportement</legend>
          {MODES.map((m) => (
            <label key={m} className="radio">
              <input
                type="radio"
                name={`${id}-mode`}
                value={m}
                checked={mode === m}
                onChange={() => setMode(m)}
              />
              <span>
                <strong>{MODE_LABELS[m].nom}</strong>{' '}
                <span className="muted">— {MODE_LABELS[m].aide}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-n`}>Pour les prochains appels (nombre)</label>
          <input
            id={`${id}-n`}
            type="number"
            min={1}
            max={100}
            required
            value={nombre}
            onChange={(e) => setNombre(Math.min(100, Math.max(1, Number(e.target.value) || 1)))}
          />
        </div>
        <div className="actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={busy || operation === ''}
          >
            Activer la panne
          </button>
          <button
            type="button"
            className="button"
            disabled={busy || etat.actives.length === 0}
            onClick={() => void act(() => clearPannes(participant))}
          >
            Tout rétablir
          </button>
        </div>
      </form>
    </section>
  );
}
