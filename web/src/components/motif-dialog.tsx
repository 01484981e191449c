import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ACTION_WORDS } from '../lib/action-labels.js';
import { shortId } from '../lib/format.js';
import type { ActionRequest } from '../lib/use-operator-action.js';
import u from '../styles/utilities.module.css';
import { Button, ButtonRow } from './button.js';
import styles from './motif-dialog.module.css';
import { motifError, MotifField } from './motif-field.js';

/** Asks for the motif of a "Reprendre" or an "Annuler" and confirms it (a modal dialog). */
export function MotifDialog({
  request,
  the,
  explain,
  onConfirm,
  onDismiss,
}: {
  request: ActionRequest;
  /** The saga acted on, with its article: « la commande ». */
  the: string;
  /** What the action will do to it. */
  explain: string;
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
          {words.verbe} {the} {shortId(request.id)} ?
        </h2>
        <p className={u.muted}>{explain}</p>
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
