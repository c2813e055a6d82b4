import { randomUUID } from 'node:crypto';
import { HIT_CLOSE, HIT_OPEN, type Annotation, type AnyAttrs, type Label } from '../../../shared/model';
import { toFtsQuery } from './search';
import { unsegment } from './segment';
import type { Db } from './db';
import { cached, StoreError } from './db';
import { nowIso } from './articles';
import { recordDeletion, recordEdit } from './revisions';

interface AnnotationRow {
  id: string;
  article_id: string;
  label: Label;
  start: number;
  end: number;
  quote: string;
  note: string;
  attrs: string;
  author: string;
  status: 'ok' | 'orphaned';
  conflict_of: string | null;
  created_at: string;
  updated_at: string;
}

export function rowToAnnotation(r: AnnotationRow): Annotation {
  return {
    id: r.id,
    articleId: r.article_id,
    label: r.label,
    start: r.start,
    end: r.end,
    quote: r.quote,
    note: r.note,
    attrs: JSON.parse(r.attrs) as AnyAttrs,
    author: r.author,
    status: r.status,
    conflictOf: r.conflict_of ?? null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function listAnnotations(db: Db, articleId: string): Annotation[] {
  return (cached(db, 'SELECT * FROM annotations WHERE article_id = ? ORDER BY start, "end" DESC, created_at').all(articleId) as AnnotationRow[]).map(
    rowToAnnotation,
  );
}

export function getAnnotation(db: Db, id: string): Annotation | null {
  const row = cached(db, 'SELECT * FROM annotations WHERE id = ?').get(id) as AnnotationRow | undefined;
  return row ? rowToAnnotation(row) : null;
}

export function requireAnnotation(db: Db, id: string): Annotation {
  const a = getAnnotation(db, id);
  if (!a) throw new StoreError('not_found', `no annotation with id ${id}`);
  return a;
}

export interface NewAnnotation {
  id?: string;
  articleId: string;
  label: Label;
  start: number;
  end: number;
  quote: string;
  note?: string;
  attrs?: AnyAttrs;
  author?: string;
  status?: 'ok' | 'orphaned';
  conflictOf?: string | null;
  createdAt?: string;
  updatedAt?: string;
}

/**
 * The article's annotation with exactly this span and label, if any: a second one would be a
 * duplicate. A conflicting version from a merged bundle is not counted; it is the other side of
 * a disagreement, not a repeat.
 */
export function findSameSpan(db: Db, articleId: string, label: Label, start: number, end: number): Annotation | null {
  const row = cached(
    db,
    `SELECT * FROM annotations WHERE article_id = ? AND label = ? AND start = ? AND "end" = ? AND status = 'ok' AND conflict_of IS NULL ORDER BY created_at LIMIT 1`,
  ).get(articleId, label, start, end) as AnnotationRow | undefined;
  return row ? rowToAnnotation(row) : null;
}

/** Whether an id is taken, without reading the annotation. */
export function annotationExists(db: Db, id: string): boolean {
  return cached(db, 'SELECT 1 FROM annotations WHERE id = ?').get(id) !== undefined;
}

/** The article of the annotation with this id, without reading the annotation. */
export function annotationArticleOf(db: Db, id: string): string | null {
  return (cached(db, 'SELECT article_id FROM annotations WHERE id = ?', 'pluck').get(id) as string | undefined) ?? null;
}

export function annotationLabelOf(db: Db, id: string): Label | null {
  return (cached(db, 'SELECT label FROM annotations WHERE id = ?', 'pluck').get(id) as Label | undefined) ?? null;
}

/** Inserts one annotation (no transaction of its own: callers batch). */
export function insertAnnotation(db: Db, a: NewAnnotation): Annotation {
  const at = nowIso();
  const annotation: Annotation = {
    id: a.id ?? randomUUID(),
    articleId: a.articleId,
    label: a.label,
    start: a.start,
    end: a.end,
    quote: a.quote,
    note: a.note ?? '',
    attrs: a.attrs ?? {},
    author: a.author ?? '',
    status: a.status ?? 'ok',
    conflictOf: a.conflictOf ?? null,
    createdAt: a.createdAt ?? at,
    updatedAt: a.updatedAt ?? a.createdAt ?? at,
  };
  cached(
    db,
    `INSERT INTO annotations (id, article_id, label, start, "end", quote, note, attrs, author, status, conflict_of, created_at, updated_at)
     VALUES (@id, @articleId, @label, @start, @end, @quote, @note, @attrs, @author, @status, @conflictOf, @createdAt, @updatedAt)`,
  ).run({ ...annotation, attrs: JSON.stringify(annotation.attrs) });
  return annotation;
}

export interface AnnotationPatch {
  label?: Label;
  note?: string;
  attrs?: AnyAttrs;
  start?: number;
  end?: number;
  quote?: string;
  status?: 'ok' | 'orphaned';
}

export function updateAnnotation(db: Db, id: string, patch: AnnotationPatch): Annotation {
  const current = requireAnnotation(db, id);
  const next: Annotation = {
    ...current,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    updatedAt: nowIso(),
  };
  // Bundle merges tell an edit made here from one made elsewhere by the revisions each side has passed through.
  recordEdit(db, current, next, id);
  db.prepare(
    `UPDATE annotations SET label = @label, start = @start, "end" = @end, quote = @quote, note = @note,
       attrs = @attrs, status = @status, updated_at = @updatedAt WHERE id = @id`,
  ).run({ ...next, attrs: JSON.stringify(next.attrs) });
  return next;
}

export function deleteAnnotation(db: Db, id: string): Annotation {
  const current = requireAnnotation(db, id);
  // A tombstone keeps a merged bundle from bringing the same version back (and resolves a conflict).
  recordDeletion(db, current, nowIso());
  db.prepare('DELETE FROM annotations WHERE id = ?').run(id);
  return current;
}

export interface AnnotationHit {
  annotation: Annotation;
  articleTitle: string;
  /** Quote and note with the hits wrapped in U+E000 ... U+E001. */
  snippet: string;
}

/** Searches annotations' quotes and notes (FTS5, bm25 order), optionally only one label's. */
export function searchAnnotations(db: Db, input: { query: string; label?: Label; limit: number }): { total: number; hits: AnnotationHit[] } {
  const fts = toFtsQuery(input.query);
  if (!fts) return { total: 0, hits: [] };
  const labelSql = input.label ? 'AND n.label = @label' : '';
  const params = { fts, label: input.label ?? null, limit: input.limit };
  const from = `annotations_fts JOIN annotations n ON n.rowid = annotations_fts.rowid JOIN articles a ON a.id = n.article_id
    WHERE annotations_fts MATCH @fts ${labelSql}`;
  const total = (db.prepare(`SELECT count(*) AS n FROM ${from}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(
      `SELECT n.*, a.title AS article_title,
              highlight(annotations_fts, 0, '${HIT_OPEN}', '${HIT_CLOSE}') AS quote_hl,
              snippet(annotations_fts, 1, '${HIT_OPEN}', '${HIT_CLOSE}', '…', 16) AS note_hl
       FROM ${from} ORDER BY annotations_fts.rank, n.rowid LIMIT @limit`,
    )
    .all(params) as (AnnotationRow & { article_title: string; quote_hl: string; note_hl: string })[];
  return {
    total,
    hits: rows.map((r) => ({
      annotation: rowToAnnotation(r),
      articleTitle: r.article_title,
      snippet: unsegment(r.note ? `${r.quote_hl} — ${r.note_hl}` : r.quote_hl),
    })),
  };
}
