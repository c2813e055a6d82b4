import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3-force';
import type { NetworkGraph } from '../../../shared/ipc/network';

/**
 * Where the Network's nodes go: d3-force's layout, run to rest before drawing (a fixed number of
 * ticks, with a seeded random source), so the same graph is drawn the same way every time and
 * nothing moves under the analyst's pointer.
 */
export interface Placed {
  id: string;
  name: string;
  incidents: number;
  x: number;
  y: number;
  r: number;
}

const TICKS = 300;

/** A small linear congruential generator: d3-force only jiggles coincident nodes with it. */
function seeded(seed = 1): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(1664525, s) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function layout(graph: NetworkGraph, width: number, height: number): Map<string, Placed> {
  const top = Math.max(1, ...graph.nodes.map((n) => n.incidents));
  const nodes: (Placed & SimulationNodeDatum)[] = graph.nodes.map((n) => ({ id: n.id, name: n.name, incidents: n.incidents, x: 0, y: 0, r: 5 + 11 * Math.sqrt(n.incidents / top) }));
  const links: SimulationLinkDatum<Placed & SimulationNodeDatum>[] = graph.edges.map((e) => ({ source: e.source, target: e.target }));
  const simulation = forceSimulation(nodes)
    .randomSource(seeded())
    .force(
      'link',
      forceLink<Placed & SimulationNodeDatum, SimulationLinkDatum<Placed & SimulationNodeDatum>>(links)
        .id((d) => d.id)
        .distance(110),
    )
    .force('charge', forceManyBody().strength(-320))
    .force('center', forceCenter(width / 2, height / 2))
    .force(
      'collide',
      forceCollide<Placed & SimulationNodeDatum>((d) => d.r + 18),
    )
    .stop();
  simulation.tick(TICKS);
  const margin = 30;
  return new Map(
    nodes.map((n) => [
      n.id,
      { id: n.id, name: n.name, incidents: n.incidents, r: n.r, x: Math.min(width - margin, Math.max(margin, n.x ?? 0)), y: Math.min(height - margin, Math.max(margin, n.y ?? 0)) },
    ]),
  );
}
