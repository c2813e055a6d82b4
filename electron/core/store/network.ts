import type { NetworkGraph, NetworkNode, NetworkQuery } from '../../../shared/ipc/network';
import { ACTOR_ENTITY_SQL, ACTOR_NAME_SQL } from './actor-names';
import { cached, type Db } from './db';
import { eventFilters } from './events';

/**
 * The actor network (shared/ipc/network.ts): every event's actors joined to its targets, grouped
 * in SQL by the two actors (a registry entity, else the folded name), counting the distinct
 * incidents (an event in no incident its own) and events each pair shares. The heaviest edges are
 * kept; a node is an actor on a kept edge.
 */
const node = (alias: string) => `coalesce('entity:' || ${ACTOR_ENTITY_SQL(alias)}, 'name:' || lower(${ACTOR_NAME_SQL(alias)}))`;

export function networkGraph(db: Db, query: NetworkQuery): NetworkGraph {
  const { where, params } = eventFilters({ ...(query.type !== undefined ? { type: query.type } : {}), ...(query.source !== undefined ? { source: query.source } : {}) });
  const from = query.source !== undefined ? 'annotations n JOIN articles a ON a.id = n.article_id' : 'annotations n';
  const rows = cached(
    db,
    `SELECT source, target, min(source_name) AS source_name, min(target_name) AS target_name, min(source_entity) AS source_entity, min(target_entity) AS target_entity,
            count(DISTINCT incident) AS incidents, count(DISTINCT event) AS events
     FROM (SELECT n.id AS event, coalesce(m.incident_id, n.id) AS incident,
                  ${node('sa')} AS source, ${ACTOR_NAME_SQL('sa')} AS source_name, ${ACTOR_ENTITY_SQL('sa')} AS source_entity,
                  ${node('st')} AS target, ${ACTOR_NAME_SQL('st')} AS target_name, ${ACTOR_ENTITY_SQL('st')} AS target_entity
           FROM ${from} LEFT JOIN incident_events m ON m.event_id = n.id
           JOIN event_roles ra ON ra.event_id = n.id AND ra.role = 'actor' JOIN annotations sa ON sa.id = ra.span_id AND sa.status = 'ok'
           JOIN event_roles rt ON rt.event_id = n.id AND rt.role = 'target' JOIN annotations st ON st.id = rt.span_id AND st.status = 'ok'
           WHERE ${where.join(' AND ')})
     WHERE source <> target
     GROUP BY source, target ORDER BY incidents DESC, events DESC, source, target`,
  ).all(params) as {
    source: string;
    target: string;
    source_name: string;
    target_name: string;
    source_entity: string | null;
    target_entity: string | null;
    incidents: number;
    events: number;
  }[];
  const limit = query.limit ?? 300;
  const kept = rows.slice(0, limit);
  const nodes = new Map<string, NetworkNode>();
  const add = (id: string, name: string, entityId: string | null, incidents: number) => {
    const n = nodes.get(id) ?? { id, name, entityId, incidents: 0 };
    n.incidents += incidents;
    nodes.set(id, n);
  };
  for (const r of kept) {
    add(r.source, r.source_name, r.source_entity, r.incidents);
    add(r.target, r.target_name, r.target_entity, r.incidents);
  }
  return {
    nodes: [...nodes.values()].sort((a, b) => b.incidents - a.incidents || a.name.localeCompare(b.name)),
    edges: kept.map((r) => ({ source: r.source, target: r.target, incidents: r.incidents, events: r.events })),
    omitted: rows.length - kept.length,
  };
}
