import { nameKey } from '../../../shared/fold';
import type { EntityHit, EntityKind } from '../../../shared/ipc/entities';
import type { Db } from './db';
import { cached } from './db';
import { summarizeMany } from './entities';

/**
 * Type-ahead over names and aliases. entity_name_words holds every name's folded key from the
 * start of each of its words, so a query is one range scan of that table's primary key: an exact
 * name, then names starting with the query, then names with a later word starting with it; the
 * most mentioned first within each. Measured in `npm run bench` (registry suite).
 */
export function searchEntities(db: Db, input: { query: string; kind?: EntityKind | undefined; limit: number }): EntityHit[] {
  const key = nameKey(input.query);
  if (!key) return [];
  const params = { key, hi: `${key}\u{10ffff}`, kind: input.kind ?? null, limit: input.limit };
  // Names starting with the query come before names with a later word starting with it. A short
  // query fills the page with the former (a letter starts a thousand names of 10,000), so they are
  // ranked alone first, from a third of the range; the whole range only when they are too few.
  const first = ranked(db, 'AND word = 0', params);
  const rows = first.length < input.limit ? ranked(db, '', params) : first;
  const match = ['exact', 'prefix', 'word'] as const;
  const summaries = summarizeMany(
    db,
    rows.map((r) => r.id),
  );
  return rows.flatMap((r) => {
    const entity = summaries.get(r.id);
    return entity ? [{ entity, matched: r.name, match: match[r.rank] }] : [];
  });
}

function ranked(db: Db, words: '' | 'AND word = 0', params: { key: string; hi: string; kind: EntityKind | null; limit: number }) {
  return cached(
    db,
    `SELECT entity_id AS id, name, min(CASE WHEN key = @key AND word = 0 THEN 0 WHEN word = 0 THEN 1 ELSE 2 END) AS rank
     FROM entity_name_words w
     WHERE key >= @key AND key < @hi AND (@kind IS NULL OR kind = @kind) ${words}
     GROUP BY entity_id
     ORDER BY rank, (SELECT mentions FROM entity_counts c WHERE c.entity_id = w.entity_id) DESC NULLS LAST, name COLLATE NOCASE, entity_id
     LIMIT @limit`,
  ).all(params) as { id: string; name: string; rank: 0 | 1 | 2 }[];
}
