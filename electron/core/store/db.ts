import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerFold } from './fold-sql';
import { registerSegmenter } from './segment';
import { inspectLibraryFile, type FileHeader } from './file-header';
import { applyKey } from './encryption';
import { asStoreError, checkAtOpen } from './open-check';
import { afterMigration, deferredByLater } from './search-rebuild';

export type Db = Database.Database;

/** How a statement gives its rows; part of the cache key, since setting it changes the statement. */
export type RowMode = 'rows' | 'pluck' | 'raw';

/** A cached statement: its row mode is fixed when it is made, so no caller can change it under another. */
export type CachedStatement = Omit<Database.Statement, 'pluck' | 'raw' | 'expand'>;

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * A prepared statement kept for the life of its connection. Preparing is a fresh parse and plan
 * each time, which on the hot paths of an import (an insert per article and per annotation) cost
 * more than the inserts themselves.
 */
export function cached(db: Db, sql: string, mode: RowMode = 'rows'): CachedStatement {
  let byText = statements.get(db);
  if (!byText) {
    byText = new Map();
    statements.set(db, byText);
  }
  const key = `${mode}\0${sql}`;
  let stmt = byText.get(key);
  if (!stmt) {
    stmt = db.prepare(sql);
    if (mode === 'pluck') stmt.pluck();
    else if (mode === 'raw') stmt.raw();
    byText.set(key, stmt);
  }
  return stmt;
}

export class StoreError extends Error {
  constructor(
    readonly code:
      | 'newer_schema'
      | 'corrupt'
      | 'migration_failed'
      | 'not_found'
      | 'conflict'
      | 'invalid'
      /** The library is encrypted and no passphrase was given. */
      | 'locked'
      /** The passphrase does not open the library (or the library's first page is damaged: SQLite cannot tell which). */
      | 'wrong_passphrase',
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Where the numbered migrations live: beside this module in a checkout, and copied beside the
 * bundle by the build (electron.vite.config.ts) in the app.
 */
export function migrationsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'migrations'), join(here, '..', 'migrations')];
  const found = candidates.find((dir) => existsSync(dir));
  if (!found) throw new StoreError('migration_failed', `migrations folder not found beside ${here}`);
  return found;
}

const MIGRATION_NAME = /^\d{4}-[a-z0-9-]+\.sql$/;

export function loadMigrations(dir = migrationsDir()): readonly Migration[] {
  const sql = readdirSync(dir).filter((f) => /\.sql$/i.test(f));
  // A misnamed file would otherwise be skipped without a word, and the schema it holds never applied.
  const misnamed = sql.filter((f) => !MIGRATION_NAME.test(f));
  if (misnamed.length > 0) {
    throw new StoreError('migration_failed', `migration files must be named NNNN-name.sql (lower case): ${misnamed.join(', ')} in ${dir}`);
  }
  const migrations = sql
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.slice(5, -4),
      sql: readFileSync(join(dir, file), 'utf8'),
    }));
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new StoreError('migration_failed', `migration numbers must run 1, 2, 3...; found ${m.version} at position ${i + 1}`);
  });
  return migrations;
}

export interface OpenOptions {
  /** Path to the better-sqlite3 addon built for the running runtime (Electron or Node). */
  nativeBinding?: string;
  readonly?: boolean;
  migrations?: readonly Migration[];
  /**
   * The library's passphrase, for an encrypted one (encryption.ts). Given for a file that does
   * not exist yet, the new library is created encrypted; given for a plain library, it is refused.
   */
  passphrase?: string;
  /**
   * Up to this many bytes (file and -wal) the open checks every page; above, only what does not
   * grow with the library (open-check.ts). Tests lower it to exercise the large-library path.
   */
  fullCheckUpToBytes?: number;
}

/** Whether a library file is encrypted, judged from its bytes without opening it. */
export function isEncryptedLibrary(file: string): boolean {
  const verdict = inspectLibraryFile(file);
  return verdict.ok && 'encrypted' in verdict;
}

/** PRAGMA application_id of a library Spanwise has seeded ('SPAN'); a library made by the CLI keeps 0. */
export const SPANWISE_APPLICATION_ID = 0x5350414e;

/**
 * Opens (creating if needed) a store, applies pragmas and pending migrations. A library that is
 * damaged, newer than this Spanwise, or not a Spanwise library at all is refused and left as it
 * was found: nothing may open it read-write before it passes, because closing a read-write
 * connection checkpoints a leftover -wal into the file.
 */
export function openStore(file: string, options: OpenOptions = {}): Db {
  const migrations = options.migrations ?? loadMigrations();
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const onDisk = file !== '' && file !== ':memory:';
  const passphrase = options.passphrase;
  const encrypted = onDisk && refuseByKey(file, passphrase);
  // A read-write connection can only write on open or close what the -wal holds: with none, the
  // file's own header is the truth and is checked before SQLite opens it; with one (a crash, or
  // another program using the library) a read-only connection asks SQLite, which reads the log
  // as it should be read. That one never writes the file or the -wal; it does take a read mark
  // in the -shm, which holds no data (SQLite rebuilds it on every first open). An encrypted
  // file's header is unreadable without the key, so SQLite reads it, before the first write.
  const sidecars = onDisk && existsSync(file) && ['-wal', '-shm', '-journal'].some((s) => existsSync(file + s));
  if (onDisk && !encrypted) refuseByHeader(file, migrations.length, !sidecars);
  const keyed = (db: Db) => {
    if (passphrase !== undefined) applyKey(db, passphrase);
  };
  if (sidecars && !options.readonly) {
    const probe = new Database(file, { ...binding, readonly: true, fileMustExist: true });
    try {
      keyed(probe);
      probe.pragma('busy_timeout = 5000');
      refuseForeign(file, probeHeader(probe, file, encrypted), migrations.length);
      checkAtOpen(probe, file, encrypted, options.fullCheckUpToBytes);
    } finally {
      probe.close();
    }
  }
  const db = new Database(file, { ...binding, ...(options.readonly ? { readonly: true, fileMustExist: true } : {}) });
  try {
    keyed(db);
    db.pragma('busy_timeout = 5000');
    // Before the first write (journal_mode below rewrites the file header).
    if (!sidecars || options.readonly) checkAtOpen(db, file, encrypted, options.fullCheckUpToBytes);
    // A read-only open with a -wal had no probe, and an encrypted header was not read before:
    // this connection is the first to read them.
    if ((sidecars && options.readonly) || (encrypted && !sidecars)) refuseForeign(file, probeHeader(db, file, encrypted), migrations.length);
    refuseNewer(db, migrations.length);
    db.pragma('foreign_keys = ON');
    if (!options.readonly) {
      // WAL keeps readers off the writer's back; synchronous=FULL makes an acknowledged commit
      // survive power loss, which is the promise we make about analysts' work.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('secure_delete = ON');
    }
    // Before migrations: the search index's triggers (migration 0006) call it.
    registerSegmenter(db);
    registerFold(db);
    migrate(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * An encrypted library needs its passphrase, and a plain one must not be given one (the analyst
 * would believe it encrypted). True when the file is encrypted; a missing file given a
 * passphrase is created encrypted.
 */
function refuseByKey(file: string, passphrase: string | undefined): boolean {
  const verdict = inspectLibraryFile(file);
  const encrypted = verdict.ok && 'encrypted' in verdict;
  if (encrypted && passphrase === undefined) {
    throw new StoreError('locked', `${file} is encrypted: it needs its passphrase`);
  }
  if (!encrypted && passphrase !== undefined && verdict.ok && verdict.header !== null) {
    throw new StoreError('invalid', `${file} is not encrypted, so it takes no passphrase (spanwise encrypt encrypts it); it was left untouched`);
  }
  return encrypted;
}

/**
 * Refusals the file's bytes alone can justify, made before SQLite touches the file or its -wal.
 * With a -wal (`current` false) the first page in the file may be older than the library, so
 * only a file that is no SQLite database at all is refused here; the probe judges the rest.
 */
function refuseByHeader(file: string, latest: number, current: boolean): void {
  const verdict = inspectLibraryFile(file);
  if (!verdict.ok && (current || verdict.reason === 'not_sqlite')) {
    throw verdict.reason === 'not_sqlite'
      ? new StoreError('corrupt', `${file} is not a Spanwise library (not a SQLite database); it was left untouched`)
      : new StoreError('corrupt', `${file} is damaged (${verdict.detail}); it was left untouched: restore it from a backup`);
  }
  if (current && verdict.ok && verdict.header) refuseForeign(file, verdict.header, latest);
}

/** A library newer than this Spanwise, or someone else's database, is refused. */
function refuseForeign(file: string, header: FileHeader, latest: number): void {
  if (header.userVersion > latest) throw newerSchema(header.userVersion, latest);
  // Every migration sets user_version in its own transaction, so tables at version 0 are someone else's.
  const foreignId = header.applicationId !== 0 && header.applicationId !== SPANWISE_APPLICATION_ID;
  if ((header.userVersion === 0 && !header.schemaEmpty) || foreignId) {
    throw new StoreError('invalid', `${file} is a SQLite database but not a Spanwise library; it was left untouched`);
  }
}

/** What SQLite reads as the header, the -wal's committed pages included. */
function probeHeader(probe: Db, file: string, encrypted = false): FileHeader {
  try {
    return {
      userVersion: probe.pragma('user_version', { simple: true }) as number,
      applicationId: probe.pragma('application_id', { simple: true }) as number,
      schemaEmpty: probe.prepare('SELECT count(*) FROM sqlite_master').pluck().get() === 0,
    };
  } catch (err) {
    // The check names what is wrong; a file SQLite cannot read at all fails it the same way.
    checkAtOpen(probe, file, encrypted);
    throw asStoreError(err, file, encrypted);
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function newerSchema(current: number, latest: number): StoreError {
  return new StoreError(
    'newer_schema',
    `this database uses schema version ${current}, newer than this version of Spanwise understands (${latest}); it was left untouched`,
  );
}

function refuseNewer(db: Db, latest: number): void {
  const current = schemaVersion(db);
  if (current > latest) throw newerSchema(current, latest);
}

export function migrate(db: Db, migrations: readonly Migration[]): void {
  const current = schemaVersion(db);
  refuseNewer(db, migrations.length);
  const pending = migrations.slice(current);
  for (const m of pending) {
    const apply = db.transaction(() => {
      // A migration that would block the open for long can leave its work to a later one that
      // does it otherwise (search-rebuild.ts): its number is still passed.
      if (!deferredByLater(db, m, pending)) db.exec(m.sql);
      afterMigration(db, m);
      db.pragma(`user_version = ${m.version}`);
    });
    try {
      apply();
    } catch (err) {
      throw new StoreError('migration_failed', `migration ${m.version} (${m.name}) failed: ${(err as Error).message}`);
    }
  }
}

/** How long a purge waits for another program's reader before it retries later instead. */
const PURGE_WAIT_MS = 250;
const PURGE_RETRY_MS = 1000;
const PURGE_RETRIES = 60;

/**
 * Moves every page in the -wal into the file and truncates the -wal to nothing. After a delete
 * this is what makes the deleted text really gone while the app runs: secure_delete zeroes it in
 * the file, but the -wal still holds the pages as they were before, until SQLite happens to reuse
 * that part of it. False when a reader in another program kept part of the log in use.
 */
export function purgeLog(db: Db): boolean {
  if (!db.open || db.memory || db.readonly) return true;
  const wait = db.pragma('busy_timeout', { simple: true }) as number;
  // A reader elsewhere must not freeze the window for the whole busy timeout.
  db.pragma(`busy_timeout = ${PURGE_WAIT_MS}`);
  try {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return result?.busy === 0;
  } finally {
    db.pragma(`busy_timeout = ${wait}`);
  }
}

/** purgeLog now, and again in the background while another program's reader holds the log. */
export function purgeLogSoon(db: Db, retries = PURGE_RETRIES): void {
  if (purgeLog(db) || retries <= 0) return;
  setTimeout(() => purgeLogSoon(db, retries - 1), PURGE_RETRY_MS).unref();
}
