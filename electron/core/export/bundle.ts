import { z } from 'zod';
import { AnnotationStatus, AnyAttrs, Id, Label } from '../../../shared/model';
import type { ExportItem } from '../store/export';
import { jsonLine } from './line-breaks';
import { OriginalRecord } from '../../../shared/ipc/provenance';
import { originalRecord } from './provenance';
import { codePointText, exportLabel, orderedAttrs } from './spans';
import type { StreamWriter } from './types';
import { BUNDLE_EVENT_FIELDS, bundleEventFields } from './bundle-events';
import { BUNDLE_ENTITY_FIELDS, bundleEntityFields } from './bundle-entities';
import type { StoredEntity } from '../store/entities';
import { BUNDLE_FIGURE_FIELDS, bundleFigureFields } from './bundle-figures';

export const BUNDLE_FORMAT = 'spanwise-bundle';
export const BUNDLE_VERSION = 1;

/*
 * A bundle is gzip-compressed UTF-8 JSON lines:
 *   1. header   {"format":"spanwise-bundle","version":1,"exported_at":ISO,"offset_unit":"codepoint"}
 *   2. articles {"type":"article", ...every article column..., "annotations":[...every annotation column...],
 *               "roles":[{event_id, role, span_id, position}], "incidents":[{event_id, incident_id, title, note, ...}],
 *               "resolutions":[{scope, incident_id?, counts, unit, decision, value, min, max, note, span_ids, ...}]}
 *      (roles, incidents and resolutions optional, written when the article has any: bundle-events.ts,
 *      bundle-figures.ts; "entities":[...] optional, the registry entries its annotations link to:
 *      bundle-entities.ts)
 *   3. trailer  {"type":"end","articles":N,"annotations":M}
 * The trailer lets a reader tell a complete bundle from one cut short in transfer even before
 * gzip's own check fails. Each annotation carries its `history` (past content revisions, see
 * store/revisions.ts) and `aliases` (ids it also answers to), which make the next merge
 * three-way in effect; the current revision is not written, the reader computes it. Offsets are code points like every other export; the reader converts
 * them back against the text carried on the same line.
 */

export const BundleHeader = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.number().int().positive(),
  exported_at: z.string(),
  offset_unit: z.literal('codepoint'),
});
export type BundleHeader = z.infer<typeof BundleHeader>;

const nullableText = z.string().nullable();

export const BundleAnnotation = z.object({
  id: Id,
  label: z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(Label),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  quote: z.string(),
  note: z.string(),
  attrs: AnyAttrs,
  author: z.string(),
  status: AnnotationStatus,
  created_at: z.string(),
  updated_at: z.string(),
  conflict_of: Id.nullable(),
  // Added after the first bundles, as optional fields, so those still read (with no history)
  // and older versions of Spanwise can still read these (ignoring it).
  history: z.array(z.string().regex(/^[0-9a-f]{32}$/)).max(10_000).default([]),
  aliases: z.array(Id).max(1_000).default([]),
});
export type BundleAnnotation = z.infer<typeof BundleAnnotation>;

export const BundleArticle = z.object({
  type: z.literal('article'),
  id: Id,
  title: z.string(),
  source: nullableText,
  url: nullableText,
  author: nullableText,
  published_at: nullableText,
  language: nullableText,
  // Every way into the library refuses an article with nothing to read (import: "no text in file").
  text: z.string().refine((t) => /\S/u.test(t), 'the article has no text'),
  original_text: nullableText,
  // Written for other readers; a merge computes the hashes from the texts themselves.
  text_hash: z.string().optional(),
  imported_at: z.string(),
  updated_at: z.string(),
  // Where the article came from (its original file's sha256, name, importer); optional like history.
  original: OriginalRecord.optional(),
  annotations: z.array(BundleAnnotation),
  ...BUNDLE_EVENT_FIELDS,
  ...BUNDLE_ENTITY_FIELDS,
  ...BUNDLE_FIGURE_FIELDS,
});
export type BundleArticle = z.infer<typeof BundleArticle>;

export const BundleEnd = z.object({
  type: z.literal('end'),
  articles: z.number().int().nonnegative(),
  annotations: z.number().int().nonnegative(),
});

/** `registry` gives the entities a link names (export/bundle-entities.ts); without it no line carries entities. */
export function bundleWriter(exportedAt: string = new Date().toISOString(), registry: ((id: string) => StoredEntity[]) | null = null): StreamWriter {
  return {
    kind: 'stream',
    includeOrphaned: true,
    includeConflictCopies: true,
    includeHistory: true,
    gzip: true,
    begin: () => `${jsonLine({ format: BUNDLE_FORMAT, version: BUNDLE_VERSION, exported_at: exportedAt, offset_unit: 'codepoint' })}\n`,
    item: (item) => ({ chunk: `${jsonLine(bundleArticle(item, registry))}\n`, spans: item.annotations.length }),
    end: (totals) => `${jsonLine({ type: 'end', articles: totals.articles, annotations: totals.spans })}\n`,
  };
}

function bundleArticle(item: ExportItem, registry: ((id: string) => StoredEntity[]) | null): z.input<typeof BundleArticle> {
  const { article, textHash, annotations, provenance } = item;
  const cp = codePointText(article.text);
  return {
    type: 'article',
    id: article.id,
    title: article.title,
    source: article.source,
    url: article.url,
    author: article.author,
    published_at: article.publishedAt,
    language: article.language,
    text: article.text,
    original_text: article.originalText,
    text_hash: textHash,
    imported_at: article.importedAt,
    updated_at: article.updatedAt,
    original: originalRecord(provenance) ?? undefined,
    annotations: annotations.map((a) => ({
      id: a.id,
      label: exportLabel(a.label),
      start: cp.toCodePoint(a.start),
      end: cp.toCodePoint(a.end),
      quote: a.quote,
      note: a.note,
      attrs: Object.fromEntries(orderedAttrs(a.label, a.attrs)),
      author: a.author,
      status: a.status,
      created_at: a.createdAt,
      updated_at: a.updatedAt,
      conflict_of: a.conflictOf,
      history: a.history ?? [],
      aliases: a.aliases ?? [],
    })),
    ...bundleEventFields(item),
    ...bundleEntityFields(item, registry),
    ...bundleFigureFields(item),
  };
}
