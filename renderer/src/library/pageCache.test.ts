import { describe, expect, it } from 'vitest';
import { LIBRARY_PAGE_SIZE, SEARCH_PAGE_SIZE, type ListItem } from '../../../shared/ipc/contract';
import { PageCache, type PageAnswer } from './pageCache';

/** A fetch whose answers the test hands out one by one, in any order. */
function controlled() {
  const asked: { offset: number; answer(a: PageAnswer): Promise<void>; fail(message: string): Promise<void> }[] = [];
  const fetchPage = (offset: number) =>
    new Promise<PageAnswer>((ok, fail) => {
      // Settles, then lets the cache's own handlers run before the test looks.
      const after = () => new Promise<void>((r) => setTimeout(r, 0));
      asked.push({ offset, answer: (a) => (ok(a), after()), fail: (m) => (fail(new Error(m)), after()) });
    });
  return { asked, fetchPage };
}

const item = (title: string) => ({ id: title, title }) as ListItem;
const answer = (title: string, total: number): PageAnswer => ({ items: [item(title)], total });

describe('PageCache', () => {
  it('asks for pages of the size the new query uses after a reset, and says when the total is capped', async () => {
    const offsets: [number, number][] = [];
    const fetchPage = (offset: number, limit: number) => {
      offsets.push([offset, limit]);
      return Promise.resolve({ items: Array.from({ length: limit }, (_, i) => item(`r${offset + i}`)), total: 1000, capped: limit === SEARCH_PAGE_SIZE });
    };
    const cache = new PageCache(fetchPage, () => {});
    cache.itemAt(LIBRARY_PAGE_SIZE);
    await new Promise((r) => setTimeout(r, 0));
    expect(cache.capped).toBe(false);
    cache.reset(fetchPage, SEARCH_PAGE_SIZE);
    cache.itemAt(SEARCH_PAGE_SIZE * 2 + 3);
    await new Promise((r) => setTimeout(r, 0));
    expect(offsets).toEqual([
      [LIBRARY_PAGE_SIZE, LIBRARY_PAGE_SIZE],
      [SEARCH_PAGE_SIZE * 2, SEARCH_PAGE_SIZE],
    ]);
    expect(cache.itemAt(SEARCH_PAGE_SIZE * 2 + 3)?.title).toBe(`r${SEARCH_PAGE_SIZE * 2 + 3}`);
    expect(cache.capped).toBe(true);
  });

  it('keeps the newer answer when an older revision answers after it', async () => {
    const { asked, fetchPage } = controlled();
    const cache = new PageCache(fetchPage, () => {});
    cache.load(0);
    cache.revision = 1;
    cache.load(0);
    expect(asked).toHaveLength(2);
    await asked[1]?.answer(answer('new', 5));
    await asked[0]?.answer(answer('old', 4));
    expect(cache.itemAt(0)?.title).toBe('new');
    expect(cache.total).toBe(5);
    // Up to date: nothing is asked for again.
    expect(asked).toHaveLength(2);
  });

  it("drops the old query's answers after a reset", async () => {
    const { asked, fetchPage } = controlled();
    let changes = 0;
    const cache = new PageCache(fetchPage, () => changes++);
    cache.load(0);
    cache.reset(fetchPage);
    cache.load(0);
    await asked[1]?.answer(answer('filtered', 1));
    await asked[0]?.answer(answer('unfiltered', 100));
    await asked[0]?.fail('late');
    expect(cache.itemAt(0)?.title).toBe('filtered');
    expect(cache.total).toBe(1);
    expect(cache.error).toBeNull();
    expect(changes).toBe(1);
  });

  it('shows a page of an older revision while it is asked for again, and loads deeper pages by index', async () => {
    const { asked, fetchPage } = controlled();
    const cache = new PageCache(fetchPage, () => {});
    expect(cache.itemAt(LIBRARY_PAGE_SIZE + 1)).toBeUndefined();
    expect(asked.map((a) => a.offset)).toEqual([LIBRARY_PAGE_SIZE]);
    await asked[0]?.answer({ items: [item('a'), item('b')], total: 60 });
    cache.revision = 1;
    expect(cache.itemAt(LIBRARY_PAGE_SIZE + 1)?.title).toBe('b');
    expect(asked).toHaveLength(2);
    await asked[1]?.fail('store busy');
    expect(cache.error).toBe('store busy');
  });
});
