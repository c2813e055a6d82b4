import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SearchIndexStatus } from '../../../shared/ipc/library';
import { openStore, type Db } from '../store/db';
import { listArticles } from '../store/list';
import { writeLibraryBeforePrefixes } from '../testing/old-library';
import { ok } from '../testing/backend';
import { quietPlatform } from '../testing/platform';
import { useTmpDir } from '../testing/tmp';
import { startBackend, type Backend } from './app';
import { createSearchIndex, type SearchIndex } from './search-index';

const tmp = useTmpDir();
const open: (Db | Backend | SearchIndex)[] = [];
afterEach(() => {
  for (const it of open.splice(0)) 'stop' in it ? it.stop() : it.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const prefixes = (db: Db) => String(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'articles_fts'").pluck().get()).match(/prefix = '([^']*)'/)?.[1];
const found = (db: Db, query: string) => listArticles(db, { query, sort: 'relevance', descending: true, limit: 500, offset: 0 }).items.map((i) => i.title);

async function until(status: () => SearchIndexStatus, done: (s: SearchIndexStatus) => boolean): Promise<SearchIndexStatus[]> {
  const seen: SearchIndexStatus[] = [];
  for (let i = 0; i < 2000; i++) {
    const s = status();
    seen.push(s);
    if (done(s)) return seen;
    await sleep(5);
  }
  throw new Error(`the search index never got there: ${JSON.stringify(seen.at(-1))}`);
}

function upgraded(count: number): Db {
  const file = join(tmp(), 'library.db');
  writeLibraryBeforePrefixes(file, count);
  const db = openStore(file);
  open.push(db);
  return db;
}

describe('the search index rebuild service', () => {
  it('rebuilds in the background, in slices of about the time asked for, answering searches all along', async () => {
    const db = upgraded(800);
    const expected = found(db, 'ment*');
    expect(expected.length).toBeGreaterThan(100);
    const slices: { ms: number; articles: number }[] = [];
    const index = createSearchIndex(db, { sliceMs: 15, gapMs: 1, onSlice: (ms, articles) => slices.push({ ms, articles }) });
    open.push(index);
    expect(index.status()).toMatchObject({ state: 'rebuilding', done: 0, total: 800 });
    // Searches go on while it runs, between slices, and find what they found before.
    const seen = await until(
      () => {
        expect(found(db, 'ment*')).toEqual(expected);
        return index.status();
      },
      (s) => s.state === 'ready',
    );
    const progress = seen.filter((s) => s.state === 'rebuilding').map((s) => s.done);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(seen.at(-1)).toEqual({ state: 'ready', done: 0, total: 0, error: null });
    expect(prefixes(db)).toBe('2 3 4 5');
    expect(found(db, 'ment*')).toEqual(expected);
    // Sized by the time the last one took: past the first few, slices hold several articles and
    // the typical one takes about the time asked for (the median, as the machine may be busy).
    const sized = slices.slice(3, -1);
    const median = [...sized].sort((a, b) => a.ms - b.ms)[Math.floor(sized.length / 2)]?.ms ?? Infinity;
    expect(median).toBeLessThan(15 * 3);
    expect(Math.max(...sized.map((s) => s.articles))).toBeGreaterThan(4);
  });

  it('stops while paused and goes on when resumed', async () => {
    const db = upgraded(300);
    const index = createSearchIndex(db, { sliceMs: 5, gapMs: 2 });
    open.push(index);
    await until(index.status, (s) => s.done > 0);
    const paused = index.pause(true);
    expect(paused.state).toBe('paused');
    await sleep(100);
    expect(index.status()).toEqual(paused);
    expect(index.pause(false).state).toBe('rebuilding');
    await until(index.status, (s) => s.state === 'ready');
    expect(prefixes(db)).toBe('2 3 4 5');
  });

  it('answers through the contract, and a library that needs no rebuild is ready at once', async () => {
    const file = join(tmp(), 'library.db');
    writeLibraryBeforePrefixes(file, 50);
    const backend = await startBackend(file, quietPlatform('tester'));
    open.push(backend);
    const first = await ok<SearchIndexStatus>(backend, 'library/pauseSearchIndex', { paused: true });
    expect(first).toMatchObject({ state: 'paused', total: 50 });
    await ok(backend, 'library/pauseSearchIndex', { paused: false });
    for (let i = 0; i < 400; i++) {
      if ((await ok<SearchIndexStatus>(backend, 'library/searchIndex', {})).state === 'ready') break;
      await sleep(10);
    }
    expect(await ok<SearchIndexStatus>(backend, 'library/searchIndex', {})).toEqual({ state: 'ready', done: 0, total: 0, error: null });

    const fresh = await startBackend(join(tmp(), 'new.db'), quietPlatform('tester'));
    open.push(fresh);
    expect(await ok<SearchIndexStatus>(fresh, 'library/searchIndex', {})).toMatchObject({ state: 'ready' });
  });
});
