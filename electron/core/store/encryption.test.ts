import Database from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../testing/tmp';
import { insertArticle } from './articles';
import { isEncryptedLibrary, openStore, StoreError, type OpenOptions } from './db';
import { applyKey, rekeyLibrary } from './encryption';
import { inspectLibraryFile } from './file-header';
import { listArticles } from './list';

const tmp = useTmpDir();
const SECRET = 'Zaporizhzhia convoy intercepted';
const PASS = 'correct horse battery staple';

const sha = (file: string) => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'absent');
const snapshot = (file: string) => Object.fromEntries(['', '-wal', '-shm', '-journal'].map((s) => [s || 'main', sha(file + s)]));
const holdsText = (file: string) => existsSync(file) && readFileSync(file).includes(Buffer.from(SECRET, 'utf8'));

function addArticles(file: string, options: OpenOptions, n = 50): void {
  const db = openStore(file, options);
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      insertArticle(db, { title: `${SECRET} ${i}`, source: 'wire', url: null, author: null, publishedAt: null, language: 'en', text: `${SECRET} ${i}. ${'The column moved at night. '.repeat(40)}` });
    }
  })();
  db.close();
}

function refusal(file: string, options: OpenOptions = {}): StoreError {
  try {
    openStore(file, options).close();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return err as StoreError;
  }
  throw new Error(`openStore(${file}) succeeded where it should have refused`);
}

describe('an encrypted library', () => {
  it('holds none of its text in the clear, in the file or in the -wal while it is open', () => {
    const file = join(tmp(), 'secret.db');
    const db = openStore(file, { passphrase: PASS });
    insertArticle(db, { title: SECRET, source: 'wire', url: null, author: null, publishedAt: null, language: 'en', text: `${SECRET}. ${'More text. '.repeat(500)}` });
    // The committed article is in the -wal now, not yet checkpointed into the file.
    expect(readFileSync(`${file}-wal`).length).toBeGreaterThan(0);
    expect(holdsText(`${file}-wal`)).toBe(false);
    expect(holdsText(file)).toBe(false);
    expect(listArticles(db, { query: 'Zaporizhzhia', sort: 'relevance', descending: true, limit: 5, offset: 0 }).total).toBe(1);
    db.close();
    expect(holdsText(file)).toBe(false);
    expect(isEncryptedLibrary(file)).toBe(true);
    expect(inspectLibraryFile(file)).toEqual({ ok: true, header: null, encrypted: true });

    // The same text in a plain library is there to be read: the check above can fail.
    const plain = join(tmp(), 'plain.db');
    addArticles(plain, {}, 1);
    expect(holdsText(plain)).toBe(true);
  });

  it('opens with its passphrase, and other SQLite3MultipleCiphers tools open it with the documented settings', () => {
    const file = join(tmp(), 'secret.db');
    addArticles(file, { passphrase: PASS });
    const db = openStore(file, { passphrase: PASS });
    expect(db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(50);
    db.close();
    const raw = new Database(file, { readonly: true });
    raw.pragma("cipher = 'chacha20'");
    raw.pragma('kdf_iter = 256000');
    raw.key(Buffer.from(PASS));
    expect(raw.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(50);
    raw.close();
  });

  it('is refused without its passphrase, or with a wrong one, and left byte-identical with nothing created beside it', () => {
    const file = join(tmp(), 'secret.db');
    addArticles(file, { passphrase: PASS });
    const before = snapshot(file);
    expect(before['-wal']).toBe('absent');

    const locked = refusal(file);
    expect(locked.code).toBe('locked');
    expect(locked.message).toContain(file);
    expect(snapshot(file)).toEqual(before);

    const wrong = refusal(file, { passphrase: 'correct horse battery stapler' });
    expect(wrong.code).toBe('wrong_passphrase');
    expect(wrong.message).toMatch(/passphrase is wrong/);
    expect(snapshot(file)).toEqual(before);
    expect(refusal(file, { passphrase: 'nope', readonly: true }).code).toBe('wrong_passphrase');
    expect(snapshot(file)).toEqual(before);
  });

  it('reads the same passphrase typed in another Unicode form (NFC and NFD)', () => {
    const file = join(tmp(), 'secret.db');
    addArticles(file, { passphrase: 'café crème' }, 1);
    openStore(file, { passphrase: 'cafe\u0301 cre\u0300me' }).close();
  });

  it('refuses a damaged page with the reason, and leaves the file as it was', () => {
    const file = join(tmp(), 'secret.db');
    addArticles(file, { passphrase: PASS }, 300);
    const probe = new Database(file);
    applyKey(probe, PASS);
    const pages = probe.prepare("SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
    const pageSize = probe.pragma('page_size', { simple: true }) as number;
    probe.close();
    const page = pages[Math.floor(pages.length / 2)] as number;
    const fd = openSync(file, 'r+');
    // One byte: the page's Poly1305 tag no longer matches.
    const at = (page - 1) * pageSize + 200;
    const byte = Buffer.alloc(1);
    byte[0] = readFileSync(file)[at]! ^ 0x01;
    writeSync(fd, byte, 0, 1, at);
    closeSync(fd);
    const before = snapshot(file);
    const err = refusal(file, { passphrase: PASS });
    expect(err.code).toBe('corrupt');
    expect(err.message).toMatch(/damaged/);
    expect(snapshot(file)).toEqual(before);
  });

  it('a plain library refuses a passphrase rather than let the analyst think it encrypted', () => {
    const file = join(tmp(), 'plain.db');
    addArticles(file, {}, 1);
    const before = snapshot(file);
    expect(refusal(file, { passphrase: PASS }).code).toBe('invalid');
    expect(snapshot(file)).toEqual(before);
  });
});

describe('rekeyLibrary', () => {
  it('creates a new library encrypted', () => {
    const file = join(tmp(), 'new.db');
    expect(rekeyLibrary(file, PASS)).toBe('created');
    expect(isEncryptedLibrary(file)).toBe(true);
    addArticles(file, { passphrase: PASS }, 1);
    expect(holdsText(file)).toBe(false);
  });

  it('encrypts a plain library in place, keeping everything in it', () => {
    const file = join(tmp(), 'lib.db');
    addArticles(file, {});
    expect(holdsText(file)).toBe(true);
    expect(rekeyLibrary(file, PASS)).toBe('encrypted');
    expect(holdsText(file)).toBe(false);
    expect(existsSync(`${file}-journal`)).toBe(false);
    const db = openStore(file, { passphrase: PASS });
    expect(db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(50);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('changes the passphrase: the old one is refused afterwards, the new one opens it', () => {
    const file = join(tmp(), 'lib.db');
    addArticles(file, { passphrase: PASS });
    expect(rekeyLibrary(file, 'a new passphrase', { passphrase: PASS })).toBe('changed');
    expect(refusal(file, { passphrase: PASS }).code).toBe('wrong_passphrase');
    const db = openStore(file, { passphrase: 'a new passphrase' });
    expect(db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(50);
    db.close();
  });

  it('refuses while another program holds the library open, and leaves it readable as it was', () => {
    const file = join(tmp(), 'lib.db');
    addArticles(file, {});
    const app = openStore(file);
    expect(app.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(50);
    let caught: unknown;
    try {
      rekeyLibrary(file, PASS);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StoreError);
    expect((caught as StoreError).code).toBe('conflict');
    expect(app.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(50);
    app.close();
    expect(isEncryptedLibrary(file)).toBe(false);
    openStore(file).close();
  });

  it('refuses an empty passphrase', () => {
    expect(() => rekeyLibrary(join(tmp(), 'x.db'), '')).toThrowError(/may not be empty/);
  });
});
