import type { Magasin } from '../../../lib/api-types.js';

export function MagasinPicker({
  magasins,
  value,
  onChange,
}: {
  magasins: readonly Magasin[];
  value: number | null;
  onChange: (id: number) => void;
}) {
  return (
    <div className="field field-inline">
      <label htmlFor="magasin">Magasin</label>
      <select id="magasin" value={value ?? ''} onChange={(e) => onChange(Number(e.target.value))}>
        {magasins.map((m) => (
          <option key={m.id} value={m.id}>
            {m.nom} — {m.ville}
          </option>
        ))}
      </select>
    </div>
  );
}
