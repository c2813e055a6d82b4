import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { parseAttrs, type AnyAttrs, type Label } from '../../../shared/model';
import { BUNDLE_FORMAT, BUNDLE_VERSION, BundleArticle, BundleEnd, BundleHeader, type BundleAnnotation } from '../export/bundle';
import { codePointText } from '../export/spans';
import type { Db } from '../store/db';
import type { ExportAnnotation } from '../store/export';
import {
  annotationIdTaken,
  annotationsAt,
  annotationWithConflict,
  articleById,
  articleByTextHash,
  attachStagingArea,
  conflictCopies,
  insertBundledArticle,
  insertMergedAnnotation,
  type MergeArticle,
  type StagingArea,
} from '../store/merge';

export interface BundleImportOptions {
  /** Author for annotations the bundle records without one; every other annotation keeps its own. */
  author?: string;
  /** Honoured while the file is read; once merging starts it runs to the end (one transaction). */
  signal?: AbortSignal;
}

/** An annotation edited differently on both machines: both versions are now in the store. */
export interface BundleConflict {
  articleId: string;
  /** The local annotation, left as it was. */
  localId: string;
  /** The incoming version, stored as a new annotation whose conflict_of is localId. */
  copyId: string;
  label: Label;
}

/** An incoming annotation whose text is no longer in the local (corrected) article. */
export interface UnplacedAnnotation {
  articleId: string;
  annotationId: string;
  quote: string;
}

export interface BundleImportReport {
  articlesAdded: number;
  articlesMatched: number;
  annotationsAdded: number;
  annotationsUnchanged: number;
  conflicts: BundleConflict[];
  unplaced: UnplacedAnnotation[];
}

export class BundleError extends Error {
  constructor(
    readonly code: 'invalid' | 'newer_version' | 'cancelled',
    message: string,
  ) {
    super(message);
    this.name = 'BundleError';
  }
}

const STAGE_BATCH = 200;

/**
 * Merges a bundle into the store. The whole file is read and checked first (a damaged or
 * truncated bundle changes nothing), then merged in one transaction:
 * - an article is matched, not duplicated, when the store has its exact text, or has its id and
 *   the same text as first imported (the text was corrected on one side);
 * - annotations keep their ids, authors and timestamps; one already present unchanged is skipped;
 * - one present with the same id but different content is kept in both versions: the local one
 *   untouched, the incoming one added as a new annotation with conflict_of pointing at it.
 */
export async function importBundle(db: Db, file: string, options: BundleImportOptions = {}): Promise<BundleImportReport> {
  const stage = attachStagingArea(db);
  try {
    await readBundle(file, stage, options.signal);
    return db.transaction(() => merge(db, stage, options))();
  } finally {
    stage.drop();
  }
}

async function readBundle(file: string, stage: StagingArea, signal: AbortSignal | undefined): Promise<void> {
  let lineNo = 0;
  let ended = false;
  let articles = 0;
  let annotations = 0;
  let batch: string[] = [];
  const take = (line: string) => {
    lineNo++;
    if (line.trim() === '') return;
    if (ended) throw new BundleError('invalid', `line ${lineNo}: data after the end of the bundle`);
    const value = parseJson(line, lineNo);
    if (lineNo === 1) return checkHeader(value);
    if ((value as { type?: unknown }).type === 'end') {
      const end = BundleEnd.safeParse(value);
      if (!end.success || end.data.articles !== articles || end.data.annotations !== annotations) {
        throw new BundleError('invalid', `the bundle is damaged: it ends with ${line.slice(0, 200)} but holds ${articles} articles and ${annotations} annotations`);
      }
      ended = true;
      return;
    }
    const article = BundleArticle.safeParse(value);
    if (!article.success) throw new BundleError('invalid', `line ${lineNo}: ${article.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    checkAnnotations(article.data, lineNo);
    articles++;
    annotations += article.data.annotations.length;
    batch.push(line);
    if (batch.length >= STAGE_BATCH) {
      stage.add(batch);
      batch = [];
    }
  };

  const decoder = new StringDecoder('utf8');
  let rest = '';
  // Kept aside rather than thrown inside the pipeline: leaving the loop early destroys the
  // streams, and the pipeline may then reject with their AbortError instead of the reason.
  let failure: BundleError | null = null;
  try {
    await pipeline(createReadStream(file), createGunzip(), async (source: AsyncIterable<Buffer>) => {
      try {
        for await (const chunk of source) {
          if (signal?.aborted) throw new BundleError('cancelled', 'bundle import cancelled');
          const lines = (rest + decoder.write(chunk)).split('\n');
          rest = lines.pop() ?? '';
          for (const line of lines) take(line);
        }
        rest += decoder.end();
        if (rest !== '') take(rest);
      } catch (err) {
        if (!(err instanceof BundleError)) throw err;
        failure = err;
      }
    });
  } catch (err) {
    if (failure) throw failure;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'Z_DATA_ERROR') throw new BundleError('invalid', `${file} is not a Spanwise bundle (not gzip data)`);
    if (code === 'Z_BUF_ERROR') throw new BundleError('invalid', `${file} is cut short: the bundle is incomplete`);
    throw err;
  }
  if (failure) throw failure;
  if (lineNo === 0) throw new BundleError('invalid', `${file} is empty`);
  if (!ended) throw new BundleError('invalid', `${file} is cut short: the bundle has no end record`);
  if (batch.length > 0) stage.add(batch);
}

function parseJson(line: string, lineNo: number): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    throw new BundleError('invalid', lineNo === 1 ? 'not a Spanwise bundle' : `line ${lineNo}: not valid JSON`);
  }
}

function checkHeader(value: unknown): void {
  const v = value as { format?: unknown; version?: unknown };
  if (v?.format !== BUNDLE_FORMAT) throw new BundleError('invalid', 'not a Spanwise bundle');
  if (typeof v.version === 'number' && v.version > BUNDLE_VERSION) {
    throw new BundleError('newer_version', `this bundle was written by a newer Spanwise (format version ${v.version}); this version reads up to ${BUNDLE_VERSION}`);
  }
  const header = BundleHeader.safeParse(value);
  if (!header.success) throw new BundleError('invalid', `the bundle header is not valid: ${header.error.issues.map((i) => i.message).join('; ')}`);
}

function checkAnnotations(article: BundleArticle, lineNo: number): void {
  const length = codePointText(article.text).length;
  for (const a of article.annotations) {
    const where = `line ${lineNo}, annotation ${a.id}`;
    if (a.end < a.start || a.end > length || (a.status === 'ok' && a.end === a.start)) {
      throw new BundleError('invalid', `${where}: offsets ${a.start}-${a.end} do not fit the text (${length} code points)`);
    }
    const attrs = parseAttrs(a.label, a.attrs);
    if (!attrs.ok) throw new BundleError('invalid', `${where}: ${attrs.message}`);
  }
}

function merge(db: Db, stage: StagingArea, options: BundleImportOptions): BundleImportReport {
  const report: BundleImportReport = { articlesAdded: 0, articlesMatched: 0, annotationsAdded: 0, annotationsUnchanged: 0, conflicts: [], unplaced: [] };
  for (let after = 0; ; ) {
    const rows = stage.page(after, STAGE_BATCH);
    if (rows.length === 0) break;
    for (const row of rows) mergeArticle(db, BundleArticle.parse(JSON.parse(row.line)), options, report);
    after = (rows[rows.length - 1] as { n: number }).n;
  }
  return report;
}

function findLocal(db: Db, incoming: BundleArticle): MergeArticle | null {
  const sameText = articleByTextHash(db, incoming.text_hash);
  if (sameText) return sameText;
  const sameId = articleById(db, incoming.id);
  const firstText = (a: { text: string; originalText: string | null }) => a.originalText ?? a.text;
  if (sameId && firstText(sameId) === (incoming.original_text ?? incoming.text)) return sameId;
  return null;
}

function mergeArticle(db: Db, incoming: BundleArticle, options: BundleImportOptions, report: BundleImportReport): void {
  let local = findLocal(db, incoming);
  if (local) {
    report.articlesMatched++;
  } else {
    const id = articleById(db, incoming.id) ? randomUUID() : incoming.id;
    insertBundledArticle(db, {
      id,
      title: incoming.title,
      source: incoming.source,
      url: incoming.url,
      author: incoming.author,
      publishedAt: incoming.published_at,
      language: incoming.language,
      text: incoming.text,
      originalText: incoming.original_text,
      textHash: incoming.text_hash,
      importedAt: incoming.imported_at,
      updatedAt: incoming.updated_at,
    });
    local = { id, text: incoming.text, originalText: incoming.original_text, textHash: incoming.text_hash };
    report.articlesAdded++;
  }
  // Originals before conflict copies, so a copy can find the annotation it is a version of.
  const ordered = [...incoming.annotations].sort((a, b) => Number(a.conflict_of !== null) - Number(b.conflict_of !== null));
  const placedIds = new Map<string, string>();
  const placer = makePlacer(incoming.text, local.text);
  for (const x of ordered) {
    const at = placer(x);
    if (!at) {
      report.unplaced.push({ articleId: local.id, annotationId: x.id, quote: x.quote });
      continue;
    }
    const content: Content = { label: x.label, start: at.start, end: at.end, note: x.note, attrs: canonicalAttrs(x.label, x.attrs), status: x.status };
    const incomingAnnotation = {
      articleId: local.id,
      ...content,
      quote: at.quote,
      author: x.author || options.author || '',
      createdAt: x.created_at,
      updatedAt: x.updated_at,
    };
    const existing = annotationWithConflict(db, x.id);
    if (existing && existing.articleId === local.id) {
      placedIds.set(x.id, x.id);
      if (sameContent(existing, content) || conflictCopies(db, existing.id).some((c) => sameContent(c, content))) {
        report.annotationsUnchanged++;
        continue;
      }
      const copyId = randomUUID();
      insertMergedAnnotation(db, { ...incomingAnnotation, id: copyId, conflictOf: existing.id });
      report.conflicts.push({ articleId: local.id, localId: existing.id, copyId, label: x.label });
      continue;
    }
    // A conflict copy made on the other machine: skip it when this store already holds that version.
    const original = x.conflict_of ? (placedIds.get(x.conflict_of) ?? x.conflict_of) : null;
    const originalHere = original ? annotationWithConflict(db, original) : null;
    const conflictOf = originalHere && originalHere.articleId === local.id ? originalHere.id : null;
    if (conflictOf && originalHere && (sameContent(originalHere, content) || conflictCopies(db, conflictOf).some((c) => sameContent(c, content)))) {
      report.annotationsUnchanged++;
      continue;
    }
    if (existing) {
      // The id belongs to an annotation of another article; the same annotation may already have
      // been added under a new id by an earlier import of this bundle.
      const same = annotationsAt(db, local.id, content.label, content.start, content.end).find((a) => sameContent(a, content) && a.author === incomingAnnotation.author);
      if (same) {
        placedIds.set(x.id, same.id);
        report.annotationsUnchanged++;
        continue;
      }
    }
    const id = existing || annotationIdTaken(db, x.id) ? randomUUID() : x.id;
    insertMergedAnnotation(db, { ...incomingAnnotation, id, conflictOf });
    placedIds.set(x.id, id);
    report.annotationsAdded++;
  }
}

interface Content {
  label: Label;
  start: number;
  end: number;
  note: string;
  attrs: AnyAttrs;
  status: 'ok' | 'orphaned';
}

function canonicalAttrs(label: Label, attrs: AnyAttrs): AnyAttrs {
  const parsed = parseAttrs(label, attrs);
  return parsed.ok ? parsed.attrs : attrs;
}

const attrsKey = (attrs: AnyAttrs) =>
  JSON.stringify(
    Object.keys(attrs)
      .sort()
      .map((k) => [k, attrs[k]]),
  );

function sameContent(a: ExportAnnotation, c: Content): boolean {
  return a.label === c.label && a.start === c.start && a.end === c.end && a.note === c.note && a.status === c.status && attrsKey(a.attrs) === attrsKey(c.attrs);
}

/**
 * Where an incoming annotation goes in the local text (UTF-16). With the same text, at its own
 * offsets. When the text was corrected on one side, at the same offsets if the quoted text is
 * still there, else at the one place the quote occurs; null when it occurs nowhere or more than
 * once, rather than guess.
 */
function makePlacer(incomingText: string, localText: string) {
  const cp = codePointText(incomingText);
  return (x: BundleAnnotation): { start: number; end: number; quote: string } | null => {
    const start = cp.toUtf16(x.start);
    const end = cp.toUtf16(x.end);
    if (incomingText === localText) return { start, end, quote: x.quote };
    if (x.status === 'orphaned') {
      const at = Math.min(start, localText.length);
      return { start: at, end: at, quote: x.quote };
    }
    const quote = incomingText.slice(start, end);
    if (localText.slice(start, end) === quote) return { start, end, quote };
    const found = localText.indexOf(quote);
    if (found < 0 || localText.indexOf(quote, found + 1) >= 0) return null;
    return { start: found, end: found + quote.length, quote };
  };
}
