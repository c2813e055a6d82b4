import { useCallback, useEffect, useState } from 'react';
import type { ListInput } from '../../../shared/ipc/contract';
import { call } from '../api/client';
import { PageCache } from './pageCache';

export type ListQuery = Omit<ListInput, 'limit' | 'offset'>;

const fetcher = (key: string) => (offset: number, limit: number) => call('articles/list', { ...(JSON.parse(key) as ListQuery), limit, offset });

/**
 * Loads a query's results a page at a time as rows scroll into view, so a library of 100,000
 * articles costs one page of rows in memory and one query per page, not one per article. When
 * the library changes (a tag, an edit, an import) the pages already loaded stay on screen and only
 * those scrolled into view again are asked for anew; a new query starts from nothing.
 */
export function usePagedArticles(query: ListQuery, revision: number) {
  const key = JSON.stringify(query);
  const [, setTick] = useState(0);
  const [cache] = useState(() => new PageCache(fetcher(key), () => setTick((t) => t + 1)));
  cache.revision = revision;

  useEffect(() => {
    cache.reset(fetcher(key));
    cache.load(0);
  }, [cache, key]);

  // A change to the library: the first page is reloaded for the total; others as they are shown.
  useEffect(() => cache.load(0), [cache, revision]);

  // A new function for a new query, so views memoised on it draw the new rows.
  const itemAt = useCallback((index: number) => cache.itemAt(index), [cache, key]);
  return { total: cache.total, error: cache.error, itemAt };
}
