import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../../electron/core/store/db';

/** An article row as the raw inserts take it (named after its columns; `at` is both timestamps). */
export interface RawArticle {
  id: string;
  title: string;
  source: string | null;
  url: string | null;
  author: string | null;
  published_at: string | null;
  language: string;
  text: string;
  text_hash: string;
  at: string;
}

/** An annotation row as the raw inserts take it, by 'bench', status 'ok'. */
export interface RawAnnotation {
  id: string;
  article_id: string;
  label: string;
  start: number;
  end: number;
  quote: string;
  note: string;
  attrs: string;
  at: string;
}

/**
 * Plain better-sqlite3 inserts of the rows an import writes, past the app's store code: the
 * import suite's baseline (children/raw-insert.ts) and the quick way to fill a large probe store.
 */
export function rawInserts(db: Db): { article: Database.Statement<[RawArticle]>; annotation: Database.Statement<[RawAnnotation]> } {
  return {
    article: db.prepare<[RawArticle]>(
      `INSERT INTO articles (id, title, source, url, author, published_at, language, text, original_text, text_hash, imported_at, updated_at)
       VALUES (@id, @title, @source, @url, @author, @published_at, @language, @text, NULL, @text_hash, @at, @at)`,
    ),
    annotation: db.prepare<[RawAnnotation]>(
      `INSERT INTO annotations (id, article_id, label, start, "end", quote, note, attrs, author, status, created_at, updated_at)
       VALUES (@id, @article_id, @label, @start, @end, @quote, @note, @attrs, 'bench', 'ok', @at, @at)`,
    ),
  };
}
