import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ACTION_WORDS } from '../lib/action-labels.js';
import { shortId } from '../lib/format.js';
import type { ActionRequest } from '../lib/use-operator-action.js';
import u from '../styles/utilities.module.css';
import { Button, ButtonRow } from './button.js';
import styles from './motif-dialog.module.css';
import { motifError, MotifField } from './motif-field.js';

const EXPLAIN = {
  reprendre:
    'Une fois le service rétabli, la saga reprend là où elle s’est arrêtée : l’étape qui échouait, ou les compensations.',
  annuler:
    'Ce qui a été fait est compensé (stock libéré, paiement remboursé) et la commande finit annulée. Impossible une fois la vente enregistrée : il faut alors la reprendre.',
} as const;

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
    <dialog ref={ref} className={styles.dialog} aria-labelledby={`${id}-title`} onClose={onDismiss}>
      <form noValidate onSubmit={submit}>
        <h2 id={`${id}-title`}>
          {words.verbe} la commande {shortId(request.id)} ?
        </h2>
        <p className={u.muted}>{EXPLAIN[request.action]}</p>
        <MotifField id={id} required={required} value={motif} error={error} onChange={setMotif} />
        <ButtonRow className={styles.actions}>
          <Button type="submit" variant="primary">
            {words.confirmer}
          </Button>
          <Button onClick={() => ref.current?.close()}>Retour</Button>
        </ButtonRow>
      </form>
    </dialog>
  );
}
