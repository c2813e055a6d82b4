import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, existsSync, fsyncSync, linkSync, copyFileSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { isEncryptedLibrary, loadMigrations, StoreError, type Db } from './db';
import { applyKey } from './encryption';

const PAGES_PER_STEP = 256;
const MAX_RESTARTS = 3;
const ALL_PAGES = 0x7fffffff;

export interface BackupCounts {
  schemaVersion: number;
  articles: number;
  annotations: number;
}

export interface FileOptions {
  /** The SQLite binding's addon for the running runtime (Electron or Node), as for openStore. */
  nativeBinding?: string;
  /**
   * The passphrase of the encrypted library being backed up, or of the encrypted backup being
   * verified or restored; a plain file ignores it.
   */
  passphrase?: string;
}

/**
 * Writes a consistent copy of an open store with SQLite's online backup, so the app can keep
 * working (and other connections keep writing) while it runs. The copy is written under a
 * temporary name in the destination folder and renamed at the end: a half-written backup never
 * carries the name the analyst asked for, and an older backup of that name survives a failure.
 */
export async function backupStore(
  db: Db,
  destFile: string,
  onProgress?: (done: number, total: number) => void,
  options: FileOptions = {},
): Promise<BackupCounts> {
  const dest = resolve(destFile);
  if (db.name && resolve(db.name) === dest) throw new StoreError('invalid', `cannot back up ${dest} onto itself`);
  const temp = tempBeside(dest);
  let lastDone = -1;
  let restarts = 0;
  try {
    if (db.name && isEncryptedLibrary(db.name)) {
      copyEncrypted(db, temp, onProgress);
      return finishBackup(temp, dest, options);
    }
    await db.backup(temp, {
      progress: ({ totalPages, remainingPages }) => {
        const done = totalPages - remainingPages;
        // SQLite starts over whenever another connection writes between steps (seen here as a
        // step that did not advance). Under a steady writer that could go on for ever, so after
        // a few restarts the rest is copied in one step: in WAL mode that holds only a read
        // snapshot, which does not block the writer.
        if (done <= lastDone) restarts++;
        lastDone = done;
        onProgress?.(done, totalPages);
        return restarts >= MAX_RESTARTS ? ALL_PAGES : PAGES_PER_STEP;
      },
    });
    // A backup is one self-contained file: rollback journal mode, so it needs no -wal beside it.
    const copy = new Database(temp, { fileMustExist: true, ...binding(options) });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    return finishBackup(temp, dest, options);
  } catch (err) {
    removeWithSideFiles(temp);
    throw err;
  }
}

function finishBackup(temp: string, dest: string, options: FileOptions): BackupCounts {
  const counts = verifyBackup(temp, options);
  syncFile(temp);
  renameSync(temp, dest);
  syncDir(dirname(dest));
  return counts;
}

/**
 * An encrypted library is copied with VACUUM INTO, which writes the copy under the same cipher
 * and key (SQLite3MultipleCiphers), already in rollback journal mode: the online backup API
 * refuses a destination that is not encrypted the same way, and it cannot be given a key. It is
 * one read transaction, so the copy is consistent and a writer in WAL mode is not blocked, but
 * it runs in one step: the progress says only when it is done.
 */
function copyEncrypted(db: Db, temp: string, onProgress?: (done: number, total: number) => void): void {
  onProgress?.(0, 1);
  db.prepare('VACUUM INTO ?').run(temp);
  onProgress?.(1, 1);
}

/**
 * Checks that a file is a whole Spanwise library this version can read: a full integrity check,
 * a schema version not newer than ours, and the articles table. Opens it read-only.
 */
export function verifyBackup(file: string, options: FileOptions = {}): BackupCounts {
  const path = resolve(file);
  if (!existsSync(path)) throw new StoreError('not_found', `no backup at ${path}`);
  if (!statSync(path).isFile()) throw new StoreError('invalid', `${path} is not a file`);
  const encrypted = isEncryptedLibrary(path);
  if (encrypted && options.passphrase === undefined) throw new StoreError('locked', `${path} is encrypted: it needs its passphrase`);
  let db: Db;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, ...binding(options) });
  } catch (err) {
    throw asCorrupt(path, err);
  }
  try {
    if (encrypted) applyKey(db, options.passphrase as string);
    let problems: string[];
    try {
      problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (err) {
      throw asCorrupt(path, err, encrypted);
    }
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new StoreError('corrupt', `${path} is damaged and cannot be used (integrity check: ${problems.slice(0, 3).join('; ')})`);
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    const latest = loadMigrations().length;
    if (version > latest) {
      throw new StoreError('newer_schema', `${path} uses schema version ${version}, newer than this version of Spanwise understands (${latest})`);
    }
    const hasArticles = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'articles'").pluck().get() === 1;
    if (version < 1 || !hasArticles) throw new StoreError('invalid', `${path} is a SQLite database but not a Spanwise library`);
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    return { schemaVersion: version, articles: count('articles'), annotations: count('annotations') };
  } finally {
    db.close();
  }
}

export interface RestoreOptions extends FileOptions {
  /** Where to keep the library being replaced (a hard link, or a copy where links are not possible). */
  keepPreviousAs?: string;
}

/**
 * Replaces a library file with a verified backup. The caller must have closed every connection
 * to `targetDbFile` first (the app, the command line): SQLite cannot see a file swapped under an
 * open connection, and that connection would go on writing into the replaced library. A library
 * still open elsewhere is detected and refused ('conflict'), short of a program that opens it in
 * the instant between that check and the swap.
 *
 * A bad backup is refused before the target is opened or anything is written beside it. The new
 * file is built under a temporary name beside the target and renamed over it, so at every moment
 * the target is either the old library or the new one, never a mixture.
 */
export async function restoreStore(backupFile: string, targetDbFile: string, options: RestoreOptions = {}): Promise<BackupCounts> {
  const source = resolve(backupFile);
  const target = resolve(targetDbFile);
  if (source === target) throw new StoreError('invalid', `cannot restore ${target} from itself`);
  verifyBackup(source, options);
  claimTarget(target, options);
  const temp = tempBeside(target);
  try {
    // The backup API rather than a byte copy: a backup that is itself in WAL mode carries its
    // committed pages in a -wal beside it, and a byte copy of the main file alone would drop them.
    const src = new Database(source, { readonly: true, fileMustExist: true, ...binding(options) });
    try {
      if (isEncryptedLibrary(source)) {
        applyKey(src, options.passphrase as string);
        copyEncrypted(src, temp);
      } else {
        await src.backup(temp);
      }
    } finally {
      src.close();
    }
    const counts = verifyBackup(temp, options);
    syncFile(temp);
    if (options.keepPreviousAs && existsSync(target)) keepPrevious(target, resolve(options.keepPreviousAs));
    // Stale -wal/-shm files of the old library would be replayed into the new one on next open.
    // They go first: a crash after this leaves the old library without its (closed, so already
    // checkpointed) log, never the new library with a foreign one.
    for (const side of ['-wal', '-shm', '-journal']) rmSync(target + side, { force: true });
    renameSync(temp, target);
    syncDir(dirname(target));
    return counts;
  } catch (err) {
    removeWithSideFiles(temp);
    throw err;
  }
}

/** Where a restore chosen in the running app waits, verified, until the library is next opened. */
export const stagedRestoreFile = (dbFile: string): string => `${resolve(dbFile)}.restore-pending`;

/**
 * The running app cannot swap the file under its own open connection, so a restore from the app
 * makes a verified copy beside the library now and swaps it in at the next start, before the
 * library is opened (see applyStagedRestore). A bad backup is refused here, with nothing written.
 */
export async function stageRestore(backupFile: string, dbFile: string, options: FileOptions = {}): Promise<BackupCounts> {
  const staged = stagedRestoreFile(dbFile);
  removeWithSideFiles(staged);
  return restoreStore(backupFile, staged, options);
}

export type StagedRestoreOutcome =
  | ({ applied: true; previous: string | null } & BackupCounts)
  /** The staged copy no longer verified: set aside, and the library left as it was. */
  | { applied: false; setAsideAs: string; reason: string };

/**
 * Swaps a staged restore in before the library is opened; returns null when none is waiting. A
 * staged copy that no longer verifies is set aside (never applied) and the library is left as it is.
 */
export async function applyStagedRestore(dbFile: string, options: FileOptions = {}): Promise<StagedRestoreOutcome | null> {
  const staged = stagedRestoreFile(dbFile);
  if (!existsSync(staged)) return null;
  const target = resolve(dbFile);
  try {
    verifyBackup(staged, options);
  } catch (err) {
    const setAsideAs = `${staged}.refused`;
    renameSync(staged, setAsideAs);
    return { applied: false, setAsideAs, reason: (err as Error).message };
  }
  const previous = existsSync(target) ? previousLibraryName(target) : null;
  const counts = await restoreStore(staged, target, { ...options, ...(previous ? { keepPreviousAs: previous } : {}) });
  removeWithSideFiles(staged);
  return { applied: true, ...counts, previous };
}

/** A free name beside the library for the copy a restore replaces, so a restore can be undone. */
export function previousLibraryName(target: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (let n = 0; ; n++) {
    const candidate = `${target}.before-restore-${stamp}${n ? `-${n}` : ''}`;
    if (!existsSync(candidate)) return candidate;
  }
}

/**
 * Refuses a library that another connection holds open, and folds the old library's log into
 * its file so a kept previous copy is complete. An exclusive lock is refused while any other
 * connection has a WAL library open, even an idle one. A target too damaged to open is simply
 * replaced: that is what restoring is for.
 */
function claimTarget(target: string, options: FileOptions): void {
  if (!existsSync(target)) return;
  let db: Db;
  try {
    db = new Database(target, { fileMustExist: true, timeout: 0, ...binding(options) });
  } catch {
    return;
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
  } catch (err) {
    if (((err as { code?: string }).code ?? '').startsWith('SQLITE_BUSY')) {
      throw new StoreError('conflict', `${target} is open in another program (Spanwise or a spanwise command); close it, then restore`);
    }
  } finally {
    try {
      // Closing the last connection checkpoints the log into the file and removes it.
      db.close();
    } catch {
      // A damaged library may fail to close cleanly; it is about to be replaced.
    }
  }
}

function keepPrevious(target: string, keep: string): void {
  if (existsSync(keep)) throw new StoreError('conflict', `${keep} already exists; choose another name for the previous library`);
  try {
    linkSync(target, keep);
  } catch {
    copyFileSync(target, keep);
  }
  syncFile(keep);
  // claimTarget cannot fold the log of an encrypted library whose key it does not have (nor of
  // one too damaged to open); kept beside the copy, the commits it holds are not lost.
  if (existsSync(`${target}-wal`) && statSync(`${target}-wal`).size > 0) {
    copyFileSync(`${target}-wal`, `${keep}-wal`);
    syncFile(`${keep}-wal`);
  }
}

function tempBeside(file: string): string {
  return join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
}

function removeWithSideFiles(file: string): void {
  for (const side of ['', '-wal', '-shm', '-journal']) rmSync(file + side, { force: true });
}

function binding(options: FileOptions): { nativeBinding?: string } {
  return options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
}

function asCorrupt(path: string, err: unknown, encrypted = false): StoreError {
  if (err instanceof StoreError) return err;
  const code = (err as { code?: string }).code ?? '';
  if (code.startsWith('SQLITE_NOTADB') && encrypted) {
    return new StoreError('wrong_passphrase', `${path} did not open with this passphrase: the passphrase is wrong (or its first page is damaged)`);
  }
  if (code.startsWith('SQLITE_CANTOPEN')) return new StoreError('invalid', `${path} cannot be opened (${(err as Error).message})`);
  if (code.startsWith('SQLITE_NOTADB')) return new StoreError('corrupt', `${path} is not a Spanwise library (not a SQLite database)`);
  return new StoreError('corrupt', `${path} is damaged and cannot be used (${(err as Error).message})`);
}

/** Renames are durable only once the data and the directory entry have reached the disk. */
function syncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function syncDir(dir: string): void {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
