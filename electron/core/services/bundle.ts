import { constants, createGunzip, gunzipSync } from 'node:zlib';
import { parseAttrs } from '../../../shared/model';
import { wellFormed } from '../../../shared/text';
import { BUNDLE_FORMAT, BUNDLE_VERSION, BundleArticle, BundleEnd, BundleHeader } from '../export/bundle';
import { codePointText } from '../export/spans';
import { inputFileReason, readRegularHead, regularFileStream } from '../import/input-file';
import { boundedLines, LineLimitError, type LineLimits } from '../import/lines';
import type { Db } from '../store/db';
import { attachStagingArea, type StagingArea } from '../store/merge';
import { checkAnnotation } from './annotation-invariants';
import { openStream, sealedHeaderOf, SealedError } from '../export/sealed';
import { mergeArticle } from './bundle-merge';
import { BundleMergeError, emptyReport, type BundleImportReport } from './bundle-report';
import { eventLinksProblem } from './bundle-events';
import { BundleEntityError, BundleEntityMerger, emptyEntityReport } from './bundle-entities';

export type { AnnotationRef, BundleConflict, BundleImportReport } from './bundle-report';

export interface BundleImportOptions {
  /** Author for annotations the bundle records without one; every other annotation keeps its own. */
  author?: string;
  /** Honoured while the file is read; once merging starts it runs to the end (one transaction). */
  signal?: AbortSignal;
  /** Bounds on the decompressed bundle (BUNDLE_LIMITS unless a test says otherwise). */
  limits?: LineLimits;
  /** An encrypted bundle's passphrase (export/sealed.ts); asked for only when the file is one. */
  passphrase?: string;
}

/**
 * What a bundle may hold once decompressed. One line is one article with its annotations: its
 * text and original text (each up to the 50 MB a file may have, more in UTF-8 for text in other
 * scripts), its annotations' quotes and histories. The whole is bounded so that a small file
 * that inflates without end (a "zip bomb") is refused instead of filling the disk.
 */
export const BUNDLE_LIMITS: LineLimits = { maxLineBytes: 256 * 1024 * 1024, maxTotalBytes: 8 * 1024 * 1024 * 1024 };

export class BundleError extends Error {
  constructor(
    readonly code: 'invalid' | 'newer_version' | 'cancelled' | 'locked' | 'wrong_passphrase',
    message: string,
  ) {
    super(message);
    this.name = 'BundleError';
  }
}

const STAGE_BATCH = 200;

/**
 * Whether a file is a bundle by its content, whatever its name (a bundle renamed in transfer,
 * `colleague.gz`): gzip data whose first line is a bundle header. Reads the first 4 KB only.
 */
export function sniffBundle(file: string): boolean {
  try {
    const head = readRegularHead(file, 4096);
    if (sealedHeaderOf(head)?.content === BUNDLE_FORMAT) return true;
    if (head.length < 2 || head[0] !== 0x1f || head[1] !== 0x8b) return false;
    // A truncated stream is expected here: decompress what there is instead of failing on the missing end.
    const text = gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: 1 << 20 }).toString('utf8');
    const newline = text.indexOf('\n');
    const header = JSON.parse(newline < 0 ? text : text.slice(0, newline)) as { format?: unknown };
    return header.format === BUNDLE_FORMAT;
  } catch {
    return false;
  }
}

/** An encrypted bundle: a sealed file (export/sealed.ts) holding a bundle. */
export function isSealedBundle(file: string): boolean {
  try {
    return sealedHeaderOf(readRegularHead(file, 4096))?.content === BUNDLE_FORMAT;
  } catch {
    return false;
  }
}

/**
 * Merges a bundle into the store. The whole file is read and checked first (a damaged or
 * truncated bundle changes nothing), then merged in one transaction (bundle-merge.ts):
 * - an article is matched, not duplicated, by its text, or by the text as first imported when
 *   one side has corrected it;
 * - annotations keep their ids, authors and timestamps; their revision histories decide whether
 *   an incoming version is already here, newer (edited only there: taken), or a conflict (edited
 *   on both sides: kept in both versions, the incoming one with conflict_of set);
 * - an annotation deleted here stays deleted unless the other side changed it since.
 */
export async function importBundle(db: Db, file: string, options: BundleImportOptions = {}): Promise<BundleImportReport> {
  const stage = attachStagingArea(db);
  try {
    await readBundle(file, stage, options.signal, options.limits ?? BUNDLE_LIMITS, options.passphrase);
    try {
      return db.transaction(() => merge(db, stage, options))();
    } catch (err) {
      if (err instanceof BundleMergeError) throw new BundleError('invalid', `${file} cannot be merged: ${err.message}`);
      throw err;
    }
  } finally {
    stage.drop();
  }
}

async function readBundle(file: string, stage: StagingArea, signal: AbortSignal | undefined, limits: LineLimits, passphrase: string | undefined): Promise<void> {
  const sealed = isSealedBundle(file);
  if (sealed && passphrase === undefined) throw new BundleError('locked', `${file} is an encrypted bundle: it needs its passphrase (spanwise import asks for it); nothing was imported`);
  let lineNo = 0;
  let ended = false;
  let articles = 0;
  let annotations = 0;
  let batch: string[] = [];
  const take = (line: string, at: number) => {
    lineNo = at;
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

  let opened: ReturnType<typeof regularFileStream>;
  try {
    opened = regularFileStream(file);
  } catch (err) {
    const reason = inputFileReason(err);
    if (reason === null) throw err;
    throw new BundleError('invalid', `${file}: ${reason}`);
  }
  const gunzip = createGunzip();
  // A stream error (not gzip data, cut short) ends the loop below through the gunzip stream.
  opened.stream.on('error', (err) => gunzip.destroy(err));
  // Each chunk of an encrypted bundle is authenticated before gunzip sees a byte of it.
  const unsealed = sealed ? openStream(passphrase as string, BUNDLE_FORMAT) : null;
  if (unsealed) {
    unsealed.on('error', (err) => gunzip.destroy(err));
    opened.stream.pipe(unsealed).pipe(gunzip);
  } else opened.stream.pipe(gunzip);
  try {
    for await (const lines of boundedLines(gunzip, limits)) {
      if (signal?.aborted) throw new BundleError('cancelled', 'bundle import cancelled');
      for (const { text, line } of lines) take(text, line);
    }
  } catch (err) {
    if (err instanceof BundleError) throw err;
    if (err instanceof LineLimitError) throw new BundleError('invalid', `${file} is refused: ${err.message}`);
    if (err instanceof SealedError) {
      const code = err.code === 'wrong_passphrase' ? 'wrong_passphrase' : err.code === 'newer_version' ? 'newer_version' : 'invalid';
      throw new BundleError(code, `${file} is an encrypted bundle that was not imported: ${err.message}; nothing was imported`);
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'Z_DATA_ERROR') throw new BundleError('invalid', `${file} is not a Spanwise bundle (not gzip data)`);
    if (code === 'Z_BUF_ERROR') throw new BundleError('invalid', `${file} is cut short: the bundle is incomplete`);
    throw err;
  } finally {
    opened.stream.destroy();
    unsealed?.destroy();
    gunzip.destroy();
  }
  if (lineNo === 0) throw new BundleError('invalid', `${file} is empty`);
  if (!ended) throw new BundleError('invalid', `${file} is cut short: the bundle has no end record`);
  if (batch.length > 0) stage.add(batch);
}

/**
 * A bundle line's JSON with every string made well formed (shared/text.ts), as the contract and
 * the file readers make theirs: an escaped lone surrogate ("\ud83d") is one code point to the
 * line's offsets, but SQLite would store it as three replacement characters, moving every span
 * after it off its text. U+FFFD is one code point too, so the offsets stay true.
 */
export function parseBundleLine(line: string): unknown {
  return JSON.parse(line, (_key, value: unknown) => (typeof value === 'string' ? wellFormed(value) : value)) as unknown;
}

function parseJson(line: string, lineNo: number): unknown {
  try {
    return parseBundleLine(line);
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

/**
 * Each annotation as it would be written: offsets that fit its article's text, a visible span,
 * valid attributes, ISO times, bounded author and note (annotation-invariants.ts). The links
 * between annotations are checked as they are merged, against the local library.
 */
function checkAnnotations(article: BundleArticle, lineNo: number): void {
  const cp = codePointText(article.text);
  const ids = new Set<string>();
  for (const a of article.annotations) {
    const where = `line ${lineNo}, annotation ${a.id}`;
    if (ids.has(a.id)) throw new BundleError('invalid', `${where}: the article holds two annotations with this id`);
    ids.add(a.id);
    if (a.end < a.start || a.end > cp.length || (a.status === 'ok' && a.end === a.start)) {
      throw new BundleError('invalid', `${where}: offsets ${a.start}-${a.end} do not fit the text (${cp.length} code points)`);
    }
    const attrs = parseAttrs(a.label, a.attrs);
    if (!attrs.ok) throw new BundleError('invalid', `${where}: ${attrs.message}`);
    const checked = checkAnnotation(
      article.text,
      {
        id: a.id,
        articleId: article.id,
        label: a.label,
        start: cp.toUtf16(a.start),
        end: cp.toUtf16(a.end),
        status: a.status,
        quote: a.quote,
        note: a.note,
        attrs: attrs.attrs,
        author: a.author,
        conflictOf: null,
        createdAt: a.created_at,
        updatedAt: a.updated_at,
      },
      null,
    );
    if (!checked.ok) throw new BundleError('invalid', `line ${lineNo}, ${checked.reason}`);
  }
  const links = eventLinksProblem(article);
  if (links) throw new BundleError('invalid', `line ${lineNo}: ${links}`);
}

function merge(db: Db, stage: StagingArea, options: BundleImportOptions): BundleImportReport {
  const report = emptyReport();
  const claimed = new Set<string>();
  const entities = new BundleEntityMerger(db, (report.entities ??= emptyEntityReport()));
  for (let after = 0; ; ) {
    const rows = stage.page(after, STAGE_BATCH);
    if (rows.length === 0) break;
    for (const row of rows) {
      const article = BundleArticle.parse(parseBundleLine(row.line));
      // The registry first, so the annotations' links find their entities.
      try {
        entities.merge(article.entities);
      } catch (err) {
        if (err instanceof BundleEntityError) throw new BundleMergeError(err.message);
        throw err;
      }
      mergeArticle(db, article, options.author, report, claimed);
    }
    after = (rows[rows.length - 1] as { n: number }).n;
  }
  return report;
}
