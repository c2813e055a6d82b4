import { cached, type Db } from './db';

/**
 * The one place an actor span's canonical name is decided: the span's `canonical name` attribute,
 * else its text. (The registry's linked entity name takes precedence once entities are stored.)
 */
export const ACTOR_NAME_SQL = (alias: string) => `coalesce(nullif(json_extract(${alias}.attrs, '$.canonicalName'), ''), ${alias}.quote)`;

export function actorNames(db: Db, spanIds: readonly string[]): Map<string, string> {
  if (spanIds.length === 0) return new Map();
  const rows = cached(db, `SELECT s.id, ${ACTOR_NAME_SQL('s')} AS name FROM annotations s WHERE s.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify([...new Set(spanIds)])) as {
    id: string;
    name: string;
  }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}
