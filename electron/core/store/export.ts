import { LABELS, type Annotation, type Article, type Label } from '../../../shared/model';
import { rowToArticle } from './articles';
import { rowToAnnotation } from './annotations';
import type { Db } from './db';
import { filterSql } from './filters';
import { provenanceOf } from './provenance';
import { aliasesOf, historiesOf } from './revisions';
import type { ArticleProvenance } from '../../../shared/ipc/provenance';
import { roleRowsOfArticles, type RoleRow } from './roles';
import { membershipsOfArticles, type MembershipRow } from './incidents';
import { resolutionsOfArticles, type StoredResolution } from './figure-resolutions';

/** The library's filters (the list's ListInput without sorting and paging). */
export interface ExportFilter {
  query?: string;
  source?: string;
  /** Articles holding at least one annotation with this label. */
  label?: Label;
  unannotated?: boolean;
  publishedFrom?: string;
  publishedTo?: string;
}

/** What to export: everything (an empty filter), the articles a filter matches, or the given ids. */
export type ExportScope = ExportFilter | { ids: string[] };

export interface ExportAnnotation extends Annotation {
  /** The local annotation this one is an unresolved merge conflict of (migration 0002). */
  conflictOf: string | null;
  /** Past content revisions and the other ids it answers to (migration 0005); read only for bundles. */
  history?: string[];
  aliases?: string[];
}

export interface ExportItem {
  article: Article;
  textHash: string;
  annotations: ExportAnnotation[];
  /** Unresolved conflict copies of this article left out (only when the page options leave them out). */
  conflictCopiesLeftOut: number;
  /** Where the article came from (migration 0010); null when it came before provenance was kept. */
  provenance?: ArticleProvenance | null;
  /** The article's event roles (migration 0009), dormant ones included: writers keep those whose both ends they write. */
  roles?: RoleRow[];
  /** Its events' incident memberships, with each incident's title, note and times. */
  memberships?: MembershipRow[];
  /** The resolutions of its own disagreements and of its incidents' (migration 0012). */
  resolutions?: StoredResolution[];
}

export interface PageOptions {
  /** Only annotations with these labels; all labels when absent. */
  labels?: readonly Label[];
  /**
   * Orphaned annotations (their text was deleted by a correction) have no place in the text, so
   * only the full-fidelity bundle asks for them.
   */
  includeOrphaned?: boolean;
  /**
   * The incoming versions a bundle merge stored beside a local annotation (conflict_of set) until
   * the analyst picks one. A dataset must not carry both as if they were two spans, so only the
   * bundle, which moves work between machines, asks for them; others get the local version.
   */
  includeConflictCopies?: boolean;
  /** Each annotation's revision history and aliases, which the next bundle merge compares. */
  includeHistory?: boolean;
  pageSize?: number;
}

type ArticleRow = Parameters<typeof rowToArticle>[0] & { rid: number; text_hash: string };
type AnnotationRow = Parameters<typeof rowToAnnotation>[0] & { conflict_of: string | null };

function isIdScope(scope: ExportScope): scope is { ids: string[] } {
  return Array.isArray((scope as { ids?: unknown }).ids);
}

function uniqueIds(ids: string[]): string[] {
  return [...new Set(ids)];
}

/** How many articles the scope holds now: the denominator of an export's progress. */
export function countInScope(db: Db, scope: ExportScope): number {
  if (isIdScope(scope)) {
    return db.prepare('SELECT count(*) FROM articles WHERE id IN (SELECT value FROM json_each(?))').pluck().get(JSON.stringify(uniqueIds(scope.ids))) as number;
  }
  const sql = filterSql(scope);
  if (!sql) return 0;
  const whereSql = sql.where.length ? `WHERE ${sql.where.join(' AND ')}` : '';
  return db.prepare(`SELECT count(*) FROM ${sql.from} ${whereSql}`).pluck().get(sql.params) as number;
}

/**
 * Articles per page. A page is garbage once written, but a large one outlives the young
 * generation's collections and is promoted, so the old generation swells until a full collection:
 * at 100,000 articles pages of 500 peaked near 360 MB, pages of 50 near 190 MB, no slower.
 */
const PAGE_SIZE = 50;

/**
 * Reads the scope a page at a time with keyset pagination (rowid, i.e. import order; the given
 * order for an id list), so memory stays flat and a page costs the same at the end of a large
 * corpus as at its start. Each page runs only when the next one is asked for, so callers may
 * await between pages.
 */
export function* readScope(db: Db, scope: ExportScope, options: PageOptions = {}): Generator<ExportItem[]> {
  const pageSize = Math.max(1, options.pageSize ?? PAGE_SIZE);
  if (isIdScope(scope)) {
    const ids = uniqueIds(scope.ids);
    const select = db.prepare('SELECT rowid AS rid, * FROM articles WHERE id IN (SELECT value FROM json_each(?))');
    for (let i = 0; i < ids.length; i += pageSize) {
      const chunk = ids.slice(i, i + pageSize);
      const byId = new Map((select.all(JSON.stringify(chunk)) as ArticleRow[]).map((r) => [r.id, r]));
      const rows = chunk.map((id) => byId.get(id)).filter((r): r is ArticleRow => r !== undefined);
      if (rows.length > 0) yield withAnnotations(db, rows, options);
    }
    return;
  }
  const sql = filterSql(scope);
  if (!sql) return;
  const where = [...sql.where, 'a.rowid > @after'].join(' AND ');
  const select = db.prepare(`SELECT a.rowid AS rid, a.* FROM ${sql.from} WHERE ${where} ORDER BY a.rowid LIMIT @limit`);
  let after = -1;
  for (;;) {
    const rows = select.all({ ...sql.params, after, limit: pageSize }) as ArticleRow[];
    if (rows.length === 0) return;
    after = (rows[rows.length - 1] as ArticleRow).rid;
    yield withAnnotations(db, rows, options);
    if (rows.length < pageSize) return;
  }
}

function withAnnotations(db: Db, rows: ArticleRow[], options: PageOptions): ExportItem[] {
  const where = ['article_id IN (SELECT value FROM json_each(@ids))'];
  const params: Record<string, unknown> = { ids: JSON.stringify(rows.map((r) => r.id)) };
  if (options.labels) {
    where.push('label IN (SELECT value FROM json_each(@labels))');
    params.labels = JSON.stringify(options.labels);
  }
  if (!options.includeOrphaned) where.push(`status = 'ok' AND "end" > start`);
  // Ordered without timestamps so an export, re-imported and exported again, comes out the same.
  const annotations = db
    .prepare(`SELECT * FROM annotations WHERE ${where.join(' AND ')} ORDER BY article_id, start, "end" DESC, label, id`)
    .all(params) as AnnotationRow[];
  const byArticle = new Map<string, ExportAnnotation[]>();
  const leftOut = new Map<string, number>();
  for (const row of annotations) {
    if (row.conflict_of !== null && !options.includeConflictCopies) {
      leftOut.set(row.article_id, (leftOut.get(row.article_id) ?? 0) + 1);
      continue;
    }
    const list = byArticle.get(row.article_id) ?? [];
    list.push({ ...rowToAnnotation(row), conflictOf: row.conflict_of });
    byArticle.set(row.article_id, list);
  }
  if (options.includeHistory) {
    const ids = [...byArticle.values()].flatMap((list) => list.map((a) => a.id));
    const histories = historiesOf(db, ids);
    const aliases = aliasesOf(db, ids);
    for (const list of byArticle.values()) {
      for (const a of list) {
        a.history = histories.get(a.id) ?? [];
        a.aliases = aliases.get(a.id) ?? [];
      }
    }
  }
  const articleIds = rows.map((r) => r.id);
  const provenance = provenanceOf(db, articleIds);
  const roles = groupBy(roleRowsOfArticles(db, articleIds), (r) => r.article_id);
  const memberships = groupBy(membershipsOfArticles(db, articleIds), (m) => m.article_id);
  const resolutions = resolutionsOfArticles(db, articleIds);
  return rows.map((r) => ({
    article: rowToArticle(r),
    provenance: provenance.get(r.id) ?? null,
    textHash: r.text_hash,
    annotations: byArticle.get(r.id) ?? [],
    conflictCopiesLeftOut: leftOut.get(r.id) ?? 0,
    roles: roles.get(r.id) ?? [],
    memberships: memberships.get(r.id) ?? [],
    resolutions: resolutions.get(r.id) ?? [],
  }));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
