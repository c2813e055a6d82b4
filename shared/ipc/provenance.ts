import { z } from 'zod';
import { Id } from '../model';

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

export const provenanceContract = {
  /** The open article's provenance; null for an article from before provenance was kept. */
  'provenance/get': { input: z.object({ id: Id }).strict(), output: z.object({ provenance: ArticleProvenance.nullable() }) },
  /** Asks where to save, then writes the article's original file there as it was imported (null: cancelled). */
  'provenance/saveOriginal': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ saved: z.object({ file: z.string(), bytes: z.number() }).nullable() }),
  },
} as const;
