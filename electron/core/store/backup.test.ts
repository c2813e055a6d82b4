import Database from 'better-sqlite3-multiple-ciphers';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArticleDraft } from '../../../shared/model';
import { dumpTables } from '../testing/dump';
import { useTmpDir } from '../testing/tmp';
import { insertArticle } from './articles';
import { insertAnnotation } from './annotations';
import { backupStore, restoreStore, verifyBackup } from './backup';
import { loadMigrations, openStore, StoreError, type Db } from './db';

const tmp = useTmpDir();
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function draft(title: string, body: string): ArticleDraft {
  return { title, source: 'wire', url: null, author: null, publishedAt: '2024-11-26', language: 'en', text: body };
}

/** One article with two annotations, written as one transaction, as an import would. */
function addArticle(db: Db, n: number, bodyRepeat = 6): void {
  db.transaction(() => {
    const text = `Report ${n}: the council met on Tuesday. ${'Crews cleared the road and power returned to the district. '.repeat(bodyRepeat)}`;
    const article = insertArticle(db, draft(`Report ${n}`, text));
    insertAnnotation(db, { articleId: article.id, label: 'event', start: 0, end: 6, quote: text.slice(0, 6) });
    insertAnnotation(db, { articleId: article.id, label: 'actor', start: 14, end: 21, quote: text.slice(14, 21), attrs: { kind: 'organisation' } });
  })();
}

function library(file: string, articles: number): Db {
  const db = openStore(file);
  db.transaction(() => {
    for (let i = 0; i < articles; i++) addArticle(db, i, 60);
  })();
  return db;
}

function refusal(run: () => unknown): StoreError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return err as StoreError;
  }
  throw new Error('expected a refusal');
}

async function refusalAsync(run: () => Promise<unknown>): Promise<StoreError> {
  try {
    await run();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return err as StoreError;
  }
  throw new Error('expected a refusal');
}

describe('backup and restore', () => {
  it('backs up while another connection writes, and restores to the same content', async () => {
    const dir = tmp();
    const file = join(dir, 'library.db');
    const app = library(file, 300);
    const seeded = app.prepare('SELECT id FROM articles').pluck().all() as string[];
    const writer = openStore(file);

    // The writer commits between the backup's steps (both run on this event loop), which is what
    // a second process writing during a backup looks like to SQLite.
    let writing = true;
    let written = 0;
    const writes = (async () => {
      while (writing) {
        addArticle(writer, 1000 + written++);
        await new Promise<void>((r) => setImmediate(r));
      }
    })();
    const progress: number[] = [];
    const dest = join(dir, 'backups', 'library-backup.db');
    await expect(backupStore(app, dest)).rejects.toThrow(/directory/);
    const backupDir = join(dir, 'backups');
    mkdirSync(backupDir);
    const counts = await backupStore(app, dest, (done) => progress.push(done));
    writing = false;
    await writes;

    expect(written).toBeGreaterThan(0);
    expect(progress.length).toBeGreaterThan(1);
    expect(readdirSync(backupDir)).toEqual(['library-backup.db']);
    expect(counts.schemaVersion).toBe(loadMigrations().length);

    const backup = new Database(dest, { readonly: true });
    expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(backup.pragma('journal_mode', { simple: true })).toBe('delete');
    const ids = new Set(backup.prepare('SELECT id FROM articles').pluck().all() as string[]);
    for (const id of seeded) expect(ids.has(id)).toBe(true);
    // A snapshot, not a blend: every article it holds arrived whole with both annotations.
    expect(backup.prepare('SELECT count(*) FROM annotations').pluck().get()).toBe(ids.size * 2);
    expect(backup.prepare('SELECT count(*) FROM article_counts WHERE total != 2').pluck().get()).toBe(0);
    expect(counts).toEqual({ schemaVersion: counts.schemaVersion, articles: ids.size, annotations: ids.size * 2 });
    const backupDump = dumpTables(backup);
    backup.close();

    const restoredFile = join(dir, 'restored.db');
    writeFileSync(restoredFile, 'an older library');
    await restoreStore(dest, restoredFile);
    const restored = openStore(restoredFile);
    expect(dumpTables(restored)).toBe(backupDump);
    expect(restored.prepare("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'council'").pluck().get()).toBe(ids.size);
    restored.close();

    // Once the writer is quiet a backup equals the library exactly.
    const quiet = join(dir, 'backups', 'quiet.db');
    await backupStore(app, quiet);
    const copy = new Database(quiet, { readonly: true });
    expect(dumpTables(copy)).toBe(dumpTables(app));
    copy.close();
    writer.close();
    app.close();
  });

  it('refuses a damaged backup and leaves the target exactly as it was', async () => {
    const dir = tmp();
    const app = library(join(dir, 'library.db'), 200);
    const dest = join(dir, 'backup.db');
    await backupStore(app, dest);
    app.close();
    const bytes = readFileSync(dest);
    // Damages a page well past the header so the file still looks like a database.
    randomBytes(4096).copy(bytes, Math.floor(bytes.length / 4096 / 2) * 4096);
    writeFileSync(dest, bytes);

    const target = join(dir, 'target.db');
    const other = openStore(target);
    addArticle(other, 7);
    other.close();
    const before = sha256(target);
    const filesBefore = readdirSync(dir).sort();

    expect(refusal(() => verifyBackup(dest)).code).toBe('corrupt');
    const err = await refusalAsync(() => restoreStore(dest, target));
    expect(err.code).toBe('corrupt');
    expect(err.message).toContain(dest);
    expect(sha256(target)).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(filesBefore);
  });

  it('refuses a file that is not a database, or not a Spanwise library', async () => {
    const dir = tmp();
    const noise = join(dir, 'noise.db');
    writeFileSync(noise, randomBytes(8192));
    expect(refusal(() => verifyBackup(noise)).code).toBe('corrupt');
    const foreign = join(dir, 'foreign.db');
    const raw = new Database(foreign);
    raw.exec('CREATE TABLE notes (x)');
    raw.close();
    expect(refusal(() => verifyBackup(foreign)).code).toBe('invalid');
    expect(refusal(() => verifyBackup(join(dir, 'missing.db'))).code).toBe('not_found');
    const target = join(dir, 'target.db');
    await refusalAsync(() => restoreStore(noise, target));
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a backup from a newer Spanwise and leaves the target untouched', async () => {
    const dir = tmp();
    const app = library(join(dir, 'library.db'), 5);
    const dest = join(dir, 'backup.db');
    await backupStore(app, dest);
    app.close();
    const raw = new Database(dest);
    raw.pragma('user_version = 999');
    raw.close();

    const target = join(dir, 'target.db');
    const other = openStore(target);
    addArticle(other, 1);
    other.close();
    const before = sha256(target);
    const err = await refusalAsync(() => restoreStore(dest, target));
    expect(err.code).toBe('newer_schema');
    expect(err.message).toMatch(/999/);
    expect(sha256(target)).toBe(before);
  });

  it('replaces a library whose old log is still beside it, and can keep the previous library', async () => {
    const dir = tmp();
    const app = library(join(dir, 'library.db'), 3);
    const dest = join(dir, 'backup.db');
    await backupStore(app, dest);
    app.close();

    const target = join(dir, 'target.db');
    const old = openStore(target);
    addArticle(old, 99);
    // A real log of the old library, as a crash would leave it: its frames are valid, so SQLite
    // would replay them into whatever file carries the library's name next.
    const staleLog = readFileSync(`${target}-wal`);
    expect(staleLog.length).toBeGreaterThan(4096);
    old.close();
    writeFileSync(`${target}-wal`, staleLog);
    const previous = join(dir, 'target.before-restore.db');
    await restoreStore(dest, target, { keepPreviousAs: previous });

    const restored = openStore(target);
    expect(restored.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(3);
    expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
    restored.close();
    const kept = new Database(previous, { readonly: true });
    expect(kept.prepare("SELECT count(*) FROM articles WHERE title = 'Report 99'").pluck().get()).toBe(1);
    kept.close();
    await expect(restoreStore(dest, target, { keepPreviousAs: previous })).rejects.toThrow(/already exists/);
  });

  it('refuses to restore over a library another connection still has open, and leaves it alone', async () => {
    const dir = tmp();
    const app = library(join(dir, 'library.db'), 2);
    const dest = join(dir, 'backup.db');
    await backupStore(app, dest);
    app.close();
    const target = join(dir, 'target.db');
    const open = openStore(target);
    addArticle(open, 5);
    const before = dumpTables(open);

    const err = await refusalAsync(() => restoreStore(dest, target));
    expect(err.code).toBe('conflict');
    expect(err.message).toContain(target);
    expect(dumpTables(open)).toBe(before);
    addArticle(open, 6);
    open.close();
    await restoreStore(dest, target);
    const restored = openStore(target);
    expect(restored.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(2);
    restored.close();
  });

  it('refuses to back up onto the library itself', async () => {
    const dir = tmp();
    const file = join(dir, 'library.db');
    const app = library(file, 1);
    await expect(backupStore(app, file)).rejects.toThrow(/onto itself/);
    expect(app.pragma('integrity_check', { simple: true })).toBe('ok');
    app.close();
  });
});
