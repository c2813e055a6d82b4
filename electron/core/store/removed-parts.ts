import type { RemovedKind, RemovedPart } from '../../../shared/ipc/provenance';
import { cached, type Db } from './db';

/** A part the extraction removed, as stored (migration 0011): `at` is into the text as imported. */
export type StoredRemoval = RemovedPart & { seq: number };

interface Row {
  seq: number;
  kind: RemovedKind;
  text: string;
  at: number;
  text_before: string;
  text_after: string;
  located: number;
}

/** Keeps what the extraction removed from an article, in the order it was in the page. */
export function recordRemovedParts(db: Db, articleId: string, parts: readonly RemovedPart[], firstSeq = 0): void {
  const insert = cached(
    db,
    `INSERT INTO article_removed_parts (article_id, seq, kind, text, at, text_before, text_after, located)
     VALUES (@articleId, @seq, @kind, @text, @at, @before, @after, @located)`,
  );
  parts.forEach((p, i) => insert.run({ articleId, seq: firstSeq + i, kind: p.kind, text: p.text, at: p.at, before: p.before, after: p.after, located: p.located ? 1 : 0 }));
}

export function listRemovedParts(db: Db, articleId: string): StoredRemoval[] {
  const rows = cached(db, 'SELECT seq, kind, text, at, text_before, text_after, located FROM article_removed_parts WHERE article_id = ? ORDER BY seq').all(articleId) as Row[];
  return rows.map((r) => ({ seq: r.seq, kind: r.kind, text: r.text, at: r.at, before: r.text_before, after: r.text_after, located: r.located === 1 }));
}
