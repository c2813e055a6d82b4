import type { Db } from './db';
import { cached } from './db';

export interface ScannedArticle {
  rowid: number;
  id: string;
  title: string;
  text: string;
}

/** A page of articles in storage order after `afterRowid`: how library-wide passes read the library. */
export function articlePage(db: Db, afterRowid: number, limit: number): ScannedArticle[] {
  return cached(db, 'SELECT rowid, id, title, text FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?').all(afterRowid, limit) as ScannedArticle[];
}

export function articleTotal(db: Db): number {
  return cached(db, 'SELECT count(*) FROM articles', 'pluck').get() as number;
}
