import { useCallback, useEffect, useState } from 'react';
import type { EntityListInput, EntitySummary } from '../../../shared/ipc/entities';
import { call } from '../api/client';
import { PageCache } from '../library/pageCache';

export type EntityQuery = Omit<EntityListInput, 'limit' | 'offset'>;

/** Rows asked for at a time: a few screens of the list, one query each. */
const PAGE_SIZE = 200;

const fetcher = (key: string) => (offset: number, limit: number) => call('entities/list', { ...(JSON.parse(key) as EntityQuery), limit, offset });

/**
 * The registry's entities a page at a time as rows scroll into view (as the library's articles
 * are), so 10,000 entities cost one page of rows and one query per page. When the registry
 * changes, the pages shown stay until their reload arrives.
 */
export function useEntityPages(query: EntityQuery, revision: number) {
  const key = JSON.stringify(query);
  const [, setTick] = useState(0);
  const [cache] = useState(() => new PageCache<EntitySummary>(fetcher(key), () => setTick((t) => t + 1), PAGE_SIZE));
  cache.revision = revision;

  useEffect(() => {
    cache.reset(fetcher(key));
    cache.load(0);
  }, [cache, key]);

  useEffect(() => cache.load(0), [cache, revision]);

  const itemAt = useCallback((index: number) => cache.itemAt(index), [cache, key]);
  return { total: cache.total, error: cache.error, itemAt };
}
