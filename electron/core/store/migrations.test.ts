import Database from 'better-sqlite3-multiple-ciphers';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../testing/tmp';
import { searchAnnotations } from './annotations';
import { loadMigrations, openStore, schemaVersion, StoreError, type Db } from './db';

const tmp = useTmpDir();
const ALL = loadMigrations();

function folder(files: Record<string, string>): string {
  const dir = join(tmp(), 'migrations');
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('loadMigrations', () => {
  it('loads NNNN-name.sql files in order and ignores what is not SQL', () => {
    const dir = folder({ '0002-second.sql': 'CREATE TABLE b (x);', '0001-first.sql': 'CREATE TABLE a (x);', 'README.md': '# notes', 'upgrade.test.ts': '' });
    expect(loadMigrations(dir).map((m) => [m.version, m.name])).toEqual([
      [1, 'first'],
      [2, 'second'],
    ]);
  });

  it.each(['0002_second.sql', '2-second.sql', '0002-Second.sql', 'second.sql', '0002-second.SQL', '00002-second.sql', '0002-.sql'])('refuses a misnamed %s instead of skipping it', (name) => {
    const dir = folder({ '0001-first.sql': 'CREATE TABLE a (x);', [name]: 'CREATE TABLE b (x);' });
    expect(() => loadMigrations(dir)).toThrowError(StoreError);
    expect(() => loadMigrations(dir)).toThrowError(name);
  });

  it('refuses a gap in the numbers', () => {
    const dir = folder({ '0001-first.sql': 'CREATE TABLE a (x);', '0003-third.sql': 'CREATE TABLE c (x);' });
    expect(() => loadMigrations(dir)).toThrowError(/found 3 at position 2/);
  });

  it("accepts the project's own folder", () => {
    expect(ALL.length).toBeGreaterThanOrEqual(4);
  });
});

/** A library left at `version` by an older Spanwise, holding data written the way that version wrote it. */
function olderLibrary(version: number): string {
  const file = join(tmp(), `v${version}.db`);
  const db = openStore(file, { migrations: ALL.slice(0, version) });
  expect(schemaVersion(db)).toBe(version);
  db.transaction(() => {
    const article = db.prepare('INSERT INTO articles (id, title, source, text, text_hash, imported_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    article.run('a1', 'Drones over the port', 'wire', 'Air defence shot down 80 drones near the port overnight.', 'h1', '2024-11-26T08:00:00.000Z', '2024-11-26T08:00:00.000Z');
    article.run('a2', 'Grain talks', null, 'Negotiators met in Istanbul to discuss the grain corridor.', 'h2', '2024-11-27T08:00:00.000Z', '2024-11-27T09:00:00.000Z');
    const annotation = db.prepare(
      'INSERT INTO annotations (id, article_id, label, start, "end", quote, note, attrs, author, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    annotation.run('n1', 'a1', 'figure', 22, 31, '80 drones', 'the ministry later said seventy-six', '{"value":80,"unit":"drones"}', 'olena', '2024-11-26T08:05:00.000Z', '2024-11-26T08:06:00.000Z');
    annotation.run('n2', 'a2', 'event', 0, 24, 'Negotiators met in Istan', 'corridor renewal contested', '{}', 'olena', '2024-11-27T08:05:00.000Z', '2024-11-27T08:05:00.000Z');
  })();
  db.close();
  return file;
}

const V1_COLUMNS = 'id, article_id, label, start, "end", quote, note, attrs, author, status, created_at, updated_at';
const rows = (db: Db) => db.prepare(`SELECT ${V1_COLUMNS} FROM annotations ORDER BY id`).all();
const articleRows = (db: Db) => db.prepare('SELECT id, title, source, text, text_hash, imported_at, updated_at FROM articles ORDER BY id').all();

function before(file: string): { annotations: unknown[]; articles: unknown[] } {
  const db = new Database(file, { readonly: true });
  const out = { annotations: rows(db), articles: articleRows(db) };
  db.close();
  return out;
}

describe('upgrading a library that holds data', () => {
  it('0002 (conflict links) keeps every article and annotation, with no annotation marked as a conflict', () => {
    const file = olderLibrary(1);
    const old = before(file);
    const db = openStore(file);
    expect(schemaVersion(db)).toBe(ALL.length);
    expect(articleRows(db)).toEqual(old.articles);
    expect(rows(db)).toEqual(old.annotations);
    expect(db.prepare('SELECT id, conflict_of FROM annotations ORDER BY id').all()).toEqual([
      { id: 'n1', conflict_of: null },
      { id: 'n2', conflict_of: null },
    ]);
    expect(db.prepare("SELECT figure, total FROM article_counts WHERE article_id = 'a1'").get()).toEqual({ figure: 1, total: 1 });
    db.close();
  });

  it('0004 (annotation search) keeps the data and indexes the annotations that were already there', () => {
    const file = olderLibrary(3);
    const old = before(file);
    const db = openStore(file);
    expect(schemaVersion(db)).toBe(ALL.length);
    expect(articleRows(db)).toEqual(old.articles);
    expect(rows(db)).toEqual(old.annotations);
    // Found by a word of the note and by a word of the quote, through the app's own search.
    expect(searchAnnotations(db, { query: 'seventy', limit: 10 }).hits.map((h) => h.annotation.id)).toEqual(['n1']);
    expect(searchAnnotations(db, { query: 'Negotiators', limit: 10 }).hits.map((h) => h.annotation.id)).toEqual(['n2']);
    expect(searchAnnotations(db, { query: 'contested', limit: 10 }).total).toBe(1);
    expect(() => db.prepare("INSERT INTO annotations_fts (annotations_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
    db.close();
  });
});
