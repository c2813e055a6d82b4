import Database from 'better-sqlite3-multiple-ciphers';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../testing/tmp';
import { insertArticle } from './articles';
import { openStore, StoreError } from './db';

const tmp = useTmpDir();

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function openError(file: string): StoreError {
  try {
    openStore(file).close();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return err as StoreError;
  }
  throw new Error(`openStore(${file}) succeeded where it should have refused`);
}

/** A library of a few hundred pages, closed so every page sits in the main file (no -wal). */
function multiPageLibrary(file: string): void {
  const db = openStore(file);
  db.transaction(() => {
    for (let i = 0; i < 400; i++) {
      insertArticle(db, {
        title: `Article ${i}`,
        source: 'test',
        url: null,
        author: null,
        publishedAt: null,
        language: 'en',
        text: `Report number ${i}. ${'The river rose again overnight and the bridge was closed. '.repeat(20)}`,
      });
    }
  })();
  db.close();
  expect(existsSync(`${file}-wal`)).toBe(false);
}

/** A page in the middle of the articles table's b-tree, found with dbstat so the damage lands where SQLite must read it. */
function articlesLeafPage(file: string): { pageno: number; pageSize: number } {
  // Read-write, though it only reads: a read-only connection leaves a -wal and -shm behind.
  const db = new Database(file);
  const pages = db.prepare("SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  expect(pages.length).toBeGreaterThan(10);
  return { pageno: pages[Math.floor(pages.length / 2)] as number, pageSize };
}

/**
 * These libraries are under the size up to which an open reads every page (open-check.ts), so a
 * damaged page anywhere is refused at open. How a larger library's damage is caught (the edges of
 * every b-tree at open, the rest by `spanwise check` and the app's check after start) is in
 * check.test.ts.
 */
describe('opening a damaged or foreign library', () => {
  it('refuses a library with a damaged page as corrupt, naming the file, and leaves it byte for byte as it was', () => {
    const file = join(tmp(), 'damaged.db');
    multiPageLibrary(file);
    const { pageno, pageSize } = articlesLeafPage(file);
    const fd = openSync(file, 'r+');
    // Pages are numbered from 1; the whole page becomes noise, header included.
    writeSync(fd, randomBytes(pageSize), 0, pageSize, (pageno - 1) * pageSize);
    closeSync(fd);
    const before = sha256(file);
    expect(existsSync(`${file}-wal`) || existsSync(`${file}-shm`)).toBe(false);

    const err = openError(file);
    expect(err.code).toBe('corrupt');
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/damaged/);
    expect(sha256(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a file that is not a database at all as corrupt, and leaves it untouched', () => {
    const file = join(tmp(), 'noise.db');
    writeFileSync(file, randomBytes(64 * 1024));
    const before = sha256(file);

    const err = openError(file);
    expect(err.code).toBe('corrupt');
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/not a SQLite database/);
    expect(sha256(file)).toBe(before);
  });

  it('refuses a text file given by mistake the same way', () => {
    const file = join(tmp(), 'notes.txt');
    writeFileSync(file, 'Shopping list\n\n- bread\n- milk\n'.repeat(200));
    const before = sha256(file);
    expect(openError(file).code).toBe('corrupt');
    expect(sha256(file)).toBe(before);
  });

  it('refuses a library from a newer version as newer_schema without changing a byte (not even the journal mode)', () => {
    const file = join(tmp(), 'newer.db');
    const raw = new Database(file);
    raw.exec('CREATE TABLE articles (id TEXT PRIMARY KEY); CREATE TABLE future (x)');
    raw.pragma('user_version = 999');
    raw.close();
    const before = sha256(file);

    const err = openError(file);
    expect(err.code).toBe('newer_schema');
    expect(err.message).toMatch(/schema version 999/);
    expect(sha256(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('still opens a healthy library, and a new one', () => {
    const file = join(tmp(), 'healthy.db');
    multiPageLibrary(file);
    const db = openStore(file);
    expect(db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(400);
    db.close();
    const fresh = openStore(join(tmp(), 'fresh.db'));
    expect(fresh.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(0);
    fresh.close();
  });
});
