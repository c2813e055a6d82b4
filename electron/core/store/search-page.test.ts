import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_CAP } from '../../../shared/ipc/contract';
import { useTmpDir } from '../testing/tmp';
import { insertArticle } from './articles';
import { listArticles } from './list';
import { openStore, type Db } from './db';

const tmp = useTmpDir();
const OLD_STRONG = 3;
const NEWER = SEARCH_CAP + 200;

/**
 * A library where "harbour" is in more articles than the cap: the oldest few say it many times
 * (a full bm25 ranks them first), the newer ones once, except every hundredth, which says it
 * three times. "quay" is in a few articles only.
 */
let db: Db;
const ids: string[] = [];
beforeAll(() => {
  db = openStore(join(tmp(), 'cap.db'));
  db.transaction(() => {
    for (let i = 0; i < OLD_STRONG + NEWER; i++) {
      const times = i < OLD_STRONG ? 12 : i % 100 === 0 ? 3 : 1;
      const text = `${'The harbour was busy. '.repeat(times)}Article ${i} of the ledger${i % 400 === 7 ? ' at the quay' : ''}.`;
      const a = insertArticle(db, { title: `A${i}`, source: i % 2 ? 'Odd' : 'Even', url: null, author: null, publishedAt: null, language: null, text });
      ids.push(a.id);
    }
  })();
});
afterAll(() => db.close());

const search = (query: string, limit: number, offset = 0, extra: Record<string, unknown> = {}) =>
  listArticles(db, { query, sort: 'relevance', descending: true, limit, offset, ...extra } as Parameters<typeof listArticles>[1]);

describe('search past the cap', () => {
  it('stops counting at the cap and says the total is capped', () => {
    const r = search('harbour', 20);
    expect(r).toMatchObject({ total: SEARCH_CAP, capped: true });
    expect(r.items).toHaveLength(20);
    expect(search('harb*', 20)).toMatchObject({ total: SEARCH_CAP, capped: true });
    expect(search('"harbour was busy"', 20)).toMatchObject({ total: SEARCH_CAP, capped: true });
    // Filtered searches count the same way.
    expect(search('harbour', 5, 0, { source: 'Odd' })).toMatchObject({ total: 601, capped: false });
    expect(search('harbour', 5, 0, { source: 'Even' })).toMatchObject({ total: 602, capped: false });
    expect(search('ledger', 5, 0, { sort: 'title' })).toMatchObject({ total: SEARCH_CAP, capped: true });
  });

  it('counts exactly below the cap and without a query', () => {
    expect(search('quay', 20)).toMatchObject({ total: 3, capped: false });
    const all = listArticles(db, { sort: 'imported', descending: true, limit: 5, offset: 0 });
    expect(all).toMatchObject({ total: OLD_STRONG + NEWER, capped: false });
  });

  it('ranks the newest matches by bm25: the ones saying it three times first, the old strong ones not among them', () => {
    const first = search('harbour', 20).items.map((i) => i.title);
    const thrice = ids.map((_, i) => i).filter((i) => i >= OLD_STRONG + NEWER - SEARCH_CAP && i % 100 === 0);
    expect(new Set(first.slice(0, thrice.length))).toEqual(new Set(thrice.map((i) => `A${i}`)));
    for (let i = 0; i < OLD_STRONG; i++) expect(first).not.toContain(`A${i}`);
  });

  it('pages through every match once: the ranked newest, then the older ones newest first', () => {
    const seen: string[] = [];
    for (let offset = 0; offset < OLD_STRONG + NEWER + 40; offset += 45) seen.push(...search('harbour', 45, offset).items.map((i) => i.id));
    expect(seen).toHaveLength(ids.length);
    expect(new Set(seen)).toEqual(new Set(ids));
    const past = search('harbour', 30, SEARCH_CAP - 10).items.map((i) => i.title);
    // The last ten ranked rows, then the newest of the older ones.
    expect(past.slice(10)).toEqual(Array.from({ length: 20 }, (_, k) => `A${OLD_STRONG + NEWER - SEARCH_CAP - 1 - k}`));
    const ranked = new Set(search('harbour', SEARCH_CAP).items.map((i) => i.title));
    expect(past.slice(0, 10).every((t) => ranked.has(t))).toBe(true);
  });

  it('lists a phrase past the cap newest first, every match once', () => {
    const newest = (from: number, n: number) => Array.from({ length: n }, (_, k) => `A${OLD_STRONG + NEWER - 1 - from - k}`);
    expect(search('"harbour was busy"', 20).items.map((i) => i.title)).toEqual(newest(0, 20));
    expect(search('"harbour was busy"', 30, SEARCH_CAP - 10).items.map((i) => i.title)).toEqual(newest(SEARCH_CAP - 10, 30));
    const seen: string[] = [];
    for (let offset = 0; offset < ids.length; offset += 200) seen.push(...search('"harbour was busy" ledger', 200, offset).items.map((i) => i.id));
    expect(new Set(seen)).toEqual(new Set(ids));
    expect(seen).toHaveLength(ids.length);
    // Below the cap a phrase is counted exactly (and ranked by bm25, as before).
    expect(search('"harbour was busy" quay', 5)).toMatchObject({ total: 3, capped: false });
    expect(search('"harbour was busy" quay', 5).items.map((i) => i.title).sort()).toEqual(['A407', 'A7', 'A807']);
  });

  it('cuts a snippet for each row of the page asked for', () => {
    const r = search('harbour', 7, 3);
    expect(r.items).toHaveLength(7);
    for (const item of r.items) expect(item.snippet).toContain('\ue000harbour\ue001');
  });
});
