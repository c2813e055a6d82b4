import { cached, type Db } from './db';

/**
 * The one place an actor span's canonical name is decided: the registry entity it is linked to
 * (the survivor's name when that entity was merged into another), else the span's `canonical
 * name` attribute, else its text.
 */
export const ACTOR_NAME_SQL = (alias: string) =>
  `coalesce(${entityName(`json_extract(${alias}.attrs, '$.entityId')`)}, nullif(json_extract(${alias}.attrs, '$.canonicalName'), ''), ${alias}.quote)`;

/** The registry entity an actor span stands for (the survivor when it was merged into another), or NULL. */
export const ACTOR_ENTITY_SQL = (alias: string) =>
  `(SELECT coalesce(survivor.id, linked.id) FROM entities linked LEFT JOIN entities survivor ON survivor.id = linked.merged_into WHERE linked.id = json_extract(${alias}.attrs, '$.entityId'))`;

/** A linked place's name for an event's location, else the location as written. */
export const LOCATION_SQL = (alias: string) => `coalesce(${entityName(`json_extract(${alias}.attrs, '$.locationEntityId')`)}, nullif(json_extract(${alias}.attrs, '$.location'), ''))`;

function entityName(idSql: string): string {
  // Most spans link to no entity: the CASE spares them the subquery (a tenth of reading events for a dataset export).
  return `CASE WHEN ${idSql} IS NULL THEN NULL ELSE (SELECT coalesce(survivor.name, linked.name) FROM entities linked LEFT JOIN entities survivor ON survivor.id = linked.merged_into WHERE linked.id = ${idSql}) END`;
}

export function actorNames(db: Db, spanIds: readonly string[]): Map<string, string> {
  if (spanIds.length === 0) return new Map();
  const rows = cached(db, `SELECT s.id, ${ACTOR_NAME_SQL('s')} AS name FROM annotations s WHERE s.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify([...new Set(spanIds)])) as {
    id: string;
    name: string;
  }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}
