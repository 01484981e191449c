import { useState } from 'react';
import { CheckedInput } from '../../../components/checked-field.js';
import { FormGrid, Wide } from '../../../components/form-grid.js';
import { MotifField, motifError } from '../../../components/motif-field.js';
import { FormPanel } from '../../../components/form-panel.js';
import { ErrorMessage, Notice } from '../../../components/status.js';
import type { StockLine } from '../../../lib/api-types.js';
import { ApiError } from '../../../lib/api/client.js';
import { formatCount } from '../../../lib/format.js';
import { useForm } from '../../../lib/use-form.js';
import { ajusterNiveau, fixerNiveau } from '../api/stocks-api.js';
import { deltaError, niveauError, toInteger } from '../utils/quantites.js';

interface Values {
  quantite: string;
  motif: string;
}

const EMPTY: Values = { quantite: '', motif: '' };

/** A refusal in words; a level that moved under the employee says what to do. */
function refus(error: unknown) {
  if (error instanceof ApiError && error.code === 'STOCK_MODIFIE') {
    return (
      <Notice tone="attention" role="alert">
        <strong>Le niveau a changé entre-temps</strong> (une commande a réservé des unités, ou
        quelqu’un d’autre l’a modifié) : rien n’a été enregistré. Le niveau affiché est à jour ;
        vérifiez-le puis recommencez, ou ajustez plutôt d’un nombre d’unités.
      </Notice>
    );
  }
  if (error instanceof ApiError && error.code === 'STOCK_INSUFFISANT') {
    return (
      <ErrorMessage
        error={error}
        title="Non enregistré : il n’y a pas autant d’unités à retirer (un niveau ne descend jamais sous 0)."
      />
    );
  }
  return <ErrorMessage error={error} title="Non enregistré :" />;
}

type Kind = 'fixer' | 'ajuster';

const TEXTS: Record<Kind, { title: string; field: string; hint: string }> = {
  fixer: {
    title: 'Fixer le niveau',
    field: 'Nouveau niveau',
    hint: 'Ce que compte le rayon, 0 à 10 000 000 unités',
  },
  ajuster: {
    title: 'Ajuster le stock',
    field: 'Unités à ajouter ou retirer',
    hint: '+12 pour une réception, -3 pour de la casse',
  },
};

/** A set names the level shown as the one it replaces; an adjustment is relative. */
const save = (kind: Kind, l: StockLine, n: number, motif: string | undefined) =>
  kind === 'fixer'
    ? fixerNiveau(l.magasin_id, l.produit_id, { quantite: n, quantite_attendue: l.quantite, motif })
    : ajusterNiveau(l.magasin_id, l.produit_id, { delta: n, motif: motif ?? '' });

/**
 * Sets the level (the level shown is sent as the one expected: a reservation made since
 * refuses the set) or adjusts it by a signed quantity with its motif (required).
 */
export function NiveauForm({
  kind,
  ligne,
  onChanged,
}: {
  kind: Kind;
  ligne: StockLine;
  /** The level changed (saved, or found moved): show the fresh one and the history. */
  onChanged: () => void;
}) {
  const t = TEXTS[kind];
  const id = `${kind}-niveau`;
  const [saved, setSaved] = useState<string | null>(null);
  const check = (v: Values) => ({
    quantite: kind === 'fixer' ? niveauError(v.quantite) : deltaError(v.quantite),
    // The shared motif check words a required one for a cancellation: say what this one is for.
    motif:
      kind === 'ajuster' && v.motif.trim() === ''
        ? 'Indiquez le motif de l’ajustement.'
        : motifError(v.motif.trim(), false),
  });
  const form = useForm<Values>(EMPTY, check, async (v) => {
    setSaved(null);
    const next = await save(kind, ligne, toInteger(v.quantite), v.motif.trim() || undefined).catch(
      (error: unknown) => {
        if (error instanceof ApiError && error.code === 'STOCK_MODIFIE') onChanged();
        throw error;
      },
    );
    form.reset(EMPTY);
    setSaved(`Enregistré : ${formatCount(ligne.quantite)} → ${formatCount(next.quantite)} unités.`);
    onChanged();
  });
  return (
    <FormPanel id={id} title={t.title} done={saved}>
      <FormGrid label={t.title} form={form} submitLabel={t.title} failure={refus}>
        <CheckedInput
          id={`${id}-quantite`}
          label={t.field}
          inputMode={kind === 'fixer' ? 'numeric' : 'text'}
          hint={t.hint}
          value={form.values.quantite}
          error={form.errors.quantite}
          onChange={(e) => form.set('quantite', e.target.value)}
        />
        <Wide>
          <MotifField
            id={id}
            required={kind === 'ajuster'}
            value={form.values.motif}
            error={form.errors.motif ?? null}
            onChange={(m) => form.set('motif', m)}
          />
        </Wide>
      </FormGrid>
    </FormPanel>
  );
}
