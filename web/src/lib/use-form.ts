import { type FormEvent, useState } from 'react';
import { ApiError } from './api/client.js';

/** What is wrong with each field (null: nothing), in words for the person typing. */
export type FieldErrors<F> = Partial<Record<keyof F & string, string | null>>;

export interface FormState<F> {
  values: F;
  /** Shown once the person has tried to submit, then kept up to date as they type. */
  errors: FieldErrors<F>;
  /** The server's refusal that names no field (a conflict, a network failure). */
  failure: unknown;
  busy: boolean;
  set<K extends keyof F & string>(field: K, value: F[K]): void;
  onSubmit(event: FormEvent): void;
  reset(values: F): void;
}

const hasError = <F>(errors: FieldErrors<F>): boolean =>
  Object.values(errors).some((e) => typeof e === 'string');

/**
 * A server's 400 names the field in quotes ("'adresse' is not allowed to be empty"): that
 * message goes next to it; anything else stays a form-level failure.
 */
function serverFieldErrors<F>(error: unknown, fields: readonly string[]): FieldErrors<F> | null {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_ERROR') return null;
  const named = fields.filter((f) => error.message.includes(`'${f}'`));
  if (named.length === 0) return null;
  const message = `Refusé par le serveur : ${error.message.replace(/^Invalid body: /, '')}`;
  return Object.fromEntries(named.map((f) => [f, message])) as FieldErrors<F>;
}

/**
 * A form's values, their validation beside each field, and its submission: nothing is sent
 * while a field is wrong; the server's own refusal of a field lands next to it too.
 */
export function useForm<F extends object>(
  initial: F,
  validate: (values: F) => FieldErrors<F>,
  submit: (values: F) => Promise<void>,
): FormState<F> {
  const [values, setValues] = useState<F>(initial);
  const [tried, setTried] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors<F>>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const local = tried ? validate(values) : {};
  const errors = {
    ...serverErrors,
    ...Object.fromEntries(Object.entries(local).filter(([, e]) => typeof e === 'string')),
  } as FieldErrors<F>;

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    setTried(true);
    setServerErrors({});
    setFailure(undefined);
    if (hasError(validate(values))) return;
    setBusy(true);
    submit(values).then(
      () => setBusy(false),
      (error: unknown) => {
        setBusy(false);
        const named = serverFieldErrors<F>(error, Object.keys(values));
        if (named) setServerErrors(named);
        else setFailure(error);
      },
    );
  };

  return {
    values,
    errors,
    failure,
    busy,
    set: (field, value) => {
      setValues((v) => ({ ...v, [field]: value }));
      setServerErrors((e) => ({ ...e, [field]: null }));
    },
    onSubmit,
    reset: (next) => {
      setValues(next);
      setTried(false);
      setServerErrors({});
      setFailure(undefined);
    },
  };
}
