import type { Db } from './db';
import { cached } from './db';

/**
 * What library-wide suggestion passes keep between runs (migration 0016): each article's last
 * scan, the registry version all stored scans are good for, and the registry's changes since.
 */
export interface StoredScan {
  count: number;
  /** Sorted distinct word hashes, as stored (little-endian 32-bit integers). */
  words: Buffer;
  proposals: string;
}

export interface ScanState {
  version: number;
  matcher: number;
}

/** A registry change since a version: a name's key, or an entity all of whose names count as changed. */
export type RegistryChange = { kind: string; key: string; entityId: null } | { kind: null; key: null; entityId: string };

export function scanState(db: Db): ScanState | null {
  return (cached(db, 'SELECT version, matcher FROM suggestion_scan_state WHERE id = 1').get() as ScanState | undefined) ?? null;
}

/** The number of the registry's last change (0 before any). */
export function registryVersion(db: Db): number {
  return (cached(db, "SELECT seq FROM sqlite_sequence WHERE name = 'registry_changes'", 'pluck').get() as number | undefined) ?? 0;
}

/** How many changes came after `version` (what decides whether looking them up beats scanning everything). */
export function changesSinceCount(db: Db, version: number): number {
  return cached(db, 'SELECT count(*) FROM registry_changes WHERE version > ?', 'pluck').get(version) as number;
}

/**
 * The keys changed after `version` and up to `upTo` (the current version: this reads the names
 * as they are now): those whose entity before their first change differs from their entity now,
 * and all current names of an entity changed itself (the names it had before are changes of
 * their own when they went).
 */
export function changedKeysSince(db: Db, version: number, upTo: number): { kind: string; key: string }[] {
  return cached(
    db,
    `WITH since AS (SELECT * FROM registry_changes WHERE version > @from AND version <= @upTo),
          first AS (SELECT kind, key, min(version) AS version FROM since WHERE key IS NOT NULL GROUP BY kind, key)
     SELECT f.kind, f.key FROM first f JOIN since s ON s.version = f.version
       LEFT JOIN entity_names n ON n.kind = f.kind AND n.key = f.key
     WHERE CASE WHEN s.was = 1 THEN s.entity_id END IS NOT n.entity_id
     UNION
     SELECT n.kind, n.key FROM since c JOIN entity_names n ON n.entity_id = c.entity_id WHERE c.key IS NULL`,
  ).all({ from: version, upTo }) as { kind: string; key: string }[];
}

/** Marks every stored scan good for `version` of the registry, made by `matcher`, and drops the changes it covers. */
export function finishScans(db: Db, version: number, matcher: number): void {
  cached(db, 'INSERT OR REPLACE INTO suggestion_scan_state (id, version, matcher) VALUES (1, ?, ?)').run(version, matcher);
  cached(db, 'DELETE FROM registry_changes WHERE version <= ?').run(version);
}

export interface ScanPageRow {
  rowid: number;
  id: string;
  title: string;
  /** Only for an article without a stored scan (the others' texts are read when needed). */
  text: string | null;
  count: number | null;
  words: Buffer | null;
}

/** A page of articles in storage order after `afterRowid`, with their stored scans. */
export function scanPage(db: Db, afterRowid: number, limit: number): ScanPageRow[] {
  return cached(
    db,
    `SELECT a.rowid, a.id, a.title, CASE WHEN s.article_id IS NULL THEN a.text END AS text, s.count, s.words
     FROM articles a LEFT JOIN suggestion_scans s ON s.article_id = a.id
     WHERE a.rowid > ? ORDER BY a.rowid LIMIT ?`,
  ).all(afterRowid, limit) as ScanPageRow[];
}

export function articleText(db: Db, rowid: number): string {
  return cached(db, 'SELECT text FROM articles WHERE rowid = ?', 'pluck').get(rowid) as string;
}

export function storedProposals(db: Db, articleId: string): string | null {
  return (cached(db, 'SELECT proposals FROM suggestion_scans WHERE article_id = ?', 'pluck').get(articleId) as string | undefined) ?? null;
}

export function saveScan(db: Db, articleId: string, scan: StoredScan): void {
  cached(db, 'INSERT OR REPLACE INTO suggestion_scans (article_id, count, words, proposals) VALUES (?, ?, ?, ?)').run(articleId, scan.count, scan.words, scan.proposals);
}
