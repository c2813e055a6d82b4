import { buildCodebook, type Codebook } from '../../../shared/codebook';
import { nowIso } from './articles';
import { cached, type Db } from './db';

/** The shipped ACLED codebook with the analyst's own types and sub-types (migration 0008). */
export function readCodebook(db: Db): Codebook {
  const rows = cached(db, 'SELECT type, sub_type FROM codebook_types ORDER BY created_at, type, sub_type').all() as { type: string; sub_type: string }[];
  return buildCodebook(rows.map((r) => ({ type: r.type, subType: r.sub_type })));
}

export function addCodebookType(db: Db, type: string, subType = ''): void {
  cached(db, 'INSERT OR IGNORE INTO codebook_types (type, sub_type, created_at) VALUES (?, ?, ?)').run(type, subType, nowIso());
}
