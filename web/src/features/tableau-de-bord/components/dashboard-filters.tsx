import type { Magasin } from '../../../lib/api-types.js';
import { isoDay } from '../../../lib/format.js';

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
    <form
      className="filters"
      aria-label="Filtres du tableau de bord"
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="field">
        <label htmlFor="d-magasin">Magasin</label>
        <select
          id="d-magasin"
          value={value.magasinId}
          onChange={(e) => set({ magasinId: e.target.value })}
        >
          <option value="">Tous les magasins</option>
          {magasins.map((m) => (
            <option key={m.id} value={m.id}>
              {m.nom}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="d-du">Du</label>
        <input
          id="d-du"
          type="date"
          value={value.du}
          max={value.au || undefined}
          onChange={(e) => set({ du: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="d-au">Au</label>
        <input
          id="d-au"
          type="date"
          value={value.au}
          min={value.du || undefined}
          onChange={(e) => set({ au: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="d-seuil">Seuil de surstock</label>
        <input
          id="d-seuil"
          type="number"
          min={0}
          inputMode="numeric"
          placeholder="par défaut"
          value={value.seuil}
          onChange={(e) => set({ seuil: e.target.value })}
        />
      </div>
      <div className="presets" role="group" aria-label="Périodes prédéfinies">
        {PRESETS.map((p) => {
          const du = p.du();
          const au = p.au();
          return (
            <button
              key={p.label}
              type="button"
              className="button button-small"
              aria-pressed={value.du === du && value.au === au}
              onClick={() => set({ du, au })}
            >
              {p.label}
            </button>
          );
        })}
      </div>
    </form>
  );
}
