import Database from 'better-sqlite3-multiple-ciphers';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../testing/tmp';
import { insertArticle } from './articles';
import { checkLibrary } from './check';
import { openStore, StoreError, type OpenOptions } from './db';

const tmp = useTmpDir();
const SIDE = ['', '-wal', '-shm'] as const;
const sha = (file: string) => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'absent');
const snapshot = (file: string) => Object.fromEntries(SIDE.map((s) => [s || 'main', sha(file + s)]));

/** As a large library opens: the check at open reads only what does not grow with the library. */
const LARGE: OpenOptions = { fullCheckUpToBytes: 0 };

function library(file: string, options: OpenOptions = {}): void {
  const db = openStore(file, options);
  db.transaction(() => {
    for (let i = 0; i < 400; i++) {
      insertArticle(db, {
        title: `Article ${i}`,
        source: 'wire',
        url: null,
        author: null,
        publishedAt: null,
        language: 'en',
        text: `Report ${i}. ${'The river rose again overnight and the bridge was closed. '.repeat(20)}`,
      });
    }
  })();
  db.close();
  expect(existsSync(`${file}-wal`)).toBe(false);
}

/** The leaf pages of the articles table, in key order (the last one holds the newest rows). */
function articleLeaves(file: string): { pages: number[]; pageSize: number } {
  const db = new Database(file);
  // dbstat's path orders pages as the b-tree does, left to right.
  const pages = db.prepare("SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf' ORDER BY path").pluck().all() as number[];
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  expect(pages.length).toBeGreaterThan(10);
  return { pages, pageSize };
}

function overwrite(file: string, page: number, pageSize: number): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, randomBytes(pageSize), 0, pageSize, (page - 1) * pageSize);
  closeSync(fd);
}

function refusal(file: string, options: OpenOptions): StoreError {
  try {
    openStore(file, options).close();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return err as StoreError;
  }
  throw new Error(`openStore(${file}) succeeded where it should have refused`);
}

describe('the check at open of a large library', () => {
  it('opens a healthy library, and the full check finds nothing', () => {
    const file = join(tmp(), 'healthy.db');
    library(file);
    const db = openStore(file, LARGE);
    expect(db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(400);
    db.close();
    const report = checkLibrary(file);
    expect(report).toMatchObject({ ok: true, mode: 'integrity_check', problems: [] });
    expect(report.pages).toBeGreaterThan(10);
  });

  it('leaves a damaged page in the middle to the full check, which reports it; neither open nor check changes a byte', () => {
    const file = join(tmp(), 'middle.db');
    library(file);
    const { pages, pageSize } = articleLeaves(file);
    overwrite(file, pages[Math.floor(pages.length / 2)] as number, pageSize);
    const before = snapshot(file);

    // Reading the damaged page would fail; opening (and counting, which reads a smaller index) does not.
    openStore(file, LARGE).close();
    expect(snapshot(file)).toEqual(before);

    const report = checkLibrary(file);
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(/page|tree|corrupt|malformed/i);
    expect(checkLibrary(file, { quick: true }).ok).toBe(false);
    expect(snapshot(file)).toEqual(before);
    // Below the size limit the open itself reads every page, as before.
    expect(refusal(file, {}).code).toBe('corrupt');
    expect(snapshot(file)).toEqual(before);
  });

  it('refuses a damaged last page of a table (where the latest commits wrote), untouched', () => {
    const file = join(tmp(), 'last.db');
    library(file);
    const { pages, pageSize } = articleLeaves(file);
    overwrite(file, pages[pages.length - 1] as number, pageSize);
    const before = snapshot(file);

    const err = refusal(file, LARGE);
    expect(err.code).toBe('corrupt');
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/check at open: table articles/);
    expect(snapshot(file)).toEqual(before);
  });

  it('refuses a library cut short (a copy that stopped), untouched', () => {
    const file = join(tmp(), 'cut.db');
    library(file);
    const { pageSize } = articleLeaves(file);
    const size = readFileSync(file).length;
    truncateSync(file, size - 3 * pageSize);
    const before = snapshot(file);

    const err = refusal(file, LARGE);
    expect(err.code).toBe('corrupt');
    expect(err.message).toMatch(/damaged/);
    expect(snapshot(file)).toEqual(before);
    expect(checkLibrary(file).ok).toBe(false);
    expect(snapshot(file)).toEqual(before);
  });

  it('still refuses a wrong passphrase, and checks an encrypted library with the right one', () => {
    const file = join(tmp(), 'sealed.db');
    library(file, { passphrase: 'correct horse' });
    const before = snapshot(file);
    expect(refusal(file, { ...LARGE, passphrase: 'wrong horse' }).code).toBe('wrong_passphrase');
    expect(() => checkLibrary(file, { passphrase: 'wrong horse' })).toThrow(/passphrase is wrong/);
    expect(() => checkLibrary(file)).toThrow(/needs its passphrase/);
    expect(checkLibrary(file, { passphrase: 'correct horse' }).ok).toBe(true);
    expect(snapshot(file)).toEqual(before);
  });

  it('checks a library that another connection holds open, on a read-only connection', () => {
    const file = join(tmp(), 'open.db');
    library(file);
    const app = openStore(file);
    insertArticle(app, { title: 'Late', source: null, url: null, author: null, publishedAt: null, language: 'en', text: 'Written while the check ran.' });
    const report = checkLibrary(file);
    expect(report.ok).toBe(true);
    expect(app.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(401);
    app.close();
  });
});
