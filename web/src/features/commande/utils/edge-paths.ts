import type { EtatCommande } from '../../../lib/saga-table.js';
import { type Edge, NODE_H, NODE_W, type NodeBox } from './diagram-layout.js';

type Side = 'top' | 'bottom' | 'left' | 'right';

interface Port {
  edge: number;
  node: NodeBox;
  side: Side;
  /** Where the other end is: ports on one side are ordered by it so lines do not cross. */
  otherX: number;
}

function sidesOf(a: NodeBox, b: NodeBox): [Side, Side] {
  if (a.y === b.y) return a.x < b.x ? ['right', 'left'] : ['left', 'right'];
  return a.y < b.y ? ['bottom', 'top'] : ['top', 'bottom'];
}

function point(port: Port, index: number, count: number): { x: number; y: number } {
  const { node, side } = port;
  if (side === 'left' || side === 'right') {
    return { x: side === 'left' ? node.x : node.x + NODE_W, y: node.y + NODE_H / 2 };
  }
  const inset = 18;
  const x = node.x + inset + ((index + 1) * (NODE_W - 2 * inset)) / (count + 1);
  return { x, y: side === 'top' ? node.y : node.y + NODE_H };
}

/** SVG path data for each edge: ports spread along each side, S-curves between rows. */
export function edgePaths(nodes: readonly NodeBox[], edges: readonly Edge[]): string[] {
  const byEtat = new Map<EtatCommande, NodeBox>(nodes.map((n) => [n.etat, n]));
  const ports = new Map<string, Port[]>();
  const ends: [Port, Port][] = edges.map((e, edge) => {
    const a = byEtat.get(e.from) as NodeBox;
    const b = byEtat.get(e.to) as NodeBox;
    const [sa, sb] = sidesOf(a, b);
    const start: Port = { edge, node: a, side: sa, otherX: b.x };
    const end: Port = { edge, node: b, side: sb, otherX: a.x };
    for (const p of [start, end]) {
      const key = `${p.node.etat}:${p.side}`;
      ports.set(key, [...(ports.get(key) ?? []), p]);
    }
    return [start, end];
  });
  const where = new Map<Port, { x: number; y: number }>();
  for (const list of ports.values()) {
    list.sort((p, q) => p.otherX - q.otherX || p.edge - q.edge);
    list.forEach((p, i) => where.set(p, point(p, i, list.length)));
  }
  return ends.map(([start, end]) => {
    const s = where.get(start) ?? { x: 0, y: 0 };
    const t = where.get(end) ?? { x: 0, y: 0 };
    if (start.side === 'left' || start.side === 'right') return `M${s.x},${s.y} L${t.x},${t.y}`;
    const mid = (t.y - s.y) / 2;
    return `M${s.x},${s.y} C${s.x},${s.y + mid} ${t.x},${t.y - mid} ${t.x},${t.y}`;
  });
}
