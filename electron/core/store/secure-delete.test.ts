import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../testing/tmp';
import { insertArticle } from './articles';
import { listArticles } from './list';
import { insertAnnotation } from './annotations';
import { loadMigrations, openStore, purgeLog, type Db } from './db';
import { startBackend, type Backend } from '../services/app';
import { quietPlatform } from '../testing/platform';

const tmp = useTmpDir();

// No other word in these texts starts with "q", so the index stores this term whole rather than
// as a suffix of a neighbour, and a byte search finds it wherever it is still written.
const SECRET = 'qorvathinexplume';
const FILLER = 'The ferry crossing reopened after the storm and traders returned to the market. ';

function search(db: Db, query: string): number {
  return listArticles(db, { query, sort: 'relevance', descending: true, limit: 50, offset: 0 }).total;
}

function fileHolds(file: string, word: string): boolean {
  const bytes = readFileSync(file);
  return bytes.includes(Buffer.from(word, 'utf8')) || bytes.includes(Buffer.from(word, 'utf16le'));
}

function seed(db: Db): string {
  let secretId = '';
  db.transaction(() => {
    for (let i = 0; i < 30; i++) {
      const text = `${FILLER.repeat(40)}Dispatch ${i}.`;
      insertArticle(db, { title: `Dispatch ${i}`, source: 'wire', url: null, author: null, publishedAt: null, language: 'en', text });
    }
    const text = `${FILLER.repeat(10)}The informant ${SECRET} met the envoy at dawn.\n\n${FILLER.repeat(30)}`;
    const article = insertArticle(db, { title: `Source ${SECRET}`, source: 'wire', url: null, author: null, publishedAt: null, language: 'en', text });
    const start = text.indexOf(SECRET);
    insertAnnotation(db, { articleId: article.id, label: 'actor', start, end: start + SECRET.length, quote: SECRET, note: `${SECRET} is protected` });
    secretId = article.id;
  })();
  return secretId;
}

describe('deleting an article removes its words from the file', () => {
  it('leaves no trace of a unique word in the table, the full-text index or the log once the log is purged', () => {
    const file = join(tmp(), 'library.db');
    const db = openStore(file);
    const id = seed(db);
    db.pragma('wal_checkpoint(TRUNCATE)');
    // The check can see the word when it is there: otherwise its absence later would prove nothing.
    expect(search(db, SECRET)).toBe(1);
    expect(fileHolds(file, SECRET)).toBe(true);

    db.prepare('DELETE FROM articles WHERE id = ?').run(id);
    expect(search(db, SECRET)).toBe(0);
    expect(search(db, 'ferry')).toBe(30);
    expect(db.prepare('SELECT count(*) FROM annotations').pluck().get()).toBe(0);

    expect(purgeLog(db)).toBe(true);
    expect(fileHolds(file, SECRET)).toBe(false);
    if (existsSync(`${file}-wal`)) expect(statSync(`${file}-wal`).size).toBe(0);
    db.close();
    expect(fileHolds(file, SECRET)).toBe(false);
  });

  it('keeps the index usable after secure deletes: other articles are still found, and the word can come back', () => {
    const file = join(tmp(), 'library.db');
    const db = openStore(file);
    const id = seed(db);
    db.prepare('DELETE FROM articles WHERE id = ?').run(id);
    // FTS5's own check compares the index with the articles table and throws on any difference.
    expect(() => db.prepare("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
    insertArticle(db, { title: 'Again', source: null, url: null, author: null, publishedAt: null, language: 'en', text: `Later, ${SECRET} was named again.` });
    expect(search(db, SECRET)).toBe(1);
    expect(search(db, 'Dispatch')).toBe(30);
    db.close();
  });

  it('migration 3 purges the words of articles deleted before it, which the index had kept', () => {
    const file = join(tmp(), 'older.db');
    const before = loadMigrations().filter((m) => m.version < 3);
    const old = openStore(file, { migrations: before });
    const id = seed(old);
    old.prepare('DELETE FROM articles WHERE id = ?').run(id);
    old.pragma('wal_checkpoint(TRUNCATE)');
    expect(search(old, SECRET)).toBe(0);
    // Without the migration the word outlives the deletion: this is what it repairs.
    expect(fileHolds(file, SECRET)).toBe(true);
    old.close();

    const db = openStore(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(fileHolds(file, SECRET)).toBe(false);
    expect(search(db, 'ferry')).toBe(30);
    db.close();
  });
});

/** The library as the app leaves it between calls: the main file, its -wal and its -shm. */
function anyFileHolds(file: string, word: string): string[] {
  return ['', '-wal', '-shm'].filter((s) => existsSync(file + s) && fileHolds(file + s, word)).map((s) => s || 'main');
}

async function call(b: Backend, channel: string, input: unknown): Promise<unknown> {
  const result = await b.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

describe('deleting through the app leaves no copy in the file, the -wal or the -shm while it runs', () => {
  async function running(): Promise<{ b: Backend; file: string; id: string }> {
    const file = join(tmp(), 'app.db');
    const b = await startBackend(file, quietPlatform('analyst'));
    const id = seed(b.db);
    return { b, file, id };
  }

  it('an article, with its annotations and their notes', async () => {
    const { b, file, id } = await running();
    try {
      // Seen before the delete, or its absence afterwards would prove nothing.
      expect(anyFileHolds(file, SECRET)).not.toEqual([]);
      await call(b, 'articles/delete', { ids: [id] });
      expect(anyFileHolds(file, SECRET)).toEqual([]);
      expect(search(b.db, 'ferry')).toBe(30);
    } finally {
      b.close();
    }
  });

  it('an annotation whose note names a source', async () => {
    const { b, file } = await running();
    try {
      const NOTE = 'zelmiraquontex';
      const target = b.db.prepare("SELECT id, text FROM articles WHERE title = 'Dispatch 3'").get() as { id: string; text: string };
      const start = target.text.indexOf('ferry');
      const created = (await call(b, 'annotations/create', { articleId: target.id, label: 'event', start, end: start + 5, note: `told by ${NOTE}` })) as { id: string };
      expect(anyFileHolds(file, NOTE)).not.toEqual([]);
      await call(b, 'annotations/delete', { ids: [created.id] });
      expect(anyFileHolds(file, NOTE)).toEqual([]);
      expect(b.db.prepare('SELECT count(*) FROM annotations WHERE id = ?').pluck().get(created.id)).toBe(0);
    } finally {
      b.close();
    }
  });
});
