import type { ArticleProvenance, OriginalRecord } from '../../../shared/ipc/provenance';

/**
 * Where an article came from, as JSONL and bundles carry it (snake_case like every other key): the
 * original file's sha256 proves which file the text was taken from, and `spanwise original`
 * writes that file back out of the library. Null for articles from before provenance was kept.
 */
export function originalRecord(p: ArticleProvenance | null | undefined): OriginalRecord | null {
  if (!p) return null;
  return { sha256: p.sha256, file_name: p.fileName, size: p.size, importer: p.importer, imported_by: p.importedBy, imported_at: p.importedAt };
}
