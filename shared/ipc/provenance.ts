import { z } from 'zod';
import { Id } from '../model';

/**
 * The `original` record as JSONL and bundles carry it, read back on import: an article taken
 * from an export keeps the file its text first came from, not the export it travelled in.
 */
export const OriginalRecord = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 is 64 lowercase hex digits'),
  file_name: z.string().max(1000),
  size: z.number().int().nonnegative(),
  importer: z.string().max(100),
  imported_by: z.string().max(500),
  imported_at: z.string().max(64),
});
export type OriginalRecord = z.infer<typeof OriginalRecord>;

/**
 * Provenance's part of the contract (DESIGN.md "Provenance"): where an article came from, and its
 * original file written back out byte for byte.
 */
export const ArticleProvenance = z.object({
  /** sha256 of the original file's bytes (hex). */
  sha256: z.string(),
  /** Bytes of the original file. */
  size: z.number(),
  fileName: z.string(),
  /** The reader the file went through: txt, md, html, json, jsonl, brat, paste, bundle. */
  importer: z.string(),
  importedBy: z.string(),
  importedAt: z.string(),
  /** Where in the file the article was ("line 4"), for files of many articles. */
  origin: z.string().nullable(),
  /** False for a file too large to keep (a streamed JSONL dataset): only its hash is known. */
  kept: z.boolean(),
});
export type ArticleProvenance = z.infer<typeof ArticleProvenance>;

/**
 * What the extraction took out of an article as page furniture: a teaser line ("ALSO READ: …"),
 * a notice ("Advertisement"), a post credit, a share bar, an embedded post's media link, a page
 * block marked by its class as a share bar, ad or teaser, the caption of an embed removed whole,
 * or a plain text's headline, taken out of the body into the title. Putting one back is a correction of the text: `before + text + after` goes in at `at`.
 */
export const RemovedKind = z.enum(['teaser', 'notice', 'credit', 'share', 'media_link', 'page_block', 'embed', 'headline']);
export type RemovedKind = z.infer<typeof RemovedKind>;

export const RemovedPart = z.object({
  kind: RemovedKind,
  text: z.string(),
  /** UTF-16 offset into the text: as imported when stored, in the current text when listed. */
  at: z.number().int().nonnegative(),
  before: z.string(),
  after: z.string(),
  /** False when where it stood is not known (a page block taken out before the article was found): it goes back at the end. */
  located: z.boolean(),
});
export type RemovedPart = z.infer<typeof RemovedPart>;

export const ListedRemoval = RemovedPart.extend({
  seq: z.number().int(),
  /** Its text is in the article's text again (put back, or typed in by a correction). */
  inText: z.boolean(),
});
export type ListedRemoval = z.infer<typeof ListedRemoval>;

export const provenanceContract = {
  /** The open article's provenance; null for an article from before provenance was kept. */
  'provenance/get': { input: z.object({ id: Id }).strict(), output: z.object({ provenance: ArticleProvenance.nullable() }) },
  /** Asks where to save, then writes the article's original file there as it was imported (null: cancelled). */
  'provenance/saveOriginal': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ saved: z.object({ file: z.string(), bytes: z.number() }).nullable() }),
  },
  /** What the extraction removed from the article, each placed in its current text. */
  'provenance/removed': { input: z.object({ id: Id }).strict(), output: z.object({ removed: z.array(ListedRemoval) }) },
} as const;
