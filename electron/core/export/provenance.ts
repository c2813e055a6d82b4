import { z } from 'zod';
import type { ArticleProvenance } from '../../../shared/ipc/provenance';

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
 * Where an article came from, as JSONL and bundles carry it (snake_case like every other key): the
 * original file's sha256 proves which file the text was taken from, and `spanwise original`
 * writes that file back out of the library. Null for articles from before provenance was kept.
 */
export function originalRecord(p: ArticleProvenance | null | undefined): OriginalRecord | null {
  if (!p) return null;
  return { sha256: p.sha256, file_name: p.fileName, size: p.size, importer: p.importer, imported_by: p.importedBy, imported_at: p.importedAt };
}
