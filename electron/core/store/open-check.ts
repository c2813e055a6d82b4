import { existsSync, statSync } from 'node:fs';
import { StoreError, type Db } from './db';

/**
 * Up to this size (file and -wal together) the open runs SQLite's quick_check over the whole
 * library: under a tenth of a second there, and it finds a damaged page anywhere before anything
 * is written. A larger library gets the cheap check below, whose cost does not grow with it; its
 * full check runs after the window is shown (the app) or on demand (`spanwise check`, check.ts).
 */
export const FULL_CHECK_UP_TO_BYTES = 4 * 1024 * 1024;

/** The file and its -wal, which SQLite reads together. */
export function libraryBytes(file: string): number {
  const size = (f: string) => (existsSync(f) ? statSync(f).size : 0);
  return size(file) + size(`${file}-wal`);
}

/**
 * What an open checks before it writes anything. A small library: quick_check, every page. A
 * large one, in time that does not depend on its size:
 * - the schema table is read and parsed (a wrong passphrase, or a file that is not a database,
 *   fails here);
 * - the page count agrees with the file's size when no -wal is pending (a truncated or cut copy);
 *   with a -wal, SQLite has just replayed it, checking every frame's checksum, and a torn last
 *   commit is dropped as never made;
 * - the first and the last row of every table and index are read, with their overflow pages:
 *   the edges of each b-tree, the last of which is where the latest transactions appended.
 * A damaged page elsewhere is found by the full check, or as SQLite reads it (the store then
 * fails the call as damaged; nothing is written over it).
 */
export function checkAtOpen(db: Db, file: string, encrypted: boolean, fullUpTo = FULL_CHECK_UP_TO_BYTES): void {
  guarded(db, file, encrypted, () => {
    if (file === '' || file === ':memory:' || libraryBytes(file) <= fullUpTo) {
      reportProblems(file, 'integrity check', (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check));
      return;
    }
    const problems = [...pageCountProblems(db, file), ...edgeProblems(db)];
    reportProblems(file, 'check at open', problems);
  });
}

/** Turns SQLite's errors on a first read into the store's refusals, naming the file. */
export function guarded<T>(db: Db, file: string, encrypted: boolean, read: () => T): T {
  try {
    return read();
  } catch (err) {
    throw asStoreError(err, file, encrypted);
  }
}

export function asStoreError(err: unknown, file: string, encrypted: boolean): unknown {
  if (err instanceof StoreError) return err;
  const code = (err as { code?: string }).code ?? '';
  // SQLite3MultipleCiphers cannot authenticate the first page: a wrong key, or that page damaged.
  if (code.startsWith('SQLITE_NOTADB') && encrypted) {
    return new StoreError('wrong_passphrase', `${file} did not open with this passphrase: the passphrase is wrong (or the library's first page is damaged); it was left untouched`);
  }
  if (code.startsWith('SQLITE_NOTADB')) {
    return new StoreError('corrupt', `${file} is not a Spanwise library (not a SQLite database); it was left untouched`);
  }
  if (code.startsWith('SQLITE_CORRUPT')) {
    return new StoreError('corrupt', `${file} is damaged (${(err as Error).message}); it was left untouched: restore it from a backup`);
  }
  return err;
}

function reportProblems(file: string, what: string, problems: string[]): void {
  if (problems.length === 1 && problems[0] === 'ok') return;
  if (problems.length === 0) return;
  throw new StoreError(
    'corrupt',
    `${file} is damaged (${what}: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? '; ...' : ''}); it was left untouched: restore it from a backup`,
  );
}

function pageCountProblems(db: Db, file: string): string[] {
  if (existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0) return [];
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  const size = statSync(file).size;
  if (size % pageSize !== 0) return [`the file's size (${size} bytes) is not a whole number of ${pageSize}-byte pages`];
  if (size / pageSize < pages) return [`the file holds ${size / pageSize} pages of the ${pages} its header counts: it was cut short`];
  return [];
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

interface SchemaRow {
  type: 'table' | 'index';
  name: string;
  tbl_name: string;
  sql: string | null;
}

/** Reads the first and last entry of every b-tree that can be reached in index order without a scan. */
function edgeProblems(db: Db): string[] {
  const rows = db
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('table', 'index') AND rootpage > 0 ORDER BY name")
    .all() as SchemaRow[];
  const problems: string[] = [];
  for (const row of rows) {
    for (const sql of edgeQueries(db, row)) {
      try {
        db.prepare(sql).all();
      } catch (err) {
        const code = (err as { code?: string }).code ?? '';
        if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_IOERR')) {
          problems.push(`${row.type} ${row.name}: ${(err as Error).message}`);
          break;
        }
        throw err;
      }
    }
  }
  return problems;
}

interface KeyColumn {
  name: string | null;
  coll: string;
  key: number;
}

/**
 * The queries that read one b-tree's first and last entry in its own order. A query SQLite would
 * answer with a sort (a scan of the whole table) instead is left out: EXPLAIN QUERY PLAN says so.
 */
function edgeQueries(db: Db, row: SchemaRow): string[] {
  const edge = (select: string, from: string, order: (dir: string) => string) =>
    ['ASC', 'DESC'].map((dir) => `SELECT ${select} FROM ${from} ORDER BY ${order(dir)} LIMIT 1`).filter((sql) => walksInOrder(db, sql));
  if (row.type === 'table' && !/\bWITHOUT\s+ROWID\b/i.test(row.sql ?? '')) return edge('*', quoted(row.name), (dir) => `rowid ${dir}`);
  // A WITHOUT ROWID table is its primary key's b-tree; an index on plain columns is read through
  // itself. Partial and expression indexes are left to the full check.
  if (row.type === 'index' && (row.sql === null || /\bWHERE\b/i.test(row.sql))) return [];
  const columns = (db.pragma(`index_xinfo(${quoted(row.name)})`) as KeyColumn[]).filter((c) => c.key === 1);
  if (columns.length === 0 || columns.some((c) => c.name === null)) return [];
  const names = columns.map((c) => quoted(c.name as string));
  const from = row.type === 'table' ? quoted(row.name) : `${quoted(row.tbl_name)} INDEXED BY ${quoted(row.name)}`;
  return edge(row.type === 'table' ? '*' : names.join(', '), from, (dir) => columns.map((c, i) => `${names[i]} COLLATE ${c.coll} ${dir}`).join(', '));
}

function walksInOrder(db: Db, sql: string): boolean {
  try {
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[];
    return !plan.some((step) => /TEMP B-TREE/.test(step.detail));
  } catch {
    return false;
  }
}
