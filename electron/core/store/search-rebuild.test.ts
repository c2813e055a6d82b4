import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRng } from '../testing/fuzz';
import { useTmpDir } from '../testing/tmp';
import { insertArticle } from './articles';
import { loadMigrations, openStore, purgeLog, schemaVersion, type Db } from './db';
import { listArticles } from './list';
import { finishSearchRebuild, rebuildSlice, searchRebuildPending, searchRebuildProgress } from './search-rebuild';

const tmp = useTmpDir();
const ALL = loadMigrations();
const CHILD = fileURLToPath(new URL('../testing/rebuild-child.ts', import.meta.url));
const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

const WORDS = ['government', 'statement', 'mentioned', 'mentor', 'drones', 'port', 'reported', 'repairs', 'ceasefire', 'negotiations', 'Міністерство', 'оборони', 'обстріл', '无人机', '港口', 'the', 'of', 'and'];
const QUERIES = ['ment*', 'mentio*', 'gover*', 'drone*', 'repo*', '"government statement"', 'міні*', 'обстр*', '无人', '港', 'me*', 'port', 'ceasefire', 'nego*'];

const draft = (title: string, text: string) => ({ title, source: null, url: null, author: null, publishedAt: null, language: null, text });

/** `words` given: that many, most of them drawn from thousands of made-up ones, so the index is of a realistic size. */
function text(rng: ReturnType<typeof createRng>, words?: number): string {
  if (words === undefined) return Array.from({ length: 8 + rng.int(40) }, () => rng.pick(WORDS)).join(' ');
  return Array.from({ length: words }, () => (rng.next() < 0.3 ? rng.pick(WORDS) : `w${rng.int(20_000).toString(36)}x`)).join(' ');
}

/** The same articles, in the same order (so the same rowids), into each library. */
function fill(dbs: Db[], count: number, seed: number, words?: number): void {
  const rng = createRng(seed);
  const drafts = Array.from({ length: count }, (_, i) => draft(`Article ${seed}-${i} ${rng.pick(WORDS)}`, text(rng, words)));
  for (const db of dbs) db.transaction(() => drafts.forEach((d) => insertArticle(db, d)))();
}

/** Every page a search gives in the library list: ranked titles with their snippets, and the count. */
function answers(db: Db): unknown[] {
  return QUERIES.map((query) => {
    const list = listArticles(db, { query, sort: 'relevance', descending: true, limit: 40, offset: 0 });
    return { query, total: list.total, items: list.items.map((i) => [i.title, i.snippet]) };
  });
}

const prefixes = (db: Db) => String(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'articles_fts'").pluck().get()).match(/prefix = '([^']*)'/)?.[1];
/** The schema as SQLite keeps it, but for the quotes a renamed table's statements gain. */
const schema = (db: Db) =>
  (db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as { sql: string | null }[]).map((r) => ({
    ...r,
    sql: r.sql?.replace(/["']articles_fts(\w*)["']/g, 'articles_fts$1'),
  }));

/** A library left at version 14 by an older Spanwise, and a new library holding the same articles. */
function libraries(count: number, words?: number): { file: string; old: Db; fresh: Db } {
  const file = join(tmp(), 'v14.db');
  const old = openStore(file, { migrations: ALL.slice(0, 14) });
  const fresh = openStore(join(tmp(), 'fresh.db'));
  fill([old, fresh], count, 1, words);
  return { file, old, fresh };
}

/** The same edits to both libraries: new articles, changed text, deletes, across the whole rowid range. */
function edit(dbs: Db[], seed: number): void {
  for (const db of dbs) {
    const rng = createRng(seed);
    const rowids = db.prepare('SELECT rowid FROM articles ORDER BY rowid').pluck().all() as number[];
    db.transaction(() => {
      for (let k = 0; k < 6; k++) {
        const rowid = rowids[rng.int(rowids.length)] as number;
        if (rng.next() < 0.5) db.prepare('UPDATE articles SET text = ?, text_hash = ? WHERE rowid = ?').run(text(rng), `h${seed}-${k}`, rowid);
        else db.prepare('DELETE FROM articles WHERE rowid = ?').run(rowid);
      }
    })();
    fill([db], 3, seed);
  }
}

function checkIndexes(db: Db): void {
  // Compares every index with the articles it was made from, not only its own structure.
  expect(() => db.prepare("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
}

describe('the search index rebuilt in the background (migration 0019)', () => {
  it('opens a library from before 0015 without reindexing it, answers searches all through the rebuild, and ends as a new library', () => {
    const { file, old, fresh } = libraries(600);
    const before = answers(old);
    old.close();

    const db = openStore(file);
    expect(schemaVersion(db)).toBe(ALL.length);
    // The open indexed nothing: the old index still answers, the new one is empty.
    expect(prefixes(db)).toBe('2 3');
    expect(db.prepare('SELECT count(*) FROM articles_fts_next_docsize').pluck().get()).toBe(0);
    expect(searchRebuildProgress(db)).toEqual({ done: 0, total: 600 });
    expect(answers(db)).toEqual(before);
    expect(answers(db)).toEqual(answers(fresh));

    let seed = 10;
    for (let step = 0; !rebuildSlice(db, 45).finished; step++) {
      if (step % 3 === 0) edit([db, fresh], seed++);
      expect(answers(db)).toEqual(answers(fresh));
    }
    expect(seed).toBeGreaterThan(12);
    expect(prefixes(db)).toBe('2 3 4 5');
    expect(schema(db)).toEqual(schema(fresh));
    expect(answers(db)).toEqual(answers(fresh));
    checkIndexes(db);
    // The triggers are a new library's again: a change reaches the one index left.
    edit([db, fresh], 99);
    expect(answers(db)).toEqual(answers(fresh));
    checkIndexes(db);
    db.close();
    fresh.close();
  });

  it('opens in a fraction of the time the rebuild inside migration 0015 took', () => {
    const { file, old, fresh } = libraries(2000, 300);
    old.close();
    fresh.close();
    const copy = join(tmp(), 'copy.db');
    copyFileSync(file, copy);
    const timed = (open: () => Db) => {
      const t0 = performance.now();
      open().close();
      return performance.now() - t0;
    };
    // The same migrations but 0019, whose absence makes 0015 rebuild the index as every release
    // before it did. The open's page check (every page of a library this small) is left out of
    // both: it is the same for each.
    const blocking = timed(() => openStore(copy, { migrations: ALL.slice(0, 18), fullCheckUpToBytes: 0 }));
    const deferred = timed(() => openStore(file, { migrations: ALL.slice(0, 19), fullCheckUpToBytes: 0 }));
    expect(deferred).toBeLessThan(blocking / 4);
  });

  it('takes up again where it stood after a quit, and after the process is killed mid-slice', async () => {
    const { file, old, fresh } = libraries(400);
    old.close();
    let db = openStore(file);
    rebuildSlice(db, 50);
    rebuildSlice(db, 50);
    db.close();
    db = openStore(file);
    expect(searchRebuildProgress(db)).toEqual({ done: 100, total: 400 });
    db.close();

    const acked = await killedWhileRebuilding(file);
    db = openStore(file);
    const progress = searchRebuildProgress(db);
    expect(progress?.done ?? 400).toBeGreaterThanOrEqual(Math.max(100, acked));
    expect(answers(db)).toEqual(answers(fresh));
    finishSearchRebuild(db);
    expect(searchRebuildProgress(db)).toBeNull();
    expect(answers(db)).toEqual(answers(fresh));
    expect(schema(db)).toEqual(schema(fresh));
    checkIndexes(db);
    db.close();
    fresh.close();
  });

  it("leaves no trace of a deleted article's words in the pages the old index held", () => {
    // No other word here starts with "q", so an index stores it whole and a byte search finds it.
    const SECRET = 'qorvathinexplume';
    const { file, old, fresh } = libraries(300, 200);
    fresh.close();
    const secret = insertArticle(old, draft('Source', `The informant ${SECRET} met the envoy. ${'More text about the port. '.repeat(200)}`));
    old.close();
    const db = openStore(file);
    finishSearchRebuild(db, 40);
    db.prepare('DELETE FROM articles WHERE id = ?').run(secret.id);
    expect(listArticles(db, { query: SECRET, sort: 'relevance', descending: true, limit: 5, offset: 0 }).total).toBe(0);
    expect(purgeLog(db)).toBe(true);
    expect(readFileSync(file).includes(Buffer.from(SECRET))).toBe(false);
    // The freed pages are kept, zeroed, for the library to grow into.
    expect(db.pragma('freelist_count', { simple: true })).toBeGreaterThan(0);
    checkIndexes(db);
    db.close();
  });

  it('takes up the wiping of the old index where it stood after a quit between the swap and its end', () => {
    const { file, old, fresh } = libraries(300, 200);
    old.close();
    let db = openStore(file);
    while (searchRebuildProgress(db) !== null) rebuildSlice(db, 100);
    // Swapped, and one slice of wiping done: the rest is still to do.
    rebuildSlice(db, 1);
    expect(searchRebuildPending(db)).toBe(true);
    db.close();
    db = openStore(file);
    expect(searchRebuildPending(db)).toBe(true);
    expect(answers(db)).toEqual(answers(fresh));
    finishSearchRebuild(db, 1);
    expect(searchRebuildPending(db)).toBe(false);
    expect(schema(db)).toEqual(schema(fresh));
    checkIndexes(db);
    db.close();
    fresh.close();
  });

  it('leaves libraries that need no rebuild alone', () => {
    const db = openStore(join(tmp(), 'new.db'));
    expect(searchRebuildProgress(db)).toBeNull();
    expect(prefixes(db)).toBe('2 3 4 5');
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'articles_fts_next%'").pluck().get()).toBe(0);
    db.close();
    // Past 0015 already (its rebuild ran when it was applied): nothing to do either.
    const file = join(tmp(), 'v16.db');
    openStore(file, { migrations: ALL.slice(0, 16) }).close();
    const upgraded = openStore(file);
    expect(searchRebuildProgress(upgraded)).toBeNull();
    upgraded.close();
  });
});

/** Runs slices in a child process, killed after a few; gives the last position it reported committed. */
function killedWhileRebuilding(file: string): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let acked = 0;
    let partial = '';
    let stderr = '';
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        acked = Math.max(acked, Number(line.split(' ')[1]));
        if (line.startsWith('slice') && acked >= 200) child.kill('SIGKILL');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (_code, signal) => {
      clearTimeout(guard);
      if (signal !== 'SIGKILL') fail(new Error(`the rebuilding child ended by itself: ${stderr}`));
      else done(acked);
    });
  });
}
