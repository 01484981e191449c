import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/button.js';
import { CheckedInput } from '../../../components/checked-field.js';
import { ErrorMessage, Notice } from '../../../components/status.js';
import type { Client } from '../../../lib/api-types.js';
import { formatCents } from '../../../lib/format.js';
import { crediterClient } from '../api/clients-api.js';
import styles from './credit-form.module.css';

/** The most one credit adds: 1 000 000,00 €. */
const MAX_CREDIT_CENTS = 100_000_000;

/** An amount in euros with at most two decimals ("25.5", "25,50") → cents, or what is wrong. */
export function creditCents(text: string): { cents: number } | { error: string } {
  const value = Number(text.trim().replace(',', '.'));
  if (text.trim() === '') return { error: 'Indiquez le montant à créditer.' };
  if (!Number.isFinite(value) || value <= 0) return { error: 'Le montant doit être positif.' };
  const cents = Math.round(value * 100);
  if (Math.abs(value * 100 - cents) > 1e-6) {
    return { error: 'Au plus deux décimales : des euros et des centimes.' };
  }
  if (cents > MAX_CREDIT_CENTS) {
    return { error: `Au plus ${formatCents(MAX_CREDIT_CENTS)} par crédit.` };
  }
  return { cents };
}

/** Credits a client's balance, in euros with cents; says what was done, and the new balance. */
export function CreditForm({
  client,
  onCredited,
}: {
  client: Client;
  onCredited: (client: Client) => void;
}) {
  const [montant, setMontant] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setDone(null);
    setFailure(undefined);
    const parsed = creditCents(montant);
    if ('error' in parsed) return setError(parsed.error);
    setError(null);
    setBusy(true);
    try {
      const updated = await crediterClient(client.id, parsed.cents);
      setMontant('');
      setDone(
        `Compte n° ${client.id} crédité de ${formatCents(parsed.cents)}. Nouveau solde : ${formatCents(updated.solde_cents)}.`,
      );
      onCredited(updated);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
      <CheckedInput
        id={`credit-${client.id}`}
        label="Montant à créditer (€)"
        type="number"
        min="0.01"
        step="0.01"
        inputMode="decimal"
        hint="En euros, centimes compris : 25,50 pour 25,50 €."
        error={error}
        value={montant}
        onChange={(e) => setMontant(e.target.value)}
      />
      <Button type="submit" variant="primary" disabled={busy}>
        {busy ? 'Crédit en cours…' : 'Créditer le compte'}
      </Button>
      {done && <Notice tone="succes">{done}</Notice>}
      {failure !== undefined && (
        <ErrorMessage error={failure} title="Le compte n’a pas été crédité." />
      )}
    </form>
  );
}
