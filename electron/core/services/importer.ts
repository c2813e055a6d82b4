import { randomUUID } from 'node:crypto';
import type { FileOutcome, ImportReport } from '../../../shared/ipc/contract';
import { reportOf } from '../../../shared/import-report';
import type { HashedDraft, ImportDraft, ParseEnd, SourceSpec } from '../import/types';
import { sharedParser, type ParseTask, type Parser } from '../import/pool';
import { articleExists, findArticleIdByText, insertArticle } from '../store/articles';
import { annotationExists, insertAnnotation } from '../store/annotations';
import { findBySha256, recordCarriedProvenance, recordProvenance, recordSourceFile } from '../store/provenance';
import type { OriginalFile } from '../import/original';
import { recordRemovedParts } from '../store/removed-parts';
import { linkedAttrs } from './entity-import-links';
import { ImportedEventLinks } from './import-event-links';
import type { Db } from '../store/db';
import { plural } from '../../../shared/plural';
import type { AnyAttrs, SpanDraft } from '../../../shared/model';
import { checkAnnotation, storeReferences, withBatch, type AnnotationCandidate } from './annotation-invariants';

export { expandPaths, fileSource } from './import-paths';
export type { SourceSpec as ImportSource } from '../import/types';

export interface ImportOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  author?: string;
  /** Where inputs are parsed; by default the process's worker threads. */
  parser?: Parser;
  /** How many inputs there will be, when they arrive over time (a drop sent in parts). */
  total?: number;
}

/** Pasted text (a copied web page is told apart from plain text by its markup). */
export function textSource(name: string, content: string): SourceSpec {
  return { kind: 'text', name, content };
}

/** Inputs parsed ahead of the one being written, so writing and parsing overlap. */
const LOOKAHEAD = 4;

/** Warnings shown per file (problems: twice as many); a large dataset can have one per record. */
const MAX_NOTES = 10;

/** Checks a draft's spans against its text so a span a parser got wrong fails its record instead of the store. */
function spanProblem(draft: ImportDraft): string | null {
  for (const [i, s] of (draft.spans ?? []).entries()) {
    if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end > s.start && s.end <= draft.text.length)) {
      return `span ${s.id ?? i + 1} (${s.start}-${s.end}) lies outside the text (length ${draft.text.length})`;
    }
  }
  return null;
}

/** What one file has come to so far, as its chunks are written. */
interface FileState {
  outcome: FileOutcome;
  problems: string[];
  inLibrary: string[];
  /** Drafts whose text came earlier in this batch, with the file that brought it. */
  earlier: { origin: string; file: string }[];
  /** The file itself, once its first chunk has come: every article written from it points to it. */
  original: OriginalFile | null;
  /** Whether the file's bytes are in the store (written with the first article from it). */
  originalStored: boolean;
}

/**
 * Imports a batch of inputs. Parsing happens in worker threads; the main thread only writes.
 *
 * Atomicity: each file is written in its own transactions, in chunks of at most a few hundred
 * articles (import/chunk.ts), never the whole batch in one. A batch of thousands of files in one
 * transaction would hold the store for minutes, and every annotation the analyst saves meanwhile
 * would wait for it. So: an article is never half-written (its annotations go in with it), a file
 * small enough for one chunk (nearly every file) is written whole or not at all, and what was
 * committed stays committed. A cancel takes effect at once: the file being parsed is stopped in
 * its worker, the one being written stops after its current chunk, and the report says exactly
 * which files were imported before the cancel and which were not. A crash leaves the same state
 * as a cancel at that moment; importing the same inputs again then skips, as duplicates,
 * everything already in, and imports the rest.
 */
export async function importBatch(db: Db, inputs: SourceSpec[] | SpecFeed, options: ImportOptions = {}): Promise<ImportReport> {
  const parser = options.parser ?? sharedParser();
  const source = Array.isArray(inputs) ? SpecFeed.of(inputs) : inputs;
  const total = options.total ?? (Array.isArray(inputs) ? inputs.length : 0);
  const started: { spec: SourceSpec; task: ParseTask }[] = [];
  const outcomes: FileOutcome[] = [];
  const seen = new Map<string, string>();
  /** sha256 of each file written in this batch, with the file's name as the report shows it. */
  const seenFiles = new Map<string, string>();
  const aborted = () => !!options.signal?.aborted;
  let done = 0;
  let interrupted = false;

  // Starts parsing the next inputs while the current one is written; waits only when none is started.
  const fill = async (): Promise<boolean> => {
    while (started.length < LOOKAHEAD && !aborted()) {
      const spec = source.take();
      if (spec === null) break;
      if (spec === undefined) {
        if (started.length > 0) break;
        await source.wait();
        continue;
      }
      started.push({ spec, task: parser.start(spec) });
    }
    return started.length > 0;
  };
  let current: { spec: SourceSpec; task: ParseTask } | undefined;
  const stopAll = () => {
    current?.task.cancel();
    started.forEach((s) => s.task.cancel());
    source.end();
  };
  options.signal?.addEventListener('abort', stopAll, { once: true });

  try {
    while (!aborted() && (await fill())) {
      if (aborted()) break;
      current = started.shift() as { spec: SourceSpec; task: ParseTask };
      const state: FileState = { outcome: { file: current.spec.name, status: 'failed', articleIds: [], message: null }, problems: [], inLibrary: [], earlier: [], original: null, originalStored: false };
      outcomes.push(state.outcome);
      let complete = false;
      for (;;) {
        const event = await current.task.next();
        if (event.type === 'drafts') {
          if (aborted()) break;
          if (sameFileAgain(db, event.drafts, state.outcome, seenFiles)) {
            // Nothing of it is written; the rest of its parse is not wanted.
            current.task.cancel();
            complete = true;
            break;
          }
          writeChunk(db, event.drafts, state, seen, options.author ?? '');
          // Between chunks the analyst's own saves get their turn.
          await new Promise<void>((resolve) => setImmediate(resolve));
          continue;
        }
        if (aborted() && !event.end.ok) break;
        finish(state, event.end);
        complete = true;
        break;
      }
      if (!complete) {
        stopped(state.outcome);
        interrupted = true;
        break;
      }
      current = undefined;
      options.onProgress?.(++done, Math.max(total, done));
    }
  } finally {
    options.signal?.removeEventListener('abort', stopAll);
    // Whatever ended the loop (a cancel, or an error thrown out of it), nothing is left parsing in
    // a worker for an import that is over; after a normal end there is nothing left to stop.
    current?.task.cancel();
    for (const s of started) s.task.cancel();
  }

  if (aborted()) {
    stopAll();
    for (const { spec } of started) outcomes.push(notImported(spec.name));
    for (let spec = source.take(); spec; spec = source.take()) outcomes.push(notImported(spec.name));
  }
  // A cancel that came once every input was in changed nothing: the import finished.
  return reportOf(outcomes, interrupted || outcomes.some((o) => o.status === 'cancelled'));
}

/**
 * Inputs that arrive over time (a drop the renderer sends in parts) or all at once. `take` gives
 * the next input, undefined when none has arrived yet, null once there will be no more.
 */
export class SpecFeed {
  private queue: SourceSpec[] = [];
  private ended = false;
  private waiters: (() => void)[] = [];

  static of(specs: SourceSpec[]): SpecFeed {
    const feed = new SpecFeed();
    feed.push(specs);
    feed.end();
    return feed;
  }

  push(specs: SourceSpec[]): void {
    if (this.ended) return;
    this.queue.push(...specs);
    this.wake();
  }

  end(): void {
    this.ended = true;
    this.wake();
  }

  get isEnded(): boolean {
    return this.ended;
  }

  take(): SourceSpec | null | undefined {
    const next = this.queue.shift();
    if (next) return next;
    return this.ended ? null : undefined;
  }

  wait(): Promise<void> {
    if (this.queue.length > 0 || this.ended) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}

function notImported(file: string): FileOutcome {
  return { file, status: 'cancelled', articleIds: [], message: 'not imported: the import was cancelled' };
}

/** The file being imported when the cancel came: whatever of it was written stays, and is named. */
function stopped(outcome: FileOutcome): void {
  if (outcome.articleIds.length === 0) {
    Object.assign(outcome, notImported(outcome.file));
    return;
  }
  outcome.status = 'partial';
  outcome.message = `the import was cancelled part-way through this file: ${plural(outcome.articleIds.length, 'article')} imported before the cancel were kept, the rest were not imported`;
}

/**
 * A file whose bytes are those of a file imported before (the same sha256) is that import again,
 * even if the analyst has corrected the articles' text since, which the text hash would miss.
 */
function sameFileAgain(db: Db, drafts: HashedDraft[], outcome: FileOutcome, seenFiles: Map<string, string>): boolean {
  const original = drafts[0]?.original;
  if (!original) return false;
  const earlier = seenFiles.get(original.sha256);
  const known = findBySha256(db, original.sha256);
  if (!known) {
    seenFiles.set(original.sha256, outcome.file);
    return false;
  }
  outcome.status = 'duplicate';
  outcome.message = earlier !== undefined ? `same text as ${earlier}, earlier in this import` : `already imported: the same file (sha256 ${original.sha256.slice(0, 12)}…) as ${known.fileName}, imported ${known.importedAt.slice(0, 16).replace('T', ' ')}${known.importedBy ? ` by ${known.importedBy}` : ''}`;
  return true;
}

/** Writes one chunk of a file's drafts in one transaction; duplicates and bad spans are noted, not written. */
function writeChunk(db: Db, drafts: HashedDraft[], state: FileState, seen: Map<string, string>, author: string): void {
  const added = new Map<string, string>();
  const ids: string[] = [];
  const problems: string[] = [];
  const inLibrary: string[] = [];
  const earlier: FileState['earlier'] = [];
  let stored = state.originalStored;
  try {
    db.transaction(() => {
      const original = state.original ?? drafts[0]?.original ?? null;
      for (const draft of drafts) {
        const problem = spanProblem(draft);
        if (problem) {
          problems.push(draft.origin ? `${draft.origin}: ${problem}` : problem);
          continue;
        }
        const first = seen.get(draft.hash) ?? added.get(draft.hash);
        if (first !== undefined) {
          earlier.push({ origin: draft.origin ?? '', file: first });
          continue;
        }
        if (findArticleIdByText(db, draft.text, draft.hash)) {
          inLibrary.push(draft.origin ?? '');
          continue;
        }
        added.set(draft.hash, draft.origin ? `${state.outcome.file} (${draft.origin})` : state.outcome.file);
        const article = insertDraft(db, draft, author, problems);
        if (draft.removed?.length) recordRemovedParts(db, article.id, draft.removed);
        if (draft.carried) {
          recordCarriedProvenance(db, article.id, draft.carried, draft.origin ?? null);
        } else if (original) {
          if (!stored) recordSourceFile(db, original);
          stored = true;
          recordProvenance(db, { articleId: article.id, sha256: original.sha256, fileName: original.name, importer: original.importer, importedBy: author, importedAt: article.importedAt, origin: draft.origin ?? null });
        }
        ids.push(article.id);
      }
    })();
    state.original ??= drafts[0]?.original ?? null;
    state.originalStored = stored;
  } catch (err) {
    // The store refused the chunk (a full disk, say): none of it was written.
    state.problems.push(`${plural(drafts.length, 'article')} could not be written: ${(err as Error).message}`);
    return;
  }
  for (const [hash, where] of added) seen.set(hash, where);
  state.outcome.articleIds.push(...ids);
  state.problems.push(...problems);
  state.inLibrary.push(...inLibrary);
  state.earlier.push(...earlier);
}

function insertDraft(db: Db, draft: HashedDraft, author: string, problems: string[]): { id: string; importedAt: string } {
  // Keep the dataset's ids unless something in the library already holds them.
  const keepId = draft.id !== undefined && !articleExists(db, draft.id);
  const article = insertArticle(db, draft, { hash: draft.hash, ...(keepId ? { id: draft.id } : {}) });
  const where = (name: string) => `${draft.origin ? `${draft.origin}: ` : ''}span ${name}`;
  // Each span as it will be stored, with the id it gets here, checked on its own first.
  const taken = new Set<string>();
  const accepted: { span: SpanDraft; id: string; name: string }[] = [];
  const events = new ImportedEventLinks(db);
  const store = storeReferences(db);
  for (const [i, span] of (draft.spans ?? []).entries()) {
    // An id the library knows, live or as a former annotation's, is not reused: links to it would lead here.
    const id = span.id && !taken.has(span.id) && !annotationExists(db, span.id) && store.formerArticleOf(span.id) === null ? span.id : randomUUID();
    const name = span.id ?? String(i + 1);
    const { claimantId: _link, ...attrs } = span.attrs ?? {};
    const typeProblem = events.typeProblem(span, attrs);
    if (typeProblem) {
      problems.push(`${where(name)}: ${typeProblem}; left out`);
      continue;
    }
    const checked = checkAnnotation(draft.text, candidate(article.id, span, id, author, attrs), null);
    if (!checked.ok) {
      problems.push(`${where(name)}: ${checked.reason.replace(/^annotation \S+: /, '')}; left out`);
      continue;
    }
    taken.add(id);
    accepted.push({ span, id, name });
  }
  // A claimant link names a span of the same record; it follows that span to the id it got here,
  // and is dropped when it names none (the link would otherwise reach into another article).
  const idOf = new Map<string, string>();
  for (const a of accepted) if (a.span.id !== undefined && !idOf.has(a.span.id)) idOf.set(a.span.id, a.id);
  const refs = withBatch(storeReferences(db));
  for (const a of accepted) refs.add(a.id, article.id, a.span.label);
  const stored: typeof accepted = [];
  for (const { span, id, name } of accepted) {
    // The registry link resolved here (matched by id, else name and kind, else created).
    const { claimantId: claimantAttr, ...rest } = linkedAttrs(db, span, author);
    const claimantId = claimantAttr ?? ImportedEventLinks.claimantOf(span);
    let linked = typeof claimantId === 'string' ? idOf.get(claimantId) : undefined;
    const linkedLabel = linked !== undefined ? refs.liveLabelOf?.(linked) : undefined;
    if (span.label === 'claim' && linked !== undefined && linked !== id && linkedLabel !== 'actor') {
      // The claim imports; the link does not (a claimant is an actor annotation).
      problems.push(`${where(name)}: its claimant ${String(claimantId).slice(0, 64)} is ${linkedLabel ? `a span labelled ${linkedLabel}` : 'no span'}, not an actor; link left out`);
      linked = undefined;
    }
    const checked = checkAnnotation(draft.text, candidate(article.id, span, id, author, linked !== undefined && linked !== id ? { ...rest, claimantId: linked } : rest), refs);
    if (!checked.ok) {
      problems.push(`${where(name)}: ${checked.reason.replace(/^annotation \S+: /, '')}; left out`);
      continue;
    }
    insertAnnotation(db, checked.value);
    stored.push({ span, id, name });
  }
  events.store(article.id, stored, idOf, (name, message) => problems.push(`${where(name)}: ${message}`));
  return article;
}

function candidate(articleId: string, span: SpanDraft, id: string, author: string, attrs: AnyAttrs): AnnotationCandidate {
  return { id, articleId, label: span.label, start: span.start, end: span.end, status: 'ok', note: span.note ?? '', attrs, author, conflictOf: null };
}

/** The file's status and message once its parse has ended. */
function finish(state: FileState, end: ParseEnd): void {
  const { outcome } = state;
  if (!end.ok) {
    // Drafts written before a parse failed midway stay; the file is then partly imported.
    outcome.status = outcome.articleIds.length > 0 ? 'partial' : 'failed';
    outcome.message = end.reason;
    return;
  }
  const problems = [...end.problems, ...state.problems];
  const notes: string[] = problems.slice(0, MAX_NOTES * 2);
  if (problems.length > MAX_NOTES * 2) notes.push(`and ${problems.length - MAX_NOTES * 2} more problems`);
  const single = end.drafts === 1;
  const where = (origins: string[]) => {
    const named = origins.filter(Boolean);
    return named.length ? ` (${named.slice(0, 10).join(', ')}${named.length > 10 ? ', …' : ''})` : '';
  };
  if (state.inLibrary.length > 0) {
    notes.push(single && !where(state.inLibrary) ? 'same text as an article already in the library' : `${plural(state.inLibrary.length, 'article')} already in the library${where(state.inLibrary)}`);
  }
  if (state.earlier.length > 0) {
    const firstFile = state.earlier[0]?.file ?? '';
    notes.push(
      single && !state.earlier[0]?.origin
        ? `same text as ${firstFile}, earlier in this import`
        : `${plural(state.earlier.length, 'article')} with the same text as one earlier in this import${where(state.earlier.map((e) => e.origin))}, first in ${firstFile}`,
    );
  }
  if (end.drafts === 0 && problems.length === 0) notes.push('no articles in file');
  notes.push(...end.warnings.slice(0, MAX_NOTES));
  if (end.warnings.length > MAX_NOTES) notes.push(`and ${end.warnings.length - MAX_NOTES} more notes`);
  outcome.message = notes.length ? notes.join('; ') : null;
  const duplicates = state.inLibrary.length + state.earlier.length;
  if (outcome.articleIds.length > 0) outcome.status = problems.length ? 'partial' : 'imported';
  else outcome.status = problems.length || duplicates === 0 ? 'failed' : 'duplicate';
}
