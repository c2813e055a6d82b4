import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nameKey } from '../../../shared/fold';
import { createRng } from '../testing/fuzz';
import { useTmpDir } from '../testing/tmp';
import { openStore, type Db } from './db';
import { insertEntity } from './entities';
import { searchEntities } from './entity-search';

const tmp = useTmpDir();

/** The type-ahead's order over every name of every entity, the whole range ranked at once: the rule searchEntities must keep. */
function reference(db: Db, query: string, kind: 'actor' | 'place' | undefined, limit: number): [string, string][] {
  const key = nameKey(query);
  return db
    .prepare(
      `SELECT entity_id AS id, name, min(CASE WHEN key = @key AND word = 0 THEN 0 WHEN word = 0 THEN 1 ELSE 2 END) AS rank
       FROM entity_name_words w WHERE key >= @key AND key < @hi AND (@kind IS NULL OR kind = @kind)
       GROUP BY entity_id ORDER BY rank, name COLLATE NOCASE, entity_id LIMIT @limit`,
    )
    .all({ key, hi: `${key}\u{10ffff}`, kind: kind ?? null, limit })
    .map((r) => [(r as { id: string }).id, ['exact', 'prefix', 'word'][(r as { rank: number }).rank] as string]);
}

describe('type-ahead', () => {
  it('ranks exact names, then names starting with the query, then later words, whether or not the first two fill the page', () => {
    const db = openStore(join(tmp(), 'lib.db'));
    const rng = createRng(42);
    const words = ['Kyiv', 'Київ', 'Kharkiv', 'Khan', 'Odesa', 'Oblast', 'Army', 'Armed', 'Forces', 'Front', 'Frontline', 'Kherson', 'Sumy', 'Сили', 'Армія'];
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const name = Array.from({ length: 1 + rng.int(3) }, () => rng.pick(words)).join(' ') + ` ${i}`;
      const alias = `${rng.pick(words)} ${rng.pick(words)} a${i}`;
      if (seen.has(nameKey(name))) continue;
      seen.add(nameKey(name));
      insertEntity(db, { kind: i % 4 === 3 ? 'place' : 'actor', name, aliases: [alias], author: 'test' });
    }
    let checked = 0;
    for (const query of ['k', 'kh', 'Kha', 'f', 'fro', 'front', 'frontl', 'ар', 'с', 'Kyiv', 'Київ 1', 'sumy 3', 'a1', 'zz']) {
      for (const kind of [undefined, 'actor', 'place'] as const) {
        for (const limit of [1, 5, 20, 100]) {
          const got = searchEntities(db, { query, kind, limit }).map((h) => [h.entity.id, h.match]);
          expect(got, `${query} ${kind} ${limit}`).toEqual(reference(db, query, kind, limit));
          checked += got.length;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
    db.close();
  });
});
