import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync } from 'node:fs';
import { isEncryptedLibrary, StoreError, type Db } from './db';
import { applyKey } from './encryption';
import { inspectLibraryFile } from './file-header';
import { asStoreError, libraryBytes } from './open-check';

export interface CheckOptions {
  nativeBinding?: string;
  passphrase?: string;
  /** quick_check (every page and b-tree, not every index entry against its row) instead of integrity_check. */
  quick?: boolean;
}

export interface CheckReport {
  ok: boolean;
  mode: 'integrity_check' | 'quick_check';
  /** What SQLite found, as it words it (at most 100 lines). */
  problems: string[];
  pages: number;
  bytes: number;
  schemaVersion: number | null;
  ms: number;
}

const MAX_PROBLEMS = 100;

/**
 * The full check of a library, which the open leaves out for a large one (open-check.ts): every
 * page, every b-tree, and (unless quick) every index entry against its row. It writes nothing:
 * with a -wal beside the library (the app has it open, or a crash left one) it reads on a
 * read-only connection, which never folds the -wal into the file; without one, a connection that
 * only reads leaves the file as it was and removes the -wal and -shm it made when it closes.
 * A library that is not a SQLite database, or an encrypted one opened with a wrong passphrase,
 * is refused (StoreError) rather than reported: there is nothing to check.
 */
export function checkLibrary(file: string, options: CheckOptions = {}): CheckReport {
  const started = performance.now();
  if (!existsSync(file)) throw new StoreError('not_found', `no library at ${file}`);
  const encrypted = isEncryptedLibrary(file);
  if (encrypted && options.passphrase === undefined) throw new StoreError('locked', `${file} is encrypted: it needs its passphrase`);
  const sidecars = ['-wal', '-shm', '-journal'].some((s) => existsSync(file + s));
  const mode = options.quick ? 'quick_check' : 'integrity_check';
  const report = (problems: string[], pages: number, schemaVersion: number | null): CheckReport => ({
    ok: problems.length === 0,
    mode,
    problems: problems.slice(0, MAX_PROBLEMS),
    pages,
    bytes: libraryBytes(file),
    schemaVersion,
    ms: Math.round(performance.now() - started),
  });
  if (!encrypted) {
    const verdict = inspectLibraryFile(file);
    if (!verdict.ok && verdict.reason === 'not_sqlite') throw new StoreError('corrupt', `${file} is not a Spanwise library (not a SQLite database)`);
    // Without a -wal the file's own first page is the library's: damaged there, SQLite reads nothing.
    if (!verdict.ok && !sidecars) return report([verdict.detail], 0, null);
  }
  const db: Db = new Database(file, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(sidecars ? { readonly: true } : {}),
    fileMustExist: true,
  });
  try {
    if (options.passphrase !== undefined && encrypted) applyKey(db, options.passphrase);
    db.pragma('busy_timeout = 5000');
    let schemaVersion: number;
    try {
      schemaVersion = db.pragma('user_version', { simple: true }) as number;
    } catch (err) {
      const refusal = asStoreError(err, file, encrypted);
      if (refusal instanceof StoreError && refusal.code === 'corrupt' && !/not a SQLite/.test(refusal.message)) return report([(err as Error).message], 0, null);
      throw refusal;
    }
    const pages = db.pragma('page_count', { simple: true }) as number;
    let rows: string[];
    try {
      rows = (db.pragma(`${mode}(${MAX_PROBLEMS})`) as Record<string, string>[]).map((r) => Object.values(r)[0] as string);
    } catch (err) {
      // A page so damaged that SQLite stops the check instead of listing it.
      const code = (err as { code?: string }).code ?? '';
      if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) return report([(err as Error).message], pages, schemaVersion);
      throw err;
    }
    return report(rows.length === 1 && rows[0] === 'ok' ? [] : rows, pages, schemaVersion);
  } finally {
    db.close();
  }
}
