import { useCallback, useEffect, useState } from 'react';
import type { Mention } from '../../../shared/ipc/entities';
import { call } from '../api/client';
import { PageCache } from '../library/pageCache';

const PAGE_SIZE = 200;

const fetcher = (id: string) => (offset: number, limit: number) => call('entities/mentions', { id, limit, offset });

/** An entity's mentions a page at a time as they scroll into view: any number of them costs a page of rows. */
export function useMentionPages(entityId: string, revision: number) {
  const [, setTick] = useState(0);
  const [cache] = useState(() => new PageCache<Mention>(fetcher(entityId), () => setTick((t) => t + 1), PAGE_SIZE));
  cache.revision = revision;
  useEffect(() => {
    cache.reset(fetcher(entityId));
    cache.load(0);
  }, [cache, entityId]);
  useEffect(() => cache.load(0), [cache, revision]);
  const itemAt = useCallback((index: number) => cache.itemAt(index), [cache, entityId]);
  return { total: cache.total, error: cache.error, itemAt };
}
