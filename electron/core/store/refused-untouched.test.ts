import Database from 'better-sqlite3-multiple-ciphers';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../testing/tmp';
import { insertArticle } from './articles';
import { inspectLibraryFile } from './file-header';
import { loadMigrations, openStore, StoreError } from './db';

const tmp = useTmpDir();
const LATEST = loadMigrations().length;
const SIDE = ['', '-wal', '-shm'] as const;

const sha = (file: string) => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'absent');
const snapshot = (file: string) => Object.fromEntries(SIDE.map((s) => [s || 'main', sha(file + s)]));

/** A closed library with a few hundred pages, all in the main file. */
function library(file: string): void {
  const db = openStore(file);
  db.transaction(() => {
    for (let i = 0; i < 300; i++) {
      insertArticle(db, { title: `Article ${i}`, source: 'wire', url: null, author: null, publishedAt: null, language: 'en', text: `Report ${i}. ${'The river rose again overnight. '.repeat(30)}` });
    }
  })();
  db.close();
  expect(existsSync(`${file}-wal`)).toBe(false);
}

/**
 * Another process writes to the library and dies without closing it, as a crash or a kill
 * leaves it: committed frames in the -wal that were never checkpointed, and a -shm beside it.
 */
function crashWhileWriting(file: string, sql: string): void {
  const script = `
    const Database = require('better-sqlite3-multiple-ciphers');
    const db = new Database(process.argv[1]);
    // Spanwise's connections register the search index's word segmenter (store/segment.ts); these texts need none.
    db.function('spanwise_segment', { deterministic: true }, (text) => null);
    db.pragma('wal_autocheckpoint = 0');
    db.exec(process.argv[2]);
    process.exit(0);
  `;
  execFileSync(process.execPath, ['-e', script, file, sql], { cwd: process.cwd() });
  expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
  expect(existsSync(`${file}-shm`)).toBe(true);
}

function refusal(file: string): StoreError {
  try {
    openStore(file).close();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return err as StoreError;
  }
  throw new Error(`openStore(${file}) succeeded where it should have refused`);
}

/** What SQLite itself reads as user_version, on a copy so the original keeps its bytes. */
function sqliteUserVersion(file: string): number {
  const copy = join(tmp(), 'copy.db');
  copyFileSync(file, copy);
  if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
  const db = new Database(copy);
  const version = db.pragma('user_version', { simple: true }) as number;
  db.close();
  return version;
}

/**
 * The file and its -wal keep every byte. A -wal means SQLite itself must read the library (its
 * first page may be only in the log), and a SQLite reader records its read mark in the -shm, an
 * index of the -wal that holds no data; better-sqlite3 offers no readonly_shm to avoid it.
 */
const dataFiles = (file: string) => {
  const { main, '-wal': wal } = snapshot(file);
  return { main, wal };
};

describe('a refused library is left as it was found, -wal included', () => {
  it('refuses a newer schema that only the un-checkpointed -wal records, without changing a byte of the file or the -wal', () => {
    const file = join(tmp(), 'newer.db');
    library(file);
    crashWhileWriting(file, "INSERT INTO articles (id, title, text, text_hash, imported_at, updated_at) VALUES ('n', 'From the future', 'x', 'h', 'x', 'x'); PRAGMA user_version = 999;");
    const before = dataFiles(file);

    const err = refusal(file);
    expect(err.code).toBe('newer_schema');
    expect(err.message).toMatch(/schema version 999/);
    expect(dataFiles(file)).toEqual(before);
    // A read-write open followed by close() would have folded the -wal into the file: it is still separate.
    expect(sha(`${file}-wal`)).not.toBe('absent');
  });

  it('reads the -wal as SQLite does: a torn last commit never happened', () => {
    const file = join(tmp(), 'torn.db');
    library(file);
    crashWhileWriting(file, "UPDATE articles SET title = 'Kept' WHERE rowid = 1; PRAGMA user_version = 999;");
    expect(sqliteUserVersion(file)).toBe(999);
    // One flipped byte in the last frame: its checksum fails, so the commit that set 999 is not in the log.
    const wal = readFileSync(`${file}-wal`);
    wal[wal.length - 10] = (wal[wal.length - 10] as number) ^ 0xff;
    writeFileSync(`${file}-wal`, wal);
    expect(sqliteUserVersion(file)).toBe(LATEST);

    const db = openStore(file);
    expect(db.prepare('SELECT title FROM articles WHERE rowid = 1').pluck().get()).toBe('Kept');
    db.close();
  });

  it('refuses a file whose header is destroyed while a -wal is pending, without changing a byte of the three files', () => {
    const file = join(tmp(), 'noise.db');
    library(file);
    crashWhileWriting(file, "UPDATE articles SET title = 'Changed' WHERE rowid < 50;");
    const fd = openSync(file, 'r+');
    writeSync(fd, randomBytes(100), 0, 100, 0);
    closeSync(fd);
    const before = snapshot(file);

    const err = refusal(file);
    expect(err.code).toBe('corrupt');
    expect(err.message).toContain(file);
    expect(snapshot(file)).toEqual(before);
  });

  it('refuses a damaged page behind a pending -wal, and neither writes the file nor folds the -wal into it', () => {
    const file = join(tmp(), 'damaged.db');
    library(file);
    const probe = new Database(file);
    const pages = probe.prepare("SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
    const pageSize = probe.pragma('page_size', { simple: true }) as number;
    probe.close();
    crashWhileWriting(file, "INSERT INTO articles (id, title, text, text_hash, imported_at, updated_at) VALUES ('late', 'Late', 'late text', 'h2', 'x', 'x');");
    const page = pages[Math.floor(pages.length / 2)] as number;
    const fd = openSync(file, 'r+');
    writeSync(fd, randomBytes(pageSize), 0, pageSize, (page - 1) * pageSize);
    closeSync(fd);
    const before = dataFiles(file);

    const err = refusal(file);
    expect(err.code).toBe('corrupt');
    expect(err.message).toMatch(/damaged/);
    expect(dataFiles(file)).toEqual(before);
    expect(existsSync(`${file}-shm`)).toBe(true);
  });

  it('refuses a database that is not a Spanwise library, and leaves it as it was', () => {
    const file = join(tmp(), 'theirs.db');
    const other = new Database(file);
    other.pragma('journal_mode = WAL');
    other.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('someone');");
    other.close();
    crashWhileWriting(file, "INSERT INTO contacts VALUES ('someone else');");
    const before = dataFiles(file);
    expect(refusal(file).code).toBe('invalid');
    expect(dataFiles(file)).toEqual(before);

    const tagged = join(tmp(), 'tagged.db');
    const gpkg = new Database(tagged);
    gpkg.pragma('application_id = 1196444487');
    gpkg.pragma('user_version = 2');
    gpkg.close();
    const sum = sha(tagged);
    expect(refusal(tagged).code).toBe('invalid');
    expect(sha(tagged)).toBe(sum);
  });

  it('still opens a healthy library after a crash, with everything the crashed writer committed', () => {
    const file = join(tmp(), 'crashed.db');
    library(file);
    crashWhileWriting(file, "INSERT INTO articles (id, title, text, text_hash, imported_at, updated_at) VALUES ('kept', 'Acknowledged', 'saved before the crash', 'h3', 'x', 'x');");
    const db = openStore(file);
    expect(db.prepare("SELECT title FROM articles WHERE id = 'kept'").pluck().get()).toBe('Acknowledged');
    expect(db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(301);
    db.close();
  });
});

describe('inspectLibraryFile reads the first page of a file', () => {
  it('treats a missing or empty file as a new library', () => {
    expect(inspectLibraryFile(join(tmp(), 'missing.db'))).toEqual({ ok: true, header: null });
    const empty = join(tmp(), 'empty.db');
    writeFileSync(empty, '');
    expect(inspectLibraryFile(empty)).toEqual({ ok: true, header: null });
  });

  it('reads a closed library from the main file', () => {
    const file = join(tmp(), 'lib.db');
    library(file);
    expect(inspectLibraryFile(file)).toEqual({ ok: true, header: { userVersion: LATEST, applicationId: 0, schemaEmpty: false } });
    const blank = join(tmp(), 'blank.db');
    new Database(blank).pragma('user_version = 0');
    expect(inspectLibraryFile(blank)).toMatchObject({ ok: true, header: { schemaEmpty: true } });
  });

  it('calls a file without the SQLite header not SQLite, and an impossible page size damaged', () => {
    const text = join(tmp(), 'notes.txt');
    writeFileSync(text, 'Shopping list\n'.repeat(100));
    expect(inspectLibraryFile(text)).toMatchObject({ ok: false, reason: 'not_sqlite' });
    const file = join(tmp(), 'bad-size.db');
    library(file);
    const bytes = readFileSync(file);
    bytes.writeUInt16BE(1000, 16);
    writeFileSync(file, bytes);
    expect(inspectLibraryFile(file)).toMatchObject({ ok: false, reason: 'damaged_header' });
  });
});
