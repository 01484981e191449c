import {
  type EtatCommande,
  ETATS,
  INITIAL_ETAT,
  SAGA_ROLES,
  successors,
} from '../../../lib/saga-table.js';

export interface NodeBox {
  etat: EtatCommande;
  x: number;
  y: number;
}

export interface Edge {
  from: EtatCommande;
  to: EtatCommande;
}

export const NODE_W = 178;
export const NODE_H = 44;
const COL_W = 206;
const ROW_H = 116;
const MARGIN = 16;
const MIN_GAP_COLS = 1.6;

/** The shortest path from the initial état to the confirmed one: the happy path. */
function happyPath(): EtatCommande[] {
  const previous = new Map<EtatCommande, EtatCommande | null>([[INITIAL_ETAT, null]]);
  const queue: EtatCommande[] = [INITIAL_ETAT];
  while (queue.length > 0) {
    const etat = queue.shift() as EtatCommande;
    for (const next of successors(etat)) {
      if (previous.has(next)) continue;
      previous.set(next, etat);
      queue.push(next);
    }
  }
  const path: EtatCommande[] = [];
  for (let e: EtatCommande | null = SAGA_ROLES.confirmed; e !== null; e = previous.get(e) ?? null) {
    path.unshift(e);
  }
  return path;
}

/** Spreads the nodes of one row apart, keeping their mean column. */
function spread(cols: { etat: EtatCommande; col: number }[]): void {
  cols.sort((a, b) => a.col - b.col);
  const mean = cols.reduce((s, c) => s + c.col, 0) / Math.max(cols.length, 1);
  const first = mean - ((cols.length - 1) * MIN_GAP_COLS) / 2;
  cols.forEach((c, i) => (c.col = Math.max(c.col, first + i * MIN_GAP_COLS)));
}

/**
 * Places every état of the table in three rows, all read off the table itself: the happy
 * path on top, the failure each step can lead to under the step's successor, and the rest
 * (cancelled, parked) at the bottom under the failures that lead to them.
 */
export function layoutDiagram(): {
  nodes: NodeBox[];
  edges: Edge[];
  width: number;
  height: number;
} {
  const place = new Map<EtatCommande, { row: number; col: number }>();
  const spine = happyPath();
  spine.forEach((etat, col) => place.set(etat, { row: 0, col }));
  spine.forEach((etat, col) => {
    for (const next of successors(etat)) {
      if (!place.has(next)) place.set(next, { row: 1, col: col + 1 });
    }
  });
  const rest = ETATS.filter((e) => !place.has(e)).map((etat) => {
    const cols = ETATS.filter((p) => successors(p).includes(etat) && place.has(p)).map(
      (p) => place.get(p)?.col ?? 0,
    );
    return { etat, col: cols.length ? cols.reduce((a, b) => a + b, 0) / cols.length : 0 };
  });
  spread(rest);
  for (const r of rest) place.set(r.etat, { row: 2, col: r.col });

  const nodes = ETATS.map((etat) => {
    const p = place.get(etat) ?? { row: 2, col: 0 };
    return { etat, x: MARGIN + p.col * COL_W, y: MARGIN + p.row * ROW_H };
  });
  const edges = ETATS.flatMap((from) => successors(from).map((to) => ({ from, to })));
  const width = Math.max(...nodes.map((n) => n.x)) + NODE_W + MARGIN;
  const height = Math.max(...nodes.map((n) => n.y)) + NODE_H + MARGIN;
  return { nodes, edges, width, height };
}
