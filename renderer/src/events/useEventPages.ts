import { useCallback, useEffect, useState } from 'react';
import type { EventRecord, EventsQuery } from '../../../shared/ipc/events';
import { call } from '../api/client';
import { PageCache } from '../library/pageCache';

export type EventFilter = Omit<EventsQuery, 'limit' | 'offset'>;

/** Rows asked for at a time: a few screens of the table, one query each. */
const PAGE_SIZE = 200;

const fetcher = (key: string) => (offset: number, limit: number) => call('events/list', { ...(JSON.parse(key) as EventFilter), limit, offset });

/**
 * The library's events a page at a time as rows scroll into view (as the library's articles
 * are), so 100,000 events cost the rows on screen and one query per page. When the library
 * changes, the pages shown stay until their reload arrives.
 */
export function useEventPages(query: EventFilter, revision: number) {
  const key = JSON.stringify(query);
  const [, setTick] = useState(0);
  const [cache] = useState(() => new PageCache<EventRecord>(fetcher(key), () => setTick((t) => t + 1), PAGE_SIZE));
  cache.revision = revision;

  useEffect(() => {
    cache.reset(fetcher(key));
    cache.load(0);
  }, [cache, key]);

  useEffect(() => cache.load(0), [cache, revision]);

  // A new function for a new query, so the table draws the new rows.
  const itemAt = useCallback((index: number) => cache.itemAt(index), [cache, key]);
  return { total: cache.total, error: cache.error, itemAt };
}
