import Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../testing/tmp';
import { cached, loadMigrations, migrate, openStore, schemaVersion, StoreError } from './db';

describe('store migrations', () => {
  const tmp = useTmpDir();

  it('applies every numbered migration to a new database, in order', () => {
    const db = openStore(join(tmp(), 'a.db'));
    expect(schemaVersion(db)).toBe(loadMigrations().length);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['articles', 'annotations', 'article_counts', 'articles_fts']));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('is idempotent: reopening does not re-run migrations', () => {
    const file = join(tmp(), 'b.db');
    openStore(file).close();
    const db = openStore(file);
    expect(schemaVersion(db)).toBe(loadMigrations().length);
    db.close();
  });

  it('refuses a database from a newer version and leaves it untouched', () => {
    const file = join(tmp(), 'newer.db');
    const raw = new Database(file);
    raw.exec('CREATE TABLE future (x)');
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => openStore(file)).toThrowError(StoreError);
    try {
      openStore(file);
    } catch (err) {
      expect((err as StoreError).code).toBe('newer_schema');
      expect((err as Error).message).toMatch(/schema version 999/);
    }
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(999);
    expect(check.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'articles'").pluck().get()).toBe(0);
    check.close();
  });

  it('rolls back a failing migration as a whole', () => {
    const db = new Database(':memory:');
    const bad = [
      { version: 1, name: 'ok', sql: 'CREATE TABLE t (x)' },
      { version: 2, name: 'broken', sql: 'CREATE TABLE u (y); INSERT INTO nope VALUES (1);' },
    ];
    expect(() => migrate(db, bad)).toThrowError(/migration 2 \(broken\) failed/);
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'u'").pluck().get()).toBe(0);
  });

  it('migration 1 keeps label counts and the FTS index in step with the rows', () => {
    const db = openStore(':memory:');
    db.prepare("INSERT INTO articles (id, title, text, text_hash, imported_at, updated_at) VALUES ('a', 'T', 'Drones over Kyiv', 'h', 'x', 'x')").run();
    const ins = db.prepare("INSERT INTO annotations (id, article_id, label, start, \"end\", quote, created_at, updated_at) VALUES (?, 'a', ?, 0, 6, 'Drones', 'x', 'x')");
    ins.run('n1', 'figure');
    ins.run('n2', 'event');
    db.prepare("UPDATE annotations SET label = 'claim' WHERE id = 'n2'").run();
    expect(db.prepare("SELECT event, claim, figure, total FROM article_counts WHERE article_id = 'a'").get()).toEqual({ event: 0, claim: 1, figure: 1, total: 2 });
    expect(db.prepare("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'kyiv'").pluck().get()).toBe(1);
    db.prepare("DELETE FROM articles WHERE id = 'a'").run();
    expect(db.prepare("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'kyiv'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM annotations').pluck().get()).toBe(0);
  });
});

describe('cached statements', () => {
  it('keeps one statement per row mode, so a plucking caller does not change what another reads', () => {
    const db = openStore(':memory:');
    const sql = "SELECT 'x' AS v";
    expect(cached(db, sql, 'pluck').get()).toBe('x');
    expect(cached(db, sql).get()).toEqual({ v: 'x' });
    expect(cached(db, sql, 'raw').get()).toEqual(['x']);
    expect(cached(db, sql, 'pluck').get()).toBe('x');
    expect(cached(db, sql)).toBe(cached(db, sql));
    db.close();
  });
});
