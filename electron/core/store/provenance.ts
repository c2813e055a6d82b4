import { brotliDecompressSync } from 'node:zlib';
import type { ArticleProvenance, OriginalRecord } from '../../../shared/ipc/provenance';
import { cached, type Db } from './db';

/** The file as the parsing worker hands it over (import/original.ts). */
export interface SourceFile {
  sha256: string;
  size: number;
  compression: 'br' | null;
  content: Uint8Array | null;
}

export interface ProvenanceRecord {
  articleId: string;
  sha256: string;
  fileName: string;
  importer: string;
  importedBy: string;
  importedAt: string;
  origin: string | null;
}

interface ProvenanceRow {
  article_id: string;
  sha256: string;
  file_name: string;
  importer: string;
  imported_by: string;
  imported_at: string;
  origin: string | null;
  size: number;
  kept: number;
}

const SELECT = `SELECT p.*, f.size, f.content IS NOT NULL AS kept FROM article_provenance p JOIN source_files f USING (sha256)`;

function rowToProvenance(r: ProvenanceRow): ArticleProvenance {
  return { sha256: r.sha256, size: r.size, fileName: r.file_name, importer: r.importer, importedBy: r.imported_by, importedAt: r.imported_at, origin: r.origin, kept: r.kept === 1 };
}

/** Stores a file's bytes once per content; a later copy with bytes fills in one known only by its hash. */
export function recordSourceFile(db: Db, file: SourceFile): void {
  cached(
    db,
    `INSERT INTO source_files (sha256, size, compression, content) VALUES (@sha256, @size, @compression, @content)
     ON CONFLICT (sha256) DO UPDATE SET compression = excluded.compression, content = excluded.content
     WHERE source_files.content IS NULL AND excluded.content IS NOT NULL`,
  ).run({ sha256: file.sha256, size: file.size, compression: file.compression, content: file.content ? Buffer.from(file.content) : null });
}

/** Says where an article came from; the file must be recorded first. */
export function recordProvenance(db: Db, p: ProvenanceRecord): void {
  cached(
    db,
    `INSERT OR REPLACE INTO article_provenance (article_id, sha256, file_name, importer, imported_by, imported_at, origin)
     VALUES (@articleId, @sha256, @fileName, @importer, @importedBy, @importedAt, @origin)`,
  ).run(p);
}

/**
 * Says where an article came from as an export or a bundle carries it: the original file's hash,
 * name, importer, who and when, without its bytes. The library learns the hash (a later import of
 * the same file is recognised) and shows the rest.
 */
export function recordCarriedProvenance(db: Db, articleId: string, carried: OriginalRecord, origin: string | null): void {
  recordSourceFile(db, { sha256: carried.sha256, size: carried.size, compression: null, content: null });
  recordProvenance(db, { articleId, sha256: carried.sha256, fileName: carried.file_name, importer: carried.importer, importedBy: carried.imported_by, importedAt: carried.imported_at, origin });
}

export function getProvenance(db: Db, articleId: string): ArticleProvenance | null {
  const row = cached(db, `${SELECT} WHERE p.article_id = ?`).get(articleId) as ProvenanceRow | undefined;
  return row ? rowToProvenance(row) : null;
}

/** Provenance of many articles at once (an export's page). */
export function provenanceOf(db: Db, articleIds: string[]): Map<string, ArticleProvenance> {
  const rows = db.prepare(`${SELECT} WHERE p.article_id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(articleIds)) as ProvenanceRow[];
  return new Map(rows.map((r) => [r.article_id, rowToProvenance(r)]));
}

/** The first article imported from a file with these bytes, if one is still in the library. */
export function findBySha256(db: Db, sha256: string): ArticleProvenance & { articleId: string } | null {
  const row = cached(db, `${SELECT} WHERE p.sha256 = ? ORDER BY p.imported_at, p.rowid LIMIT 1`).get(sha256) as ProvenanceRow | undefined;
  return row ? { ...rowToProvenance(row), articleId: row.article_id } : null;
}

/** The original file's bytes exactly as imported, or null when none were kept. */
export function originalBytes(db: Db, articleId: string): { fileName: string; bytes: Buffer } | null {
  const row = cached(db, `SELECT p.file_name, f.compression, f.content FROM article_provenance p JOIN source_files f USING (sha256) WHERE p.article_id = ?`).get(articleId) as
    | { file_name: string; compression: string | null; content: Buffer | null }
    | undefined;
  if (!row?.content) return null;
  return { fileName: row.file_name, bytes: row.compression === 'br' ? brotliDecompressSync(row.content) : row.content };
}

/** What an article's provenance is, with the file's bytes, for putting it back after an undone delete. */
export function provenanceSnapshot(db: Db, articleId: string): { record: ProvenanceRecord; file: SourceFile } | null {
  const row = cached(db, `SELECT p.*, f.size, f.compression, f.content FROM article_provenance p JOIN source_files f USING (sha256) WHERE p.article_id = ?`).get(articleId) as
    | (ProvenanceRow & { compression: 'br' | null; content: Buffer | null })
    | undefined;
  if (!row) return null;
  return {
    record: { articleId, sha256: row.sha256, fileName: row.file_name, importer: row.importer, importedBy: row.imported_by, importedAt: row.imported_at, origin: row.origin },
    file: { sha256: row.sha256, size: row.size, compression: row.compression, content: row.content },
  };
}
