import { useEffect, useMemo, useRef, useState } from 'react';
import type { NetworkGraph, NetworkQuery } from '../../../shared/ipc/network';
import type { TimelineData } from '../../../shared/ipc/timeline';
import { call } from '../api/client';
import { SERIES_COLOURS } from '../timeline/palette';
import { layout } from './layout';
import '../timeline/timeline.css';
import './network.css';

const HEIGHT = 460;

/**
 * The actor Network: who acted on whom, from the events' roles (actor -> target), one node per
 * registry entity (or canonical name), each edge as thick as the incidents it stands for, with an
 * arrow to the target. Filterable by type and source; focusing or hovering a node brings out its
 * edges. The table under it lists every edge drawn, in words.
 */
export function NetworkView() {
  const [query, setQuery] = useState<{ type?: string; source?: string }>({});
  const [graph, setGraph] = useState<NetworkGraph | null>(null);
  const [options, setOptions] = useState<{ types: string[]; sources: string[] }>({ types: [], sources: [] });
  const [error, setError] = useState<string | null>(null);
  const [focus, setFocus] = useState<string | null>(null);
  const [width, setWidth] = useState(800);
  const box = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    // The filters' choices are the library's types and sources, as the Timeline lists them.
    call('timeline/counts', {})
      .then((d: TimelineData) => setOptions({ types: d.types, sources: d.sources }))
      .catch(() => setOptions({ types: [], sources: [] }));
  }, []);

  useEffect(() => {
    let live = true;
    const input: NetworkQuery = { ...(query.type ? { type: query.type } : {}), ...(query.source ? { source: query.source } : {}) };
    call('network/graph', input)
      .then((g) => {
        if (live) {
          setGraph(g);
          setError(null);
        }
      })
      .catch((err: unknown) => live && setError((err as Error).message));
    return () => {
      live = false;
    };
  }, [query]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(Math.max(320, el.clientWidth)));
    observer.observe(el);
    setWidth(Math.max(320, el.clientWidth));
    return () => observer.disconnect();
  }, []);

  const placed = useMemo(() => (graph ? layout(graph, width, HEIGHT) : new Map()), [graph, width]);
  const name = (id: string) => graph?.nodes.find((n) => n.id === id)?.name ?? id;
  const top = Math.max(1, ...(graph?.edges.map((e) => e.incidents) ?? [1]));
  const touches = (e: { source: string; target: string }) => focus !== null && (e.source === focus || e.target === focus);

  return (
    <section className="network-view" aria-label="Network view">
      <div className="timeline-bar">
        <label>
          Type{' '}
          <select aria-label="Filter by type" value={query.type ?? ''} onChange={(e) => setQuery((q) => ({ ...q, type: e.target.value || undefined }))}>
            <option value="">All types</option>
            {options.types.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          Source{' '}
          <select aria-label="Filter by source" value={query.source ?? ''} onChange={(e) => setQuery((q) => ({ ...q, source: e.target.value || undefined }))}>
            <option value="">All sources</option>
            {options.sources.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <span className="timeline-summary" aria-live="polite">
          {graph
            ? `${graph.nodes.length} actor${graph.nodes.length === 1 ? '' : 's'}, ${graph.edges.length} link${graph.edges.length === 1 ? '' : 's'}${graph.omitted ? ` (the ${graph.omitted} lightest not drawn)` : ''}`
            : 'Loading…'}
        </span>
      </div>
      {error ? (
        <div role="alert" className="error">
          {error}
        </div>
      ) : null}
      <div className="network-chart" ref={box}>
        {graph && graph.edges.length > 0 ? (
          <svg role="img" aria-label="Network" width={width} height={HEIGHT}>
            <title>Network: actors as nodes, an arrow from each actor to whom it acted on, as thick as the incidents</title>
            <defs>
              <marker id="network-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M0,0 L10,5 L0,10 z" className="arrow" />
              </marker>
            </defs>
            {graph.edges.map((e) => {
              const s = placed.get(e.source);
              const t = placed.get(e.target);
              if (!s || !t) return null;
              // Stop the line at the target's rim so the arrow shows.
              const dx = t.x - s.x;
              const dy = t.y - s.y;
              const len = Math.max(1, Math.hypot(dx, dy));
              const x2 = t.x - (dx / len) * (t.r + 3);
              const y2 = t.y - (dy / len) * (t.r + 3);
              return (
                <line
                  key={`${e.source}>${e.target}`}
                  className={`edge${touches(e) ? ' near' : focus ? ' far' : ''}`}
                  x1={s.x}
                  y1={s.y}
                  x2={x2}
                  y2={y2}
                  strokeWidth={1 + 5 * Math.sqrt(e.incidents / top)}
                  markerEnd="url(#network-arrow)"
                  data-edge={`${name(e.source)} -> ${name(e.target)}`}
                />
              );
            })}
            {[...placed.values()].map((n, i) => (
              <g
                key={n.id}
                className={`node${focus === n.id ? ' focused' : ''}`}
                transform={`translate(${n.x},${n.y})`}
                onPointerEnter={() => setFocus(n.id)}
                onPointerLeave={() => setFocus(null)}
                data-node={n.name}
              >
                <circle r={n.r} fill={SERIES_COLOURS[i % SERIES_COLOURS.length]} />
                <text y={n.r + 12} textAnchor="middle">
                  {n.name}
                </text>
              </g>
            ))}
          </svg>
        ) : graph ? (
          <p className="empty">No actor acts on a target yet{query.type || query.source ? ' among the events the filters keep' : ': give events an actor and a target to see who acted on whom'}.</p>
        ) : null}
      </div>
      {graph && graph.edges.length > 0 ? (
        <details className="network-table" open>
          <summary>Table of what is drawn</summary>
          <table aria-label="Network as a table">
            <thead>
              <tr>
                <th scope="col">Actor</th>
                <th scope="col">Target</th>
                <th scope="col">Incidents</th>
                <th scope="col">Reports</th>
              </tr>
            </thead>
            <tbody>
              {graph.edges.map((e) => (
                <tr
                  key={`${e.source}>${e.target}`}
                  tabIndex={0}
                  className={touches(e) ? 'near' : undefined}
                  onFocus={() => setFocus(e.source)}
                  onBlur={() => setFocus(null)}
                >
                  <th scope="row">{name(e.source)}</th>
                  <td>{name(e.target)}</td>
                  <td>{e.incidents}</td>
                  <td>{e.events}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </section>
  );
}
