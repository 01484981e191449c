import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ACTION_WORDS } from '../lib/action-labels.js';
import { MOTIF_MAX, MOTIF_MIN } from '../lib/api/commandes.js';
import { shortId } from '../lib/format.js';
import type { ActionRequest } from '../lib/use-operator-action.js';

const EXPLAIN = {
  reprendre:
    'Une fois le service rétabli, la saga reprend là où elle s’est arrêtée : l’étape qui échouait, ou les compensations.',
  annuler:
    'Ce qui a été fait est compensé (stock libéré, paiement remboursé) et la commande finit annulée. Impossible une fois la vente enregistrée : il faut alors la reprendre.',
} as const;

/** Required to cancel, optional to resume; 3 to 500 characters when given. */
function motifError(motif: string, required: boolean): string | null {
  if (motif === '') return required ? 'Indiquez le motif de l’annulation.' : null;
  if (motif.length < MOTIF_MIN) return `Le motif doit compter au moins ${MOTIF_MIN} caractères.`;
  return motif.length > MOTIF_MAX ? `Le motif ne peut dépasser ${MOTIF_MAX} caractères.` : null;
}

/** Asks for the motif of a "Reprendre" or an "Annuler" and confirms it (a modal dialog). */
export function MotifDialog({
  request,
  onConfirm,
  onDismiss,
}: {
  request: ActionRequest;
  onConfirm: (motif: string | null) => void;
  onDismiss: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [motif, setMotif] = useState('');
  const [tried, setTried] = useState(false);
  const required = request.action === 'annuler';
  const words = ACTION_WORDS[request.action];
  const error = tried ? motifError(motif.trim(), required) : null;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setTried(true);
    const text = motif.trim();
    if (motifError(text, required) === null) onConfirm(text === '' ? null : text);
  };

  return (
    <dialog ref={ref} className="motif-dialog" aria-labelledby={`${id}-title`} onClose={onDismiss}>
      <form noValidate onSubmit={submit}>
        <h2 id={`${id}-title`}>
          {words.verbe} la commande {shortId(request.id)} ?
        </h2>
        <p className="muted">{EXPLAIN[request.action]}</p>
        <div className="field">
          <label htmlFor={`${id}-motif`}>Motif{required ? '' : ' (facultatif)'}</label>
          <textarea
            id={`${id}-motif`}
            rows={3}
            maxLength={MOTIF_MAX}
            required={required}
            aria-invalid={error !== null}
            aria-describedby={error ? `${id}-error` : undefined}
            value={motif}
            onChange={(e) => setMotif(e.target.value)}
          />
          {error && (
            <p id={`${id}-error`} className="field-error">
              {error}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="button button-primary">
            {words.confirmer}
          </button>
          <button type="button" className="button" onClick={() => ref.current?.close()}>
            Retour
          </button>
        </div>
      </form>
    </dialog>
  );
}
