import { z } from 'zod';
import { Annotation, AnnotationStatus, AnyAttrs, Article, ArticleMeta, ArticleSummary, Id, Label } from '../model';
import type { Channel } from './channels';
import { eventsContract } from './events';
import { entitiesContract, EntityOffer, SuggestStart, SuggestSummary } from './entities';
import { libraryLockContract, searchIndexContract } from './library';
import { provenanceContract } from './provenance';
import { figuresContract } from './figures';
import { timelineContract } from './timeline';
import { networkContract } from './network';

/** 'relevance' (bm25) applies to searches; without a query it falls back to 'imported'. */
/**
 * Rows the library asks for at a time. A page of search hits costs one snippet per row (FTS5
 * re-reads and re-tokenises each article), so a page stays near a few screens' worth.
 */
export const LIBRARY_PAGE_SIZE = 50;

/**
 * Rows a search asks for at a time: about the rows a screen shows (64 px each), so the first
 * answer cuts only the snippets on screen and each later page cuts its own as it scrolls in.
 */
export const SEARCH_PAGE_SIZE = 20;

/**
 * A search counts its hits only up to this many: counting every hit of a common word reads its
 * whole index list. Past it the total is given as capped (shown "1,000+") and the list holds the
 * first SEARCH_CAP hits.
 */
export const SEARCH_CAP = 1000;

export const SortKey = z.enum(['relevance', 'imported', 'published', 'title', 'annotations']);
export type SortKey = z.infer<typeof SortKey>;

export const ListInput = z
  .object({
    query: z.string().max(1000).optional(),
    sort: SortKey.default('imported'),
    descending: z.boolean().default(true),
    source: z.string().max(2000).optional(),
    label: Label.optional(),
    unannotated: z.boolean().optional(),
    publishedFrom: z.string().max(64).optional(),
    publishedTo: z.string().max(64).optional(),
    limit: z.number().int().min(1).max(1000).default(200),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type ListInput = z.input<typeof ListInput>;

export const ListItem = ArticleSummary.extend({
  /** Search snippet with the hits wrapped in U+E000 ... U+E001 (never HTML). */
  snippet: z.string().nullable(),
});
export type ListItem = z.infer<typeof ListItem>;

export const FileOutcome = z.object({
  file: z.string(),
  /**
   * 'partial': the file imported, but some of its records (lines, articles, spans) failed, or the
   * import was cancelled part-way through it; `message` says which. 'skipped': not an article file
   * (a PDF, a hidden file, brat's configuration), which is not a failure. 'cancelled': not imported
   * because the import was cancelled before this file was reached.
   */
  status: z.enum(['imported', 'partial', 'duplicate', 'failed', 'skipped', 'cancelled']),
  articleIds: z.array(z.string()),
  message: z.string().nullable(),
  /** A bundle's entities named like entities here, offered as merges (the Import report lists them). */
  entityOffers: z.array(EntityOffer).optional(),
});
export type FileOutcome = z.infer<typeof FileOutcome>;

export const ImportReport = z.object({
  outcomes: z.array(FileOutcome),
  imported: z.number(),
  partial: z.number(),
  duplicates: z.number(),
  failed: z.number(),
  skipped: z.number(),
  /** Files not imported because of a cancel (status 'cancelled'). */
  cancelledFiles: z.number(),
  cancelled: z.boolean(),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const Stats = z.object({
  articles: z.number(),
  annotations: z.number(),
  byLabel: z.object({ event: z.number(), claim: z.number(), actor: z.number(), figure: z.number() }),
  unannotated: z.number(),
  /** The sources articles came from, most articles first (at most 500): the library's source filter. */
  sources: z.array(z.object({ source: z.string(), articles: z.number() })),
});
export type Stats = z.infer<typeof Stats>;

const byId = z.object({ id: Id }).strict();

/** conflictsLeftOut: unresolved merge conflict copies a dataset format did not write (the bundle keeps them). */
// notes: what the format changed or left out that the file's reader should know (spreadsheet-safe cells, URLs that are not IRIs).
export const ExportSummary = z.object({ articles: z.number(), spans: z.number(), conflictsLeftOut: z.number(), bytes: z.number(), out: z.string(), notes: z.array(z.string()) });
export type ExportSummary = z.infer<typeof ExportSummary>;

export const BackupSummary = z.object({ file: z.string(), schemaVersion: z.number(), articles: z.number(), annotations: z.number() });
export type BackupSummary = z.infer<typeof BackupSummary>;

/** A background task (import, export, library-wide suggestions) the renderer polls for progress and can cancel. */
/**
 * An import waiting for an encrypted bundle's passphrase (`import/passphrase` answers it). `attempt`
 * counts the askings for this bundle; from the second on, `reason` says why the last was refused.
 */
export const PassphraseRequest = z.object({ file: z.string(), attempt: z.number().int().positive(), reason: z.string().nullable() });
export type PassphraseRequest = z.infer<typeof PassphraseRequest>;

export const Job = z.object({
  id: z.string(),
  kind: z.enum(['import', 'export', 'suggest']),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  done: z.number(),
  total: z.number(),
  report: ImportReport.nullable(),
  exported: ExportSummary.nullable(),
  /** A finished 'suggest' job's result (shared/ipc/entities.ts). */
  suggested: SuggestSummary.nullable(),
  error: z.string().nullable(),
  passphrase: PassphraseRequest.nullable().optional(),
});
export type Job = z.infer<typeof Job>;

export const EXPORT_FORMATS = ['jsonl', 'csv', 'brat', 'w3c', 'bundle', 'acled', 'plover', 'refi'] as const;
export const ExportFormat = z.enum(EXPORT_FORMATS);
/** File name endings the save dialog suggests; brat writes a folder. */
export const EXPORT_EXTENSIONS = { jsonl: '.jsonl', csv: '.csv', brat: '', w3c: '.jsonld', bundle: '.spanwise', acled: '.csv', plover: '.jsonl', refi: '.qdpx' } as const;
export type ExportFormat = z.infer<typeof ExportFormat>;

/** What to export: everything, what a library filter matches, or chosen articles. */
export const ExportScope = z.union([
  z
    .object({
      query: z.string().max(1000).optional(),
      source: z.string().max(2000).optional(),
      label: Label.optional(),
      unannotated: z.boolean().optional(),
      publishedFrom: z.string().max(64).optional(),
      publishedTo: z.string().max(64).optional(),
    })
    .strict(),
  z.object({ ids: z.array(Id).min(1).max(1_000_000) }).strict(),
]);
export type ExportScope = z.infer<typeof ExportScope>;

export const ExportRequest = z
  .object({ format: ExportFormat, scope: ExportScope.optional(), labels: z.array(Label).min(1).max(4).optional(), spreadsheetSafe: z.boolean().optional() })
  .strict();
export type ExportRequest = z.infer<typeof ExportRequest>;

const NewSpan = z
  .object({
    /** Chosen by the renderer so it can draw the highlight before the store answers; refused if taken. */
    id: Id.optional(),
    label: Label,
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    note: z.string().max(100_000).optional(),
    attrs: AnyAttrs.optional(),
  })
  .strict();

const FileName = z.string().min(1).max(1000);

/** A dropped file's bytes as base64 can be this long at most: the single-file limit, 50 MB. */
const MAX_BASE64 = Math.ceil((50 * 1024 * 1024) / 3) * 4;

/** Too large to send, said with the file's name, which a plain length limit would not give; `size` says a value's length in the limit's unit. */
function sizeCheck(keys: readonly string[], max: number, what: string, size: (length: number) => string, limit: string) {
  return (item: Record<string, string | undefined>, ctx: z.RefinementCtx) => {
    for (const key of keys) {
      const value = item[key];
      if (value !== undefined && value.length > max) {
        ctx.addIssue({ code: 'custom', path: [key], message: `"${item.name}" is too large to send (${size(value.length)}); ${what} may be at most ${limit}` });
      }
    }
  };
}

/** Pasted text is limited in characters; a dropped file's base64 in the bytes it stands for. */
const characters = (length: number) => `${length.toLocaleString('en')} characters`;
const decodedMb = (length: number) => `${((length * 3) / 4 / 1048576).toFixed(1)} MB`;

/** One input from the renderer: pasted content, or a dropped file's bytes (with its brat .ann, when it has one). */
export const ImportItem = z.union([
  z.object({ name: FileName, content: z.string() }).strict().superRefine(sizeCheck(['content'], 50_000_000, 'pasted text', characters, characters(50_000_000))),
  /** Dropped files travel as bytes so the importer can detect legacy encodings itself. */
  z
    .object({ name: FileName, base64: z.base64(), annBase64: z.base64().optional() })
    .strict()
    .superRefine(sizeCheck(['base64', 'annBase64'], MAX_BASE64, 'a dropped file', decodedMb, '50 MB')),
]);
export type ImportItem = z.infer<typeof ImportItem>;

/** A dropped file the renderer did not send, and why: listed in the report like any other file. */
export const SetAside = z.object({ file: FileName, status: z.enum(['skipped', 'failed']), message: z.string().max(2000) }).strict();
export type SetAside = z.infer<typeof SetAside>;

/** Every call between renderer and main, declared once: input and output schema per channel. */
export const contract = {
  /** `capped`: the search matched more than SEARCH_CAP articles and `total` is SEARCH_CAP. */
  'articles/list': { input: ListInput, output: z.object({ total: z.number(), capped: z.boolean(), items: z.array(ListItem) }) },
  'articles/get': { input: byId, output: z.object({ article: Article, annotations: z.array(Annotation) }) },
  'articles/updateMeta': {
    input: z.object({ id: Id, meta: ArticleMeta.partial().strict() }).strict(),
    output: Article,
  },
  'articles/delete': {
    input: z.object({ ids: z.array(Id).min(1).max(100_000) }).strict(),
    output: z.object({ articles: z.number(), annotations: z.number(), token: z.string() }),
  },
  /**
   * Undoes a delete. An article whose text was imported again meanwhile is not restored twice:
   * its annotations go onto that copy, and `merged` counts such articles.
   */
  'articles/restore': {
    input: z.object({ token: z.string().max(64) }).strict(),
    output: z.object({ articles: z.number(), merged: z.number(), annotations: z.number() }),
  },
  /** Asks for files, or (folder: true) for folders whose articles are imported whole. */
  'import/dialog': { input: z.object({ folder: z.boolean().default(false) }).strict(), output: z.object({ job: Job.nullable() }) },
  /** Pasted content, or a few dropped files at once. */
  'import/texts': { input: z.object({ items: z.array(ImportItem).min(1).max(10_000) }).strict(), output: Job },
  /**
   * A drop of any size, sent in parts: `import/begin` starts the job, saying how many files will
   * follow and what the renderer already set aside (skipped, too large); `import/add` brings the
   * files part by part, each part a bounded number of bytes, the last one saying so.
   */
  'import/begin': {
    input: z.object({ expected: z.number().int().min(0).max(1_000_000), outcomes: z.array(SetAside).max(1_000_000) }).strict(),
    output: Job,
  },
  'import/add': {
    input: z
      .object({
        id: z.string().max(64),
        items: z.array(ImportItem).max(10_000),
        /** Files of this part that could not be read after all. */
        outcomes: z.array(SetAside).max(10_000).optional(),
        last: z.boolean(),
      })
      .strict(),
    output: Job,
  },
  /** The passphrase of the encrypted bundle an import job waits on (Job.passphrase), or null to leave that bundle out. */
  'import/passphrase': {
    input: z.object({ id: z.string().max(64), passphrase: z.string().min(1).max(1024).nullable() }).strict(),
    output: Job,
  },
  'export/dialog': { input: ExportRequest, output: z.object({ job: Job.nullable() }) },
  'jobs/get': { input: byId, output: Job },
  'jobs/cancel': { input: byId, output: Job },
  'annotations/create': { input: NewSpan.extend({ articleId: Id }).strict(), output: Annotation },
  'annotations/update': {
    input: z
      .object({
        id: Id,
        label: Label.optional(),
        note: z.string().max(100_000).optional(),
        attrs: AnyAttrs.optional(),
        /**
         * Moves the annotation: status 'ok' (the default) puts it on [start, end) of the text, which
         * is how an orphaned annotation is re-attached; 'orphaned' with its quote puts an orphan back
         * exactly, which is how that is undone.
         */
        span: z
          .object({
            start: z.number().int().nonnegative(),
            end: z.number().int().nonnegative(),
            status: AnnotationStatus.optional(),
            quote: z.string().max(50_000_000).optional(),
          })
          .strict()
          .optional(),
      })
      .strict(),
    output: Annotation,
  },
  /** Several spans in one transaction: "tag all occurrences" is one step to save and to undo. */
  'annotations/createMany': {
    input: z.object({ articleId: Id, items: z.array(NewSpan).min(1).max(10_000) }).strict(),
    output: z.array(Annotation),
  },
  'annotations/search': {
    input: z.object({ query: z.string().min(1).max(1000), label: Label.optional(), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    output: z.object({ total: z.number(), hits: z.array(z.object({ annotation: Annotation, articleTitle: z.string(), snippet: z.string() })) }),
  },
  'annotations/delete': { input: z.object({ ids: z.array(Id).min(1).max(10_000) }).strict(), output: z.array(Annotation) },
  /** Puts back annotations exactly as they were (same ids and timestamps): how undo reverses a delete. */
  'annotations/restore': { input: z.object({ annotations: z.array(Annotation).min(1).max(10_000) }).strict(), output: z.array(Annotation) },
  /**
   * Replaces an article's text with the analyst's correction. Annotations move with their text
   * (or take the given positions, which is how undo puts them back exactly).
   */
  'articles/correctText': {
    input: z
      .object({
        id: Id,
        text: z.string().min(1).max(50_000_000),
        positions: z
          .array(z.object({ id: Id, start: z.number().int().nonnegative(), end: z.number().int().nonnegative(), status: AnnotationStatus }).strict())
          .max(100_000)
          .optional(),
      })
      .strict(),
    output: z.object({ article: Article, annotations: z.array(Annotation) }),
  },
  'library/stats': { input: z.object({}).strict(), output: Stats },
  /** Asks where to write, then makes an online copy of the library (null: the analyst cancelled). */
  'library/backup': { input: z.object({}).strict(), output: z.object({ backup: BackupSummary.nullable() }) },
  /**
   * Asks for a backup and verifies it; a good one replaces the library when the app next starts
   * (the app restarts at once), keeping the replaced library beside it. A bad one is refused.
   */
  'library/restore': { input: z.object({}).strict(), output: z.object({ restore: BackupSummary.nullable() }) },
  // events as records (shared/ipc/events.ts)
  ...eventsContract,
  // The actor and place registry (shared/ipc/entities.ts).
  ...entitiesContract,
  /**
   * Library-wide suggestions as a background job: progress counts articles, `jobs/cancel` stops
   * it (with `accept`, what was accepted before the cancel stays, and its token undoes it). The
   * finished job's `suggested` holds the summary.
   */
  'suggestions/start': { input: SuggestStart, output: Job },
  // Provenance (shared/ipc/provenance.ts).
  ...provenanceContract,
  // Figures that disagree (shared/ipc/figures.ts).
  ...figuresContract,
  // Unlocking an encrypted library (shared/ipc/library.ts).
  ...libraryLockContract,
  ...searchIndexContract,
  // The Timeline and the actor Network (shared/ipc/timeline.ts, shared/ipc/network.ts).
  ...timelineContract,
  ...networkContract,
} as const satisfies Record<Channel, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type OutputOf<C extends Channel> = z.output<Contract[C]['output']>;
