import type { Magasin } from '../lib/api-types.js';

/** One option a magasin, "Centre — Paris", its id as the value. */
export const MagasinOptions = ({ magasins }: { magasins: readonly Magasin[] }) => (
  <>
    {magasins.map((m) => (
      <option key={m.id} value={m.id}>
        {m.nom} — {m.ville}
      </option>
    ))}
  </>
);
