import { LabelledField } from '../../../components/fields.js';

/** One état of a saga (a commande's, a sign-up's), or all of them (value ''). */
export function EtatSelect<E extends string>({
  id,
  etats,
  labels,
  value,
  onChange,
}: {
  id: string;
  etats: readonly E[];
  labels: Readonly<Record<E, string>>;
  value: E | '';
  onChange: (etat: E | '') => void;
}) {
  return (
    <LabelledField id={id} label="État">
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(etats.find((etat) => etat === e.target.value) ?? '')}
      >
        <option value="">Tous les états</option>
        {etats.map((etat) => (
          <option key={etat} value={etat}>
            {labels[etat]} ({etat})
          </option>
        ))}
      </select>
    </LabelledField>
  );
}
