import { LabelledField } from '../../../components/fields.js';
import { MagasinOptions } from '../../../components/magasin-options.js';
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
    <LabelledField id="magasin" label="Magasin" inline>
      <select id="magasin" value={value ?? ''} onChange={(e) => onChange(Number(e.target.value))}>
        <MagasinOptions magasins={magasins} />
      </select>
    </LabelledField>
  );
}
