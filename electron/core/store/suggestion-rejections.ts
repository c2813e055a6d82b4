import { nowIso } from './articles';
import type { Db } from './db';
import { cached } from './db';

export interface Rejection {
  start: number;
  end: number;
  entityId: string;
  action: 'link' | 'tag';
  quote: string;
}

const rejectionKey = (r: Omit<Rejection, 'quote'>) => `${r.start}:${r.end}:${r.entityId}:${r.action}`;

/** The article's rejected suggestions, keyed by span, entity and action, with the text each span held. */
export function rejectionsOf(db: Db, articleId: string): Map<string, string> {
  const rows = cached(db, 'SELECT start, "end", entity_id AS entityId, action, quote FROM suggestion_rejections WHERE article_id = ?').all(articleId) as Rejection[];
  return new Map(rows.map((r) => [rejectionKey(r), r.quote]));
}

/** Whether a suggestion on this span was rejected while the span held the same text. */
export function isRejected(rejections: Map<string, string>, r: Rejection): boolean {
  return rejections.size > 0 && rejections.get(rejectionKey(r)) === r.quote;
}

export function reject(db: Db, articleId: string, r: Rejection, author: string): void {
  cached(
    db,
    `INSERT OR REPLACE INTO suggestion_rejections (article_id, start, "end", entity_id, action, quote, author, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(articleId, r.start, r.end, r.entityId, r.action, r.quote, author, nowIso());
}
