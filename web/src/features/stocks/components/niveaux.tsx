import { Button } from '../../../components/button.js';
import { LabelledField } from '../../../components/fields.js';
import { Panel } from '../../../components/panel.js';
import { QueryView } from '../../../components/status.js';
import type { StockLine } from '../../../lib/api-types.js';
import type { Vue } from '../hooks/use-stock-magasin.js';
import { NiveauxTable } from './niveaux-table.js';
import styles from './stock-views.module.css';

const VUES: Record<Vue, { button: string; title: string; empty: string }> = {
  tout: {
    button: 'Tous les produits',
    title: 'Niveaux de stock',
    empty: 'Ce magasin n’a encore aucun produit en stock.',
  },
  ruptures: {
    button: 'Ruptures',
    title: 'Produits en rupture',
    empty: 'Aucun produit en rupture.',
  },
  surstock: {
    button: 'Surstock',
    title: 'Produits en surstock',
    empty: 'Aucun produit au-dessus du seuil.',
  },
};

/** All lines, or the ruptures or surstock report (with its threshold). */
function VueChoice({ vue, setVue, seuil, setSeuil }: Omit<NiveauxProps, 'lignes' | 'noms'>) {
  return (
    <div className={styles.views} role="group" aria-label="Rapport affiché">
      {(Object.keys(VUES) as Vue[]).map((v) => (
        <Button key={v} size="small" aria-pressed={vue === v} onClick={() => setVue(v)}>
          {VUES[v].button}
        </Button>
      ))}
      {vue === 'surstock' && (
        <LabelledField id="seuil-surstock" label="Seuil (unités)" inline>
          <input
            id="seuil-surstock"
            type="number"
            min={0}
            max={10000000}
            placeholder="par défaut"
            value={seuil}
            onChange={(e) => setSeuil(e.target.value)}
          />
        </LabelledField>
      )}
    </div>
  );
}

interface NiveauxProps {
  vue: Vue;
  setVue: (v: Vue) => void;
  seuil: string;
  setSeuil: (s: string) => void;
  lignes: {
    data: { lignes: StockLine[]; seuil: number | null } | undefined;
    error: unknown;
    loading: boolean;
  };
  noms: ReadonlyMap<number, string>;
}

/** The lines of the magasin: all, the ruptures report, or the surstock report. */
export function Niveaux(props: NiveauxProps) {
  const words = VUES[props.vue];
  return (
    <Panel aria-labelledby="niveaux-title">
      <h2 id="niveaux-title">{words.title}</h2>
      <VueChoice {...props} />
      <QueryView query={props.lignes} label="Chargement des niveaux…">
        {(r) => (
          <>
            {props.vue === 'surstock' && r.seuil !== null && (
              <p>Au-dessus de {r.seuil} unités, du plus gros stock au plus petit.</p>
            )}
            <NiveauxTable
              caption={words.title}
              lignes={r.lignes}
              noms={props.noms}
              empty={words.empty}
            />
          </>
        )}
      </QueryView>
    </Panel>
  );
}
