import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { Channel } from '../../../shared/ipc/channels';
import type { ExportFormat, ExportRequest, OutputOf, ParsedInputOf } from '../../../shared/ipc/contract';
import { parseAttrs, type Annotation, type AnyAttrs } from '../../../shared/model';
import { splitsSurrogatePair, trimSpan } from '../../../shared/text';
import { getArticle, libraryStats, requireArticle, updateArticleMeta } from '../store/articles';
import { listArticles } from '../store/list';
import {
  deleteAnnotation,
  findSameSpan,
  getAnnotation,
  insertAnnotation,
  listAnnotations,
  requireAnnotation,
  searchAnnotations,
  updateAnnotation,
} from '../store/annotations';
import { backupStore, stageRestore, type FileOptions } from '../store/backup';
import { purgeLogSoon, StoreError, type Db } from '../store/db';
import { checkAnnotation, claimantRetagProblem, storeReferences, withBatch, type AnnotationCandidate, type References } from './annotation-invariants';
import { correctText } from './correct';
import { HandlerError } from './errors';
import { exportCorpus, exportOptionsProblem } from '../export';
import { createImportJobs } from './import-jobs';
import { checkedLinks } from './entities';
import { createEntityHandlers } from './entity-handlers';
import { createProvenanceHandlers } from './provenance-handlers';
import { createPictureHandlers } from './picture-handlers';
import { createJobs } from './jobs';
import { createSearchIndex } from './search-index';
import { createTrash } from './trash';
import { checkEventType, eventHandlers } from './events';
import { figureHandlers, rememberFigureEdit } from './figures';

export type Handlers = { [C in Channel]: (input: ParsedInputOf<C>) => OutputOf<C> | Promise<OutputOf<C>> };

/** What differs between the app and the test host: how files are picked and who the user is. */
export interface Platform {
  /** Files to import, or folders when `folder` is set; empty when the user cancels. */
  pickImportFiles(options: { folder: boolean }): Promise<string[]>;
  /** A file (a folder for brat) to export to, or null when the user cancels. */
  pickExportTarget(format: ExportFormat): Promise<string | null>;
  /** Where to write a backup, or null. */
  pickBackupTarget(): Promise<string | null>;
  /** A backup to restore from, or null. */
  pickBackupSource(): Promise<string | null>;
  /** Called once a restore is staged: the app restarts so the restore is applied before the library opens. */
  restoreStaged(): void;
  /** Where to save an article's original file (its imported name proposed), or null. */
  pickOriginalTarget(fileName: string): Promise<string | null>;
  author: string;
}

export function createHandlers(db: Db, platform: Platform, options: FileOptions = {}): Handlers {
  const trash = createTrash(db);
  // Deleted text (articles, and annotations whose notes can name sources) must leave the -wal too.
  const purgedAfter = <T>(result: T): T => {
    purgeLogSoon(db);
    return result;
  };

  const jobs = createJobs();
  // An upgrade may leave the search index to be rebuilt: it goes on in the background from here.
  const searchIndex = createSearchIndex(db, { onError: (err) => console.error('the search index rebuild stopped', err) });

  const imports = createImportJobs(db, jobs, platform.author);
  const startImport = imports.fromPaths;

  const startExport = (request: ExportRequest, out: string) =>
    jobs.start('export', async ({ signal, progress }) => ({
      exported: await exportCorpus(
        db,
        { format: request.format, out, ...(request.scope ? { scope: request.scope } : {}), ...(request.labels ? { labels: request.labels } : {}), ...(request.spreadsheetSafe ? { spreadsheetSafe: true } : {}) },
        { signal, onProgress: progress },
      ),
    }));

  const requireJob = (id: string) => {
    const job = jobs.get(id);
    if (!job) throw new HandlerError('not_found', `no job with id ${id}`);
    return job;
  };

  const createSpans = (articleId: string, items: ParsedInputOf<'annotations/createMany'>['items']) => {
    const article = getArticle(db, articleId);
    if (!article) throw new HandlerError('not_found', `no article with id ${articleId}`);
    const checked = items.map((item, i) => {
      const span = checkedSpan(article.text, item.start, item.end);
      const parsed = parseAttrs(item.label, item.attrs);
      if (!parsed.ok) throw new HandlerError('invalid_input', `item ${i + 1}: attributes for ${item.label}: ${parsed.message}`);
      checkClaimant(db, articleId, item.id ?? null, parsed.attrs, {});
      checkEventType(db, item.label, parsed.attrs, `item ${i + 1}: `);
      return { ...item, ...span, attrs: checkedLinks(db, item.label, parsed.attrs) };
    });
    const ids = checked.flatMap((item) => (item.id ? [item.id] : []));
    if (new Set(ids).size !== ids.length) throw new HandlerError('invalid_input', 'two items ask for the same id');
    const spans = new Set<string>();
    checked.forEach((item, i) => {
      const key = `${item.label} ${item.start} ${item.end}`;
      if (spans.has(key)) throw new HandlerError('invalid_input', `item ${i + 1}: another item tags the same span (${item.start}-${item.end}) as ${item.label}`);
      spans.add(key);
    });
    return db.transaction(() => {
      const refs = withBatch(storeReferences(db));
      return checked.map((item) => {
        if (item.id && getAnnotation(db, item.id)) throw new HandlerError('conflict', `annotation ${item.id} already exists`);
        // Tagging the same span with the same label twice adds nothing but a row to tell apart.
        const same = findSameSpan(db, articleId, item.label, item.start, item.end);
        if (same) {
          throw new HandlerError(
            'conflict',
            `${item.start}-${item.end} is already tagged as ${item.label} by annotation ${same.id} ("${same.quote.length > 60 ? `${same.quote.slice(0, 60)}…` : same.quote}")`,
          );
        }
        const annotation = valid(article.text, {
          id: item.id ?? randomUUID(),
          articleId,
          label: item.label,
          start: item.start,
          end: item.end,
          status: 'ok',
          note: item.note ?? '',
          attrs: item.attrs,
          author: platform.author,
          conflictOf: null,
        }, refs);
        refs.add(annotation.id, articleId, annotation.label);
        const retag = claimantRetagProblem(db, annotation);
        if (retag) throw new HandlerError('invalid_input', retag);
        return insertAnnotation(db, annotation);
      });
    })();
  };

  return {
    // The actor and place registry.
    ...createEntityHandlers(db, jobs, platform.author),
    // Provenance: where an article came from, and its original file.
    ...createProvenanceHandlers(db, (name) => platform.pickOriginalTarget(name)),
    // Figures that disagree, their resolutions, the analyst's vocabulary.
    ...figureHandlers(db, platform.author),
    ...createPictureHandlers(db),

    'articles/list': (input) => listArticles(db, input),

    'articles/get': ({ id }) => {
      const article = getArticle(db, id);
      if (!article) throw new HandlerError('not_found', `no article with id ${id}`);
      return { article, annotations: listAnnotations(db, id) };
    },

    'articles/updateMeta': ({ id, meta }) => updateArticleMeta(db, id, meta),

    'articles/delete': ({ ids }) => purgedAfter(trash.remove(ids)),

    'articles/restore': ({ token }) => trash.restore(token),

    'import/dialog': async ({ folder }) => {
      const paths = await platform.pickImportFiles({ folder });
      return { job: paths.length === 0 ? null : startImport(paths) };
    },

    'import/texts': ({ items }) => imports.fromItems(items),

    'import/begin': ({ expected, outcomes }) => imports.begin(expected, outcomes),

    'import/add': ({ id, items, outcomes, last }) => imports.add(id, items, outcomes ?? [], last),

    'import/passphrase': ({ id, passphrase }) => imports.answerPassphrase(id, passphrase),

    'export/dialog': async (request) => {
      // Refused at the call, with the reason, rather than by a job after the analyst chose a file.
      const problem = exportOptionsProblem(request);
      if (problem) throw new HandlerError('invalid_input', problem);
      const out = await platform.pickExportTarget(request.format);
      return { job: out ? startExport(request, out) : null };
    },

    'jobs/get': ({ id }) => requireJob(id),

    'jobs/cancel': ({ id }) => {
      requireJob(id);
      return jobs.cancel(id) ?? requireJob(id);
    },

    'articles/correctText': ({ id, text, positions }) => correctText(db, id, text, positions),

    'annotations/create': ({ articleId, ...item }) => createSpans(articleId, [item])[0] as Annotation,

    'annotations/createMany': ({ articleId, items }) => createSpans(articleId, items),

    'annotations/update': ({ id, label, note, attrs, span }) =>
      db.transaction(() => {
        const current = requireAnnotation(db, id);
        const nextLabel = label ?? current.label;
        // A retag keeps the attributes that still apply to the new label and drops the rest.
        const parsed = parseAttrs(nextLabel, attrs ?? current.attrs);
        if (!parsed.ok) throw new HandlerError('invalid_input', `attributes for ${nextLabel}: ${parsed.message}`);
        checkClaimant(db, current.articleId, id, parsed.attrs, current.attrs);
        if (parsed.attrs.type !== current.attrs.type || parsed.attrs.subType !== current.attrs.subType) checkEventType(db, nextLabel, parsed.attrs);
        const text = requireArticle(db, current.articleId).text;
        const placed = span ? placeSpan(text, span) : {};
        const linked = checkedLinks(db, nextLabel, parsed.attrs, current.attrs);
        const next = valid(text, { ...current, label: nextLabel, note: note ?? current.note, attrs: linked, ...placed }, storeReferences(db));
        const retag = nextLabel === current.label ? null : claimantRetagProblem(db, next);
        if (retag) throw new HandlerError('invalid_input', retag);
        const updated = updateAnnotation(db, id, { label: next.label, note: next.note, attrs: next.attrs, start: next.start, end: next.end, quote: next.quote, status: next.status });
        rememberFigureEdit(db, current, updated);
        return updated;
      })(),

    'annotations/delete': ({ ids }) => purgedAfter(db.transaction(() => ids.map((id) => deleteAnnotation(db, id)))()),

    'annotations/restore': ({ annotations }) =>
      db.transaction(() => {
        const refs = withBatch(storeReferences(db));
        const ids = new Set(annotations.map((a) => a.id));
        if (ids.size !== annotations.length) throw new HandlerError('invalid_input', 'two annotations to restore have the same id');
        // Originals before their conflict copies, so a copy's link finds its target; every id of
        // the batch counts as written for the claimant links (a claim may come before its actor).
        const ordered = [...annotations].sort((a, b) => Number(a.conflictOf !== null) - Number(b.conflictOf !== null));
        const texts = new Map<string, string>();
        const textOf = (articleId: string) => {
          const text = texts.get(articleId) ?? requireArticle(db, articleId).text;
          texts.set(articleId, text);
          return text;
        };
        const inBatch = new Map(annotations.map((a) => [a.id, a.articleId]));
        const labels = new Map(annotations.map((a) => [a.id, a.label]));
        const batchRefs: References = {
          liveArticleOf: (id) => refs.liveArticleOf(id) ?? inBatch.get(id) ?? null,
          formerArticleOf: refs.formerArticleOf,
          liveLabelOf: (id) => refs.liveLabelOf?.(id) ?? labels.get(id) ?? null,
        };
        return ordered.map((annotation) => {
          const text = textOf(annotation.articleId);
          if (getAnnotation(db, annotation.id)) throw new HandlerError('conflict', `annotation ${annotation.id} already exists`);
          // The original of a conflict copy resolved (deleted) meanwhile: the copy is an annotation of its own now.
          if (annotation.conflictOf && !batchRefs.liveArticleOf(annotation.conflictOf)) annotation = { ...annotation, conflictOf: null };
          const checked = valid(text, annotation, batchRefs);
          refs.add(checked.id, checked.articleId, checked.label);
          const retag = claimantRetagProblem(db, checked);
          if (retag) throw new HandlerError('invalid_input', retag);
          return insertAnnotation(db, checked);
        });
      })(),

    'annotations/search': (input) => searchAnnotations(db, input),

    'library/stats': () => libraryStats(db),

    // Answered here once the library is open; while an encrypted one is locked, library-gate.ts answers them.
    'library/lockState': () => ({ locked: false, library: basename(db.name), canRemember: false }),
    'library/unlock': () => ({ unlocked: true, reason: null }),

    'library/searchIndex': () => searchIndex.status(),
    'library/pauseSearchIndex': ({ paused }) => searchIndex.pause(paused),

    'library/backup': async () => {
      const file = await platform.pickBackupTarget();
      if (!file) return { backup: null };
      return { backup: { file, ...(await backupStore(db, file, undefined, options)) } };
    },

    'library/restore': async () => {
      const file = await platform.pickBackupSource();
      if (!file) return { restore: null };
      if (!db.name) throw new Error('the library has no file to restore into');
      const counts = await stageRestore(file, db.name, options).catch((err: unknown) => {
        throw err instanceof StoreError ? new StoreError(err.code, `cannot restore from ${file}: ${err.message}`) : err;
      });
      platform.restoreStaged();
      return { restore: { file, ...counts } };
    },

    ...eventHandlers(db),
  };
}

/**
 * A claim's linked claimant must be an actor annotation of the same article. Checked only when the
 * link is set or changed: a link kept while its actor was since deleted or retagged is shown as
 * broken to the analyst, and undo must be able to put such a link back as it was.
 */
/** An annotation that keeps the library's invariants (annotation-invariants.ts), or the call is refused with the reason. */
function valid<T extends AnnotationCandidate>(text: string, a: T, refs: References): T & { quote: string } {
  const checked = checkAnnotation(text, a, refs);
  if (!checked.ok) throw new HandlerError('invalid_input', checked.reason);
  return checked.value;
}

function checkClaimant(db: Db, articleId: string, selfId: string | null, attrs: AnyAttrs, previous: AnyAttrs): void {
  const target = attrs.claimantId;
  if (typeof target !== 'string' || target === previous.claimantId) return;
  const actor = target === selfId ? null : getAnnotation(db, target);
  if (!actor || actor.articleId !== articleId || actor.label !== 'actor') {
    throw new HandlerError('invalid_input', `claimant ${target} is not an actor annotation in this article`);
  }
}

type SpanInput = NonNullable<ParsedInputOf<'annotations/update'>['span']>;

/** Where an annotation is moved to: onto text (quote read from it), or back to an orphan's place. */
function placeSpan(text: string, span: SpanInput): { start: number; end: number; quote: string; status: 'ok' | 'orphaned' } {
  if (span.status === 'orphaned') {
    if (span.quote === undefined) throw new HandlerError('invalid_input', 'an orphaned annotation keeps its quote: give it');
    if (span.start > span.end || span.end > text.length || splitsSurrogatePair(text, span.start) || splitsSurrogatePair(text, span.end)) {
      throw new HandlerError('invalid_input', `position ${span.start}-${span.end} does not fit the text`);
    }
    return { start: span.start, end: span.end, quote: span.quote, status: 'orphaned' };
  }
  const checked = checkedSpan(text, span.start, span.end);
  return { ...checked, quote: text.slice(checked.start, checked.end), status: 'ok' };
}

export function checkedSpan(text: string, start: number, end: number): { start: number; end: number } {
  if (end > text.length || start >= end) {
    throw new HandlerError('invalid_input', `span ${start}-${end} is empty or outside the text (length ${text.length})`);
  }
  if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) {
    throw new HandlerError('invalid_input', `span ${start}-${end} splits a character`);
  }
  const trimmed = trimSpan(text, start, end);
  if (!trimmed) throw new HandlerError('invalid_input', 'span holds only whitespace');
  return trimmed;
}

export { HandlerError, StoreError };
