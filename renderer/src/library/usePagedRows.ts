import { useCallback, useEffect, useLayoutEffect, useState } from 'react';
import { PageCache, type PageAnswer } from './pageCache';

/** Rows asked for at a time: a few screens of a list, one query each. */
const PAGE_SIZE = 200;

/**
 * A paged list's rows a page at a time as they scroll into view (as the library's articles are),
 * so a list of 100,000 rows costs the rows on screen and one query per page. When the library
 * changes, the pages shown stay until their reload arrives. `fetchPage` is read once per query:
 * the query itself (compared by its JSON) decides when the list starts over.
 */
export function usePagedRows<Q, T>(
  query: Q,
  revision: number,
  fetchPage: (query: Q, offset: number, limit: number) => Promise<PageAnswer<T>>,
  pageSize: number | ((query: Q) => number) = PAGE_SIZE,
) {
  const sizeOf = (q: Q) => (typeof pageSize === 'function' ? pageSize(q) : pageSize);
  const key = JSON.stringify(query);
  const fetcher = (k: string) => (offset: number, limit: number) => fetchPage(JSON.parse(k) as Q, offset, limit);
  const [, setTick] = useState(0);
  const [cache] = useState(() => new PageCache<T>(fetcher(key), () => setTick((t) => t + 1), sizeOf(query)));
  cache.revision = revision;

  // Before the frame is drawn, not after it: a new sort or filter's first page is asked for a frame sooner.
  useLayoutEffect(() => {
    cache.reset(fetcher(key), sizeOf(JSON.parse(key) as Q));
    cache.load(0);
    // The fetcher is rebuilt for each query; a new function identity alone is not a new query.
  }, [cache, key]);

  useEffect(() => cache.load(0), [cache, revision]);

  // A new function for a new query, so the list draws the new rows.
  const itemAt = useCallback((index: number) => cache.itemAt(index), [cache, key]);
  return { total: cache.total, capped: cache.capped, error: cache.error, itemAt };
}
