import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { FileOutcome, ImportReport } from '../../../shared/ipc/contract';
import { BRAT_CONFIG_FILES, isImportable, MAX_FILE_BYTES, parseBratPair, parseFile, parsePasted, tooLarge, type ImportDraft, type ParseOutcome } from '../import';
import { articleExists, findArticleIdByText, getArticle, insertArticle, textHash } from '../store/articles';
import { annotationExists, getAnnotation, insertAnnotation } from '../store/annotations';
import type { Db } from '../store/db';

export interface ImportSource {
  /** Shown in the report: a path, or a name for pasted content. */
  name: string;
  parse(): ParseOutcome;
}

export interface ImportOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  author?: string;
}

/** The brat annotation file beside a `.txt`, if there is one. */
function bratAnnotations(path: string): string | null {
  if (extname(path).toLowerCase() !== '.txt') return null;
  const ann = join(dirname(path), `${basename(path, extname(path))}.ann`);
  return existsSync(ann) ? ann : null;
}

function readLimited(path: string): Buffer | string {
  const size = statSync(path).size;
  // Refused before reading, so an enormous file never lands in memory.
  if (size > MAX_FILE_BYTES) return tooLarge(size);
  return readFileSync(path);
}

function unreadable(err: unknown): ParseOutcome {
  return { ok: false, reason: `could not be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
}

/** A file on disk; a `.txt` with a `.ann` beside it is read as brat standoff. */
export function fileSource(path: string): ImportSource {
  return {
    name: path,
    parse: () => {
      try {
        const bytes = readLimited(path);
        if (typeof bytes === 'string') return { ok: false, reason: bytes };
        const ann = bratAnnotations(path);
        if (!ann) return parseFile(path, bytes);
        const annBytes = readLimited(ann);
        if (typeof annBytes === 'string') return { ok: false, reason: `annotation file (.ann): ${annBytes}` };
        return parseBratPair(path, bytes, annBytes);
      } catch (err) {
        return unreadable(err);
      }
    },
  };
}

/** Pasted or dropped content: a copied web page is read as HTML, anything else as plain text. */
export function textSource(name: string, content: string): ImportSource {
  return { name, parse: () => parsePasted(name, content) };
}

function isBratConfig(name: string): boolean {
  return BRAT_CONFIG_FILES.includes(basename(name).toLowerCase());
}

/**
 * Expands folders (recursively) into the importable files inside them; files are kept as given.
 * brat `.ann` files are never imported on their own: they travel with the `.txt` beside them, and
 * brat's configuration files are skipped.
 */
export function expandPaths(paths: string[]): { files: string[]; missing: FileOutcome[] } {
  const files: string[] = [];
  const seen = new Set<string>();
  const missing: FileOutcome[] = [];
  const add = (file: string) => {
    if (!seen.has(file)) {
      seen.add(file);
      files.push(file);
    }
  };
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && isImportable(entry.name)) add(full);
    }
  };
  for (const p of paths) {
    try {
      if (statSync(p).isDirectory()) walk(p);
      else if (isBratConfig(p)) continue;
      else if (extname(p).toLowerCase() === '.ann') {
        const txt = join(dirname(p), `${basename(p, extname(p))}.txt`);
        if (existsSync(txt)) add(txt);
        else missing.push({ file: p, status: 'failed', articleIds: [], message: 'a brat .ann file is imported with the .txt of the same name beside it, and there is none' });
      } else add(p);
    } catch (err) {
      missing.push({ file: p, status: 'failed', articleIds: [], message: `cannot open: ${(err as NodeJS.ErrnoException).code ?? 'error'}` });
    }
  }
  return { files, missing };
}

/** Checks a draft's spans against its text so a bad span fails its record instead of the store. */
type HashedDraft = ImportDraft & { hash: string };

function spanProblem(draft: ImportDraft): string | null {
  for (const [i, s] of (draft.spans ?? []).entries()) {
    if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end > s.start && s.end <= draft.text.length)) {
      return `span ${s.id ?? i + 1} (${s.start}-${s.end}) lies outside the text (length ${draft.text.length})`;
    }
  }
  return null;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Warnings shown per file (problems: twice as many); a large dataset can have one per record. */
const MAX_NOTES = 10;

const cancelledReport = (): ImportReport => ({ outcomes: [], imported: 0, partial: 0, duplicates: 0, failed: 0, cancelled: true });

/**
 * Parses every source, yielding to the event loop between files so progress and cancellation
 * get through, then writes all the good articles in one transaction: a batch is never half
 * written, a cancelled batch writes nothing, and one bad file never stops the others.
 */
export async function importBatch(db: Db, sources: ImportSource[], options: ImportOptions = {}): Promise<ImportReport> {
  const outcomes: FileOutcome[] = [];
  const pending: { outcome: FileOutcome; drafts: HashedDraft[] }[] = [];
  const seenInBatch = new Set<string>();
  for (const [i, source] of sources.entries()) {
    if (options.signal?.aborted) return cancelledReport();
    let parsed: ParseOutcome;
    try {
      parsed = source.parse();
    } catch (err) {
      parsed = { ok: false, reason: `could not be read: ${err instanceof Error ? err.message : String(err)}` };
    }
    const outcome: FileOutcome = { file: source.name, status: 'failed', articleIds: [], message: null };
    outcomes.push(outcome);
    if (!parsed.ok) {
      outcome.message = parsed.reason;
    } else {
      const fresh: HashedDraft[] = [];
      const duplicates: string[] = [];
      const problems = [...parsed.problems];
      for (const draft of parsed.drafts) {
        const problem = spanProblem(draft);
        if (problem) {
          problems.push(draft.origin ? `${draft.origin}: ${problem}` : problem);
          continue;
        }
        const hash = textHash(draft.text);
        if (seenInBatch.has(hash) || findArticleIdByText(db, draft.text, hash)) {
          duplicates.push(draft.origin ?? '');
          continue;
        }
        seenInBatch.add(hash);
        fresh.push({ ...draft, hash });
      }
      const notes: string[] = problems.slice(0, MAX_NOTES * 2);
      if (problems.length > MAX_NOTES * 2) notes.push(`and ${problems.length - MAX_NOTES * 2} more problems`);
      if (duplicates.length > 0) {
        const where = duplicates.filter(Boolean);
        const at = where.length ? ` (${where.slice(0, 10).join(', ')}${where.length > 10 ? ', …' : ''})` : '';
        if (fresh.length > 0) notes.push(`${plural(duplicates.length, 'duplicate article')} skipped${at}`);
        else if (parsed.drafts.length === 1 && !at) notes.push('same text as an article already in the library');
        else notes.push(`${plural(duplicates.length, 'article')} already in the library${at}`);
      }
      if (parsed.drafts.length === 0 && problems.length === 0) notes.push('no articles in file');
      notes.push(...parsed.warnings.slice(0, MAX_NOTES));
      if (parsed.warnings.length > MAX_NOTES) notes.push(`and ${parsed.warnings.length - MAX_NOTES} more notes`);
      outcome.message = notes.length ? notes.join('; ') : null;
      if (fresh.length > 0) {
        outcome.status = problems.length ? 'partial' : 'imported';
        pending.push({ outcome, drafts: fresh });
      } else {
        outcome.status = problems.length || duplicates.length === 0 ? 'failed' : 'duplicate';
      }
    }
    options.onProgress?.(i + 1, sources.length);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (options.signal?.aborted) return cancelledReport();

  db.transaction(() => {
    for (const { outcome, drafts } of pending) {
      for (const draft of drafts) {
        // Keep the dataset's ids unless something in the library already holds them.
        const keepId = draft.id !== undefined && !articleExists(db, draft.id);
        const article = insertArticle(db, draft, { hash: draft.hash, ...(keepId ? { id: draft.id } : {}) });
        outcome.articleIds.push(article.id);
        for (const span of draft.spans ?? []) {
          insertAnnotation(db, {
            ...(span.id && !annotationExists(db, span.id) ? { id: span.id } : {}),
            articleId: article.id,
            label: span.label,
            start: span.start,
            end: span.end,
            quote: draft.text.slice(span.start, span.end),
            note: span.note ?? '',
            attrs: span.attrs ?? {},
            author: options.author ?? '',
          });
        }
      }
    }
  })();

  return {
    outcomes,
    imported: outcomes.filter((o) => o.status === 'imported').length,
    partial: outcomes.filter((o) => o.status === 'partial').length,
    duplicates: outcomes.filter((o) => o.status === 'duplicate').length,
    failed: outcomes.filter((o) => o.status === 'failed').length,
    cancelled: false,
  };
}
