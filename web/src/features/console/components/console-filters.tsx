import type { Magasin } from '../../../lib/api-types.js';
import { ETAT_LABELS } from '../../../lib/etat-labels.js';
import { type EtatCommande, ETATS, isEtat } from '../../../lib/saga-table.js';

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
    <form
      className="filters"
      aria-label="Filtres des commandes"
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="field">
        <label htmlFor="f-etat">État</label>
        <select
          id="f-etat"
          value={value.etat}
          onChange={(e) => set('etat', isEtat(e.target.value) ? e.target.value : '')}
        >
          <option value="">Tous les états</option>
          {ETATS.map((etat) => (
            <option key={etat} value={etat}>
              {ETAT_LABELS[etat]} ({etat})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-client">Client n°</label>
        <input
          id="f-client"
          type="number"
          min={1}
          inputMode="numeric"
          value={value.clientId}
          onChange={(e) => set('clientId', e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="f-magasin">Magasin</label>
        <select
          id="f-magasin"
          value={value.magasinId}
          onChange={(e) => set('magasinId', e.target.value)}
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
        <label htmlFor="f-limit">Nombre affiché</label>
        <select
          id="f-limit"
          value={value.limit}
          onChange={(e) => set('limit', Number(e.target.value))}
        >
          {[50, 100, 200].map((n) => (
            <option key={n} value={n}>
              {n} dernières
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-seuil">Bloquée après (secondes)</label>
        <input
          id="f-seuil"
          type="number"
          min={1}
          value={value.seuilS}
          onChange={(e) => set('seuilS', Math.max(1, Number(e.target.value) || 1))}
        />
      </div>
    </form>
  );
}
