import { Button } from '../../../components/button.js';
import { Field, MagasinSelect } from '../../../components/fields.js';
import { FilterBar } from '../../../components/filter-bar.js';
import type { Magasin } from '../../../lib/api-types.js';
import { isoDay } from '../../../lib/format.js';
import styles from './dashboard-filters.module.css';

export interface DashboardFilters {
  magasinId: string;
  du: string;
  au: string;
  /** Empty: the stock service's default threshold. */
  seuil: string;
}

export const DEFAULT_DASHBOARD_FILTERS: DashboardFilters = {
  magasinId: '',
  du: '',
  au: '',
  seuil: '',
};

const PRESETS: readonly { label: string; du: () => string; au: () => string }[] = [
  { label: "Aujourd'hui", du: () => isoDay(0), au: () => isoDay(0) },
  { label: '7 derniers jours', du: () => isoDay(-6), au: () => isoDay(0) },
  { label: '30 derniers jours', du: () => isoDay(-29), au: () => isoDay(0) },
  { label: 'Toute la période', du: () => '', au: () => '' },
];

/** One click for a usual period; the one matching the dates is shown pressed. */
function Presets({
  du,
  au,
  onPick,
}: {
  du: string;
  au: string;
  onPick: (du: string, au: string) => void;
}) {
  return (
    <div className={styles.presets} role="group" aria-label="Périodes prédéfinies">
      {PRESETS.map((p) => {
        const pDu = p.du();
        const pAu = p.au();
        return (
          <Button
            key={p.label}
            size="small"
            aria-pressed={du === pDu && au === pAu}
            onClick={() => onPick(pDu, pAu)}
          >
            {p.label}
          </Button>
        );
      })}
    </div>
  );
}

export function DashboardFiltersForm({
  value,
  magasins,
  onChange,
}: {
  value: DashboardFilters;
  magasins: readonly Magasin[];
  onChange: (next: DashboardFilters) => void;
}) {
  const set = (patch: Partial<DashboardFilters>): void => onChange({ ...value, ...patch });
  return (
    <FilterBar label="Filtres du tableau de bord">
      <MagasinSelect
        id="d-magasin"
        magasins={magasins}
        value={value.magasinId}
        onChange={(magasinId) => set({ magasinId })}
      />
      {(['du', 'au'] as const).map((bound) => (
        <Field
          key={bound}
          id={`d-${bound}`}
          label={bound === 'du' ? 'Du' : 'Au'}
          type="date"
          value={value[bound]}
          {...(bound === 'du' ? { max: value.au || undefined } : { min: value.du || undefined })}
          onChange={(e) => set({ [bound]: e.target.value })}
        />
      ))}
      <Field
        id="d-seuil"
        label="Seuil de surstock"
        type="number"
        min={0}
        inputMode="numeric"
        placeholder="par défaut"
        value={value.seuil}
        onChange={(e) => set({ seuil: e.target.value })}
      />
      <Presets du={value.du} au={value.au} onPick={(du, au) => set({ du, au })} />
    </FilterBar>
  );
}
