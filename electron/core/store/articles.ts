import { randomUUID } from 'node:crypto';
import type { Stats } from '../../../shared/ipc/contract';
import type { Article, ArticleDraft, ArticleMeta } from '../../../shared/model';
import { checkIsoDate, checkLanguage, checkUrl, type Checked } from '../../../shared/meta';
import type { Db } from './db';
import { cached, StoreError } from './db';
import { textHash } from './hash';

interface ArticleRow {
  id: string;
  title: string;
  source: string | null;
  url: string | null;
  author: string | null;
  published_at: string | null;
  language: string | null;
  text: string;
  original_text: string | null;
  imported_at: string;
  updated_at: string;
}

export function rowToArticle(r: ArticleRow): Article {
  return {
    id: r.id,
    title: r.title,
    source: r.source,
    url: r.url,
    author: r.author,
    publishedAt: r.published_at,
    language: r.language,
    text: r.text,
    originalText: r.original_text,
    importedAt: r.imported_at,
    updatedAt: r.updated_at,
  };
}

export { textHash };

export function nowIso(): string {
  return new Date().toISOString();
}

export function getArticle(db: Db, id: string): Article | null {
  const row = cached(db, 'SELECT * FROM articles WHERE id = ?').get(id) as ArticleRow | undefined;
  return row ? rowToArticle(row) : null;
}

export function requireArticle(db: Db, id: string): Article {
  const article = getArticle(db, id);
  if (!article) throw new StoreError('not_found', `no article with id ${id}`);
  return article;
}

export function findArticleIdByText(db: Db, text: string, hash = textHash(text)): string | null {
  const row = cached(db, 'SELECT id FROM articles WHERE text_hash = ?').get(hash) as { id: string } | undefined;
  return row?.id ?? null;
}

/** Whether an id is taken, without reading the article's text. */
export function articleExists(db: Db, id: string): boolean {
  return cached(db, 'SELECT 1 FROM articles WHERE id = ?').get(id) !== undefined;
}

/** What an insert may keep from elsewhere (a bundle, an undone delete) rather than make new. */
export interface InsertOptions {
  id?: string;
  importedAt?: string;
  /** When it was last changed; its import time when not given. */
  updatedAt?: string;
  /** The text as first imported, for an article corrected since. */
  originalText?: string | null;
  /** textHash(draft.text), when the caller has it already. */
  hash?: string;
}

/** Inserts one article (no transaction of its own: callers batch inserts into theirs). */
export function insertArticle(db: Db, draft: ArticleDraft, opts: InsertOptions = {}): Article {
  const at = opts.importedAt ?? nowIso();
  const article: Article = {
    id: opts.id ?? randomUUID(),
    title: draft.title,
    source: draft.source,
    url: draft.url,
    author: draft.author,
    publishedAt: draft.publishedAt,
    language: draft.language,
    text: draft.text,
    originalText: opts.originalText ?? null,
    importedAt: at,
    updatedAt: opts.updatedAt ?? at,
  };
  cached(
    db,
    `INSERT INTO articles (id, title, source, url, author, published_at, language, text, original_text, text_hash, imported_at, updated_at)
     VALUES (@id, @title, @source, @url, @author, @publishedAt, @language, @text, @originalText, @hash, @importedAt, @updatedAt)`,
  ).run({ ...article, hash: opts.hash ?? textHash(article.text) });
  return article;
}

const META_COLUMNS: Record<keyof ArticleMeta, string> = {
  title: 'title',
  source: 'source',
  url: 'url',
  author: 'author',
  publishedAt: 'published_at',
  language: 'language',
};

/**
 * Metadata as the analyst typed it, checked and put in its stored form: a published date sorts
 * and filters as text, so it must be ISO; a URL is something the library may show as a link;
 * a language is a BCP 47 tag. Empty means "none". Refused with the field and the reason.
 */
export function checkedMeta(meta: Partial<ArticleMeta>): Partial<ArticleMeta> {
  const out: Partial<ArticleMeta> = { ...meta };
  const check = (key: 'publishedAt' | 'url' | 'language', field: string, fn: (v: string) => Checked) => {
    const value = meta[key];
    if (value === undefined || value === null) return;
    if (value.trim() === '') {
      out[key] = null;
      return;
    }
    const checked = fn(value);
    if (!checked.ok) throw new StoreError('invalid', `${field}: ${checked.reason}`);
    out[key] = checked.value;
  };
  check('publishedAt', 'published date', checkIsoDate);
  check('url', 'URL', checkUrl);
  check('language', 'language', checkLanguage);
  return out;
}

export function updateArticleMeta(db: Db, id: string, edited: Partial<ArticleMeta>): Article {
  const meta = checkedMeta(edited);
  return db.transaction(() => {
    requireArticle(db, id);
    const keys = (Object.keys(meta) as (keyof ArticleMeta)[]).filter((k) => meta[k] !== undefined);
    if (keys.length > 0) {
      const sets = keys.map((k) => `${META_COLUMNS[k]} = @${k}`).join(', ');
      db.prepare(`UPDATE articles SET ${sets}, updated_at = @updatedAt WHERE id = @id`).run({ ...meta, id, updatedAt: nowIso() });
    }
    return requireArticle(db, id);
  })();
}

export function libraryStats(db: Db): Stats {
  const row = db
    .prepare(
      `SELECT count(*) AS articles, coalesce(sum(event),0) AS event, coalesce(sum(claim),0) AS claim,
              coalesce(sum(actor),0) AS actor, coalesce(sum(figure),0) AS figure,
              coalesce(sum(total = 0),0) AS unannotated
       FROM article_counts`,
    )
    .get() as { articles: number; event: number; claim: number; actor: number; figure: number; unannotated: number };
  return {
    articles: row.articles,
    annotations: row.event + row.claim + row.actor + row.figure,
    byLabel: { event: row.event, claim: row.claim, actor: row.actor, figure: row.figure },
    unannotated: row.unannotated,
    // Read from the source index alone, without touching the articles' text.
    sources: cached(db, "SELECT source, count(*) AS articles FROM articles WHERE source IS NOT NULL AND source <> '' GROUP BY source ORDER BY articles DESC, source LIMIT 500").all() as Stats['sources'],
  };
}
