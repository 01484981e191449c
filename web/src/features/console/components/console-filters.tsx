import { Field, LabelledField, MagasinSelect } from '../../../components/fields.js';
import { FilterBar } from '../../../components/filter-bar.js';
import type { Magasin } from '../../../lib/api-types.js';
import { ETAT_LABELS } from '../../../lib/etat-labels.js';
import { type EtatCommande, ETATS } from '../../../lib/saga-table.js';
import { EtatSelect } from './etat-select.js';

export interface ConsoleFilters {
  etat: EtatCommande | '';
  clientId: string;
  magasinId: string;
  limit: number;
  seuilS: number;
}

export const DEFAULT_FILTERS: ConsoleFilters = {
  etat: '',
  clientId: '',
  magasinId: '',
  limit: 100,
  seuilS: 30,
};

export function LimitSelect({
  value,
  onChange,
}: {
  value: number;
  onChange: (limit: number) => void;
}) {
  return (
    <LabelledField id="f-limit" label="Nombre affiché">
      <select id="f-limit" value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {[50, 100, 200].map((n) => (
          <option key={n} value={n}>
            {n} dernières
          </option>
        ))}
      </select>
    </LabelledField>
  );
}

/** After how long without a change a commande that is not over counts as stuck. */
function SeuilField({ value, onChange }: { value: number; onChange: (seuilS: number) => void }) {
  return (
    <Field
      id="f-seuil"
      label="Bloquée après (secondes)"
      type="number"
      min={1}
      value={value}
      onChange={(e) => onChange(Math.max(1, Number(e.target.value) || 1))}
    />
  );
}

export function ConsoleFiltersForm({
  value,
  magasins,
  onChange,
}: {
  value: ConsoleFilters;
  magasins: readonly Magasin[];
  onChange: (next: ConsoleFilters) => void;
}) {
  const set = <K extends keyof ConsoleFilters>(key: K, v: ConsoleFilters[K]): void =>
    onChange({ ...value, [key]: v });
  return (
    <FilterBar label="Filtres des commandes">
      <EtatSelect
        id="f-etat"
        etats={ETATS}
        labels={ETAT_LABELS}
        value={value.etat}
        onChange={(etat) => set('etat', etat)}
      />
      <Field
        id="f-client"
        label="Client n°"
        type="number"
        min={1}
        inputMode="numeric"
        value={value.clientId}
        onChange={(e) => set('clientId', e.target.value)}
      />
      <MagasinSelect
        id="f-magasin"
        magasins={magasins}
        value={value.magasinId}
        onChange={(v) => set('magasinId', v)}
      />
      <LimitSelect value={value.limit} onChange={(limit) => set('limit', limit)} />
      <SeuilField value={value.seuilS} onChange={(seuilS) => set('seuilS', seuilS)} />
    </FilterBar>
  );
}
