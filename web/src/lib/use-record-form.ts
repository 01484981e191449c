import { useState } from 'react';
import type { HistoriqueRecord } from './api-types.js';
import { type FieldErrors, type FormState, useForm } from './use-form.js';
import { useQuery } from './use-query.js';

/** What differs in `next` from the record as it is: the body of a change (PUT, partial). */
export function changedFields<T extends object>(current: object, next: T): Partial<T> {
  const now = current as Partial<T>;
  return Object.fromEntries(
    (Object.keys(next) as (keyof T)[]).filter((k) => next[k] !== now[k]).map((k) => [k, next[k]]),
  ) as Partial<T>;
}

/** Text a field requires: its error in words, or null. */
export function requiredText(value: string, what: string, max: number): string | null {
  const v = value.trim();
  if (v === '') return `Indiquez ${what}.`;
  return v.length > max ? `Pas plus de ${max} caractères.` : null;
}

/** A form that creates a record: the record kept to say so, the form emptied for the next. */
export function useCreateForm<F extends object, R>(
  empty: F,
  check: (values: F) => FieldErrors<F>,
  create: (values: F) => Promise<R>,
  onCreated: () => void,
): { form: FormState<F>; created: R | null } {
  const [created, setCreated] = useState<R | null>(null);
  const form: FormState<F> = useForm(empty, check, async (values) => {
    setCreated(null);
    setCreated(await create(values));
    form.reset(empty);
    onCreated();
  });
  return { form, created };
}

/** A form that changes a record: only what differs is sent, and it says what happened. */
export function useEditForm<F extends object, C extends object, R>(
  initial: F,
  check: (values: F) => FieldErrors<F>,
  changes: (values: F) => C,
  send: (changes: C) => Promise<R>,
  onSaved: (record: R) => void,
): { form: FormState<F>; saved: string | null } {
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm(initial, check, async (values) => {
    setSaved(null);
    const body = changes(values);
    if (Object.keys(body).length === 0) {
      setSaved('Aucune modification : rien à enregistrer.');
      return;
    }
    onSaved(await send(body));
    setSaved('Modifications enregistrées.');
  });
  return { form, saved };
}

/** What the operator's pages read of one record (recordApi): it and its history. */
interface RecordReads<R> {
  get(id: number, signal?: AbortSignal): Promise<R>;
  historique(id: number, signal?: AbortSignal): Promise<HistoriqueRecord>;
}

/** A record and its history; `saved` shows the record a change answered and reloads both. */
export function useRecordPage<R>(kind: string, id: number, api: RecordReads<R>) {
  const record = useQuery(`${kind}:${id}`, (signal) => api.get(id, signal));
  const historique = useQuery(`${kind}-historique:${id}`, (s) => api.historique(id, s));
  const saved = (next: R): void => {
    record.mutate(next);
    historique.reload();
  };
  return { record, historique, saved };
}
