import { nowIso } from './articles';
import { cached, type Db } from './db';
import { resolveEntityId } from './entities';

/**
 * Pairs of entities kept apart by the analyst (migration 0017): a bundle offered them as one and
 * the analyst said they are not. Stored under the ids as offered; matched through merges, so a
 * pair stays apart when either side is later merged into another entity, and stops mattering
 * when the two have become one.
 */

const ordered = (x: string, y: string): [string, string] => (x < y ? [x, y] : [y, x]);

export function keepApart(db: Db, x: string, y: string, author: string): void {
  const [a, b] = ordered(x, y);
  cached(db, 'INSERT OR IGNORE INTO entities_kept_apart (a, b, author, created_at) VALUES (?, ?, ?, ?)').run(a, b, author, nowIso());
}

/** Whether the analyst kept the standing entities these two ids name apart, under these ids or ids merged into them. */
export function isKeptApart(db: Db, x: string, y: string): boolean {
  const one = resolveEntityId(db, x);
  const other = resolveEntityId(db, y);
  if (one === null || other === null || one === other) return false;
  const [a, b] = ordered(x, y);
  if (cached(db, 'SELECT 1 FROM entities_kept_apart WHERE a = ? AND b = ?', 'pluck').get(a, b) !== undefined) return true;
  // Either id may have been merged since the choice: compare what each remembered pair stands for now.
  const pairs = cached(db, 'SELECT a, b FROM entities_kept_apart WHERE a IN (?, ?) OR b IN (?, ?)').all(x, y, x, y) as { a: string; b: string }[];
  const want = ordered(one, other).join('\n');
  return pairs.some((p) => {
    const ra = resolveEntityId(db, p.a);
    const rb = resolveEntityId(db, p.b);
    return ra !== null && rb !== null && ordered(ra, rb).join('\n') === want;
  });
}
