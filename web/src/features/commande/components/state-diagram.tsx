import { useMemo } from 'react';
import type { HistoriqueEntry } from '../../../lib/api-types.js';
import { ETAT_LABELS, etatTone } from '../../../lib/etat-labels.js';
import { compensationOf, type EtatCommande } from '../../../lib/saga-table.js';
import { toneStyle } from '../../../lib/tone.js';
import { layoutDiagram, NODE_H, NODE_W, type NodeBox } from '../utils/diagram-layout.js';
import { edgePaths } from '../utils/edge-paths.js';
import styles from './state-diagram.module.css';

/** The arrow heads: grey, and blue on the path taken. */
function Markers() {
  return (
    <defs>
      {['arrow', 'arrow-taken'].map((id) => (
        <marker
          key={id}
          id={id}
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerUnits="userSpaceOnUse"
          markerWidth="10"
          markerHeight="10"
          orient="auto-start-reverse"
        >
          <path
            d="M0,0 L10,5 L0,10 z"
            className={styles.arrow}
            data-taken={id === 'arrow-taken' || undefined}
          />
        </marker>
      ))}
    </defs>
  );
}

function Node({ node: n, state }: { node: NodeBox; state: 'current' | 'visited' | 'idle' }) {
  const compensate = compensationOf(n.etat);
  return (
    <g className={styles.node} data-state={state} style={toneStyle(etatTone(n.etat))}>
      <rect x={n.x} y={n.y} width={NODE_W} height={NODE_H} rx={8} />
      <text x={n.x + NODE_W / 2} y={n.y + (compensate ? 17 : NODE_H / 2)}>
        {n.etat}
      </text>
      {compensate && (
        <text x={n.x + NODE_W / 2} y={n.y + 33} className={styles.note}>
          ↺ {compensate}
        </text>
      )}
    </g>
  );
}

const Legend = () => (
  <figcaption className={styles.legend}>
    <span className={styles.current}>État actuel</span>
    <span className={styles.visited}>Chemin parcouru</span>
    <span className={styles.idle}>Non atteint</span>
    <span>↺ compensation qui annule l’étape</span>
  </figcaption>
);

/**
 * The saga's state machine, drawn from the orchestrator's own transition table: every
 * état and allowed transition, the path this commande took and where it stands now.
 */
export function StateDiagram({
  historique,
  current,
}: {
  historique: readonly HistoriqueEntry[];
  current: EtatCommande;
}) {
  const { nodes, edges, width, height } = useMemo(layoutDiagram, []);
  const paths = useMemo(() => edgePaths(nodes, edges), [nodes, edges]);
  const visited = new Set(historique.map((h) => h.etat));
  const taken = new Set(
    historique.slice(1).map((h, i) => `${historique[i]?.etat ?? ''}>${h.etat}`),
  );
  const chemin = historique.map((h) => h.etat).join(' → ');
  return (
    <figure className={styles.diagram}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby="diagram-title diagram-desc"
      >
        <title id="diagram-title">Machine à états de la commande</title>
        <desc id="diagram-desc">
          {`État actuel : ${current} (${ETAT_LABELS[current]}). Chemin parcouru : ${chemin}.`}
        </desc>
        <Markers />
        {edges.map((e, i) => {
          const isTaken = taken.has(`${e.from}>${e.to}`);
          return (
            <path
              key={`${e.from}>${e.to}`}
              d={paths[i]}
              className={styles.edge}
              data-taken={isTaken || undefined}
              markerEnd={`url(#${isTaken ? 'arrow-taken' : 'arrow'})`}
            />
          );
        })}
        {nodes.map((n) => (
          <Node
            key={n.etat}
            node={n}
            state={n.etat === current ? 'current' : visited.has(n.etat) ? 'visited' : 'idle'}
          />
        ))}
      </svg>
      <Legend />
    </figure>
  );
}
