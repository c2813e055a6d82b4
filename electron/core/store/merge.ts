import { randomBytes } from 'node:crypto';
import type { AnyAttrs, Label } from '../../../shared/model';
import { rowToAnnotation } from './annotations';
import { cached, type Db } from './db';
import type { ExportAnnotation } from './export';

/** The columns a bundle merge needs to decide whether an incoming article is one it already has. */
export interface MergeArticle {
  id: string;
  text: string;
  originalText: string | null;
  textHash: string;
}

interface MergeArticleRow {
  id: string;
  text: string;
  original_text: string | null;
  text_hash: string;
}

type AnnotationRow = Parameters<typeof rowToAnnotation>[0] & { conflict_of: string | null };

const toMergeArticle = (r: MergeArticleRow): MergeArticle => ({ id: r.id, text: r.text, originalText: r.original_text, textHash: r.text_hash });
const toExportAnnotation = (r: AnnotationRow): ExportAnnotation => ({ ...rowToAnnotation(r), conflictOf: r.conflict_of });

export function articleByTextHash(db: Db, hash: string): MergeArticle | null {
  const row = cached(db, 'SELECT id, text, original_text, text_hash FROM articles WHERE text_hash = ?').get(hash) as MergeArticleRow | undefined;
  return row ? toMergeArticle(row) : null;
}

/** An article whose text as first imported is this text (it has been corrected since). */
export function articleByOriginalText(db: Db, text: string): MergeArticle | null {
  // The prefix is what migration 0005's partial index holds; the whole text is then compared.
  const row = cached(
    db,
    'SELECT id, text, original_text, text_hash FROM articles WHERE original_text IS NOT NULL AND substr(original_text, 1, 64) = substr(@text, 1, 64) AND original_text = @text',
  ).get({ text }) as MergeArticleRow | undefined;
  return row ? toMergeArticle(row) : null;
}

export function articleById(db: Db, id: string): MergeArticle | null {
  const row = cached(db, 'SELECT id, text, original_text, text_hash FROM articles WHERE id = ?').get(id) as MergeArticleRow | undefined;
  return row ? toMergeArticle(row) : null;
}

export function annotationWithConflict(db: Db, id: string): ExportAnnotation | null {
  const row = cached(db, 'SELECT * FROM annotations WHERE id = ?').get(id) as AnnotationRow | undefined;
  return row ? toExportAnnotation(row) : null;
}

/** The unresolved incoming versions stored beside a local annotation. */
export function conflictCopies(db: Db, localId: string): ExportAnnotation[] {
  return (cached(db, 'SELECT * FROM annotations WHERE conflict_of = ? ORDER BY created_at, id').all(localId) as AnnotationRow[]).map(toExportAnnotation);
}

/** Every annotation that is an unresolved conflict copy, optionally of one article. */
export function listConflicts(db: Db, articleId?: string): ExportAnnotation[] {
  const rows = articleId
    ? cached(db, 'SELECT * FROM annotations WHERE conflict_of IS NOT NULL AND article_id = ? ORDER BY start, id').all(articleId)
    : cached(db, 'SELECT * FROM annotations WHERE conflict_of IS NOT NULL ORDER BY article_id, start, id').all();
  return (rows as AnnotationRow[]).map(toExportAnnotation);
}

/** Annotations of an article over exactly this range with this label. */
export function annotationsAt(db: Db, articleId: string, label: Label, start: number, end: number): ExportAnnotation[] {
  return (
    cached(db, 'SELECT * FROM annotations WHERE article_id = ? AND label = ? AND start = ? AND "end" = ? ORDER BY id').all(articleId, label, start, end) as AnnotationRow[]
  ).map(toExportAnnotation);
}

export interface IncomingVersion {
  label: Label;
  start: number;
  end: number;
  quote: string;
  note: string;
  attrs: AnyAttrs;
  status: 'ok' | 'orphaned';
  updatedAt: string;
}

/**
 * Takes the other machine's newer version of an annotation edited only there. The row keeps its
 * id, author and creation time; the revisions are the caller's to record (both sides' histories).
 */
export function applyIncomingVersion(db: Db, id: string, v: IncomingVersion): void {
  cached(
    db,
    `UPDATE annotations SET label = @label, start = @start, "end" = @end, quote = @quote, note = @note, attrs = @attrs, status = @status, updated_at = @updatedAt
     WHERE id = @id`,
  ).run({ ...v, id, attrs: JSON.stringify(v.attrs) });
}

/**
 * Points a merged annotation's links at the ids their targets have here. Not an edit of the
 * annotation (no revision): the content is the same, only the local names of its links differ.
 */
export function setAttrs(db: Db, id: string, attrs: AnyAttrs): void {
  cached(db, 'UPDATE annotations SET attrs = ? WHERE id = ?').run(JSON.stringify(attrs), id);
}

/**
 * A private temporary database attached beside the store, where a bundle's lines wait until the
 * whole file has been read and checked. The merge then runs in one synchronous transaction,
 * reading the lines back in pages, without holding the bundle in memory and without a write
 * transaction open across awaits (other calls on the connection would land inside it).
 */
export interface StagingArea {
  add(lines: string[]): void;
  /** Lines after position `after` (0 before the first), in order. */
  page(after: number, limit: number): { n: number; line: string }[];
  drop(): void;
}

export function attachStagingArea(db: Db): StagingArea {
  // The schema name cannot be a parameter; it is generated here, never taken from input.
  const schema = `bundle_stage_${randomBytes(6).toString('hex')}`;
  // An empty file name gives a private on-disk temporary that SQLite deletes on detach.
  db.exec(`ATTACH DATABASE '' AS ${schema}`);
  try {
    db.exec(`CREATE TABLE ${schema}.lines (n INTEGER PRIMARY KEY, line TEXT NOT NULL)`);
  } catch (err) {
    db.exec(`DETACH DATABASE ${schema}`);
    throw err;
  }
  const insert = db.prepare(`INSERT INTO ${schema}.lines (line) VALUES (?)`);
  const select = db.prepare(`SELECT n, line FROM ${schema}.lines WHERE n > ? ORDER BY n LIMIT ?`);
  const addAll = db.transaction((lines: string[]) => {
    for (const line of lines) insert.run(line);
  });
  return {
    add: (lines) => addAll(lines),
    page: (after, limit) => select.all(after, limit) as { n: number; line: string }[],
    drop: () => db.exec(`DETACH DATABASE ${schema}`),
  };
}
