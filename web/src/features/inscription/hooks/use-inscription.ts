import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../../../lib/api/client.js';
import type { Inscription, InscriptionRequest } from '../../../lib/api-types.js';
import { randomId } from '../../../lib/uuid.js';
import { inscrire } from '../api/inscription-api.js';
import { checkForm, type FieldErrors, serverFieldErrors } from '../utils/field-errors.js';

export type InscriptionOutcome =
  /** Refused for a field (checked here or by the server): shown next to it. */
  | { kind: 'champs'; errors: FieldErrors }
  /** Refused as a whole (409 account taken, 429 too many attempts…): nothing was created. */
  | { kind: 'refusee'; error: unknown }
  /** 502: a service kept failing; everything was undone (or an operator finishes undoing). */
  | { kind: 'echouee'; inscription: Inscription }
  /** Still running, or no answer (network, 503): retrying reuses the same key. */
  | { kind: 'a-reessayer'; error: unknown | null }
  /** The account exists but signing in with it failed. */
  | { kind: 'connexion-echouee'; error: unknown };

/** While the saga runs on past the orchestrator's budget (202), ask again this often. */
const FOLLOW_MS = 1500;
const FOLLOW_TIMES = 8;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const retryable = (err: unknown): boolean =>
  err instanceof ApiError && (err.isNetwork || err.status === 503 || err.status === 504);

const isInscription = (body: unknown): body is { inscription: Inscription } =>
  typeof (body as { inscription?: { id?: unknown } } | undefined)?.inscription?.id === 'string';

/** One submission, asked again with the same key while it runs (202). */
async function submit(body: InscriptionRequest, key: string): Promise<Inscription | null> {
  for (let i = 0; i <= FOLLOW_TIMES; i += 1) {
    const { status, inscription } = await inscrire(body, key);
    if (status !== 202) return inscription;
    await wait(FOLLOW_MS);
  }
  return null;
}

function outcomeOf(error: unknown): InscriptionOutcome {
  const fields = serverFieldErrors(error);
  if (fields) return { kind: 'champs', errors: fields };
  if (error instanceof ApiError && isInscription(error.body)) {
    return { kind: 'echouee', inscription: error.body.inscription };
  }
  if (retryable(error)) return { kind: 'a-reessayer', error };
  return { kind: 'refusee', error };
}

/**
 * "Créer mon compte": checks the form, sends it with a fresh Idempotency-Key (kept only to
 * retry the same submission after no answer), then signs in with the same credentials.
 */
export function useInscription(signIn: (username: string, password: string) => Promise<void>) {
  const attempt = useRef<{ key: string; body: string } | null>(null);
  // A second submission while one is in flight (a double click) is ignored.
  const inFlight = useRef(false);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<InscriptionOutcome | null>(null);

  const send = useCallback(
    async (form: InscriptionRequest): Promise<void> => {
      const errors = checkForm(form);
      if (Object.keys(errors).length > 0) return setOutcome({ kind: 'champs', errors });
      if (inFlight.current) return undefined;
      inFlight.current = true;
      const body = { ...form, username: form.username.trim(), email: form.email.trim() };
      const text = JSON.stringify(body);
      const key = attempt.current?.body === text ? attempt.current.key : randomId();
      attempt.current = { key, body: text };
      setPending(true);
      setOutcome(null);
      let result: InscriptionOutcome | null = null;
      try {
        const done = await submit(body, key);
        if (done === null) result = { kind: 'a-reessayer', error: null };
      } catch (error) {
        result = outcomeOf(error);
      }
      // Only a submission without an answer keeps its key; any answer closes it.
      if (result?.kind !== 'a-reessayer') attempt.current = null;
      if (result === null) {
        result = await signIn(body.username, body.password).then(
          () => null,
          (error: unknown) => ({ kind: 'connexion-echouee', error }) as const,
        );
      }
      inFlight.current = false;
      setPending(false);
      setOutcome(result);
    },
    [signIn],
  );
  return { send, pending, outcome };
}
