import { useCallback, useEffect, useRef, useState } from 'react';
import { LIBRARY_PAGE_SIZE as PAGE_SIZE, type ListInput, type ListItem } from '../../../shared/ipc/contract';
import { call } from '../api/client';

export type ListQuery = Omit<ListInput, 'limit' | 'offset'>;

/**
 * Loads a query's results a page at a time as rows scroll into view, so a library of 100,000
 * articles costs one page of rows in memory and one query per page, not one per article.
 */
export function usePagedArticles(query: ListQuery, revision: number) {
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, setTick] = useState(0);
  const pages = useRef(new Map<number, ListItem[]>());
  const inFlight = useRef(new Set<number>());
  const generation = useRef(0);
  const key = JSON.stringify(query);

  const loadPage = useCallback(
    (page: number) => {
      if (pages.current.has(page) || inFlight.current.has(page)) return;
      inFlight.current.add(page);
      const gen = generation.current;
      call('articles/list', { ...(JSON.parse(key) as ListQuery), limit: PAGE_SIZE, offset: page * PAGE_SIZE })
        .then((result) => {
          if (gen !== generation.current) return;
          pages.current.set(page, result.items);
          setTotal(result.total);
          setError(null);
          setTick((t) => t + 1);
        })
        .catch((err: Error) => gen === generation.current && setError(err.message))
        .finally(() => inFlight.current.delete(page));
    },
    [key],
  );

  useEffect(() => {
    generation.current++;
    pages.current = new Map();
    inFlight.current = new Set();
    loadPage(0);
  }, [key, revision, loadPage]);

  const itemAt = useCallback(
    (index: number): ListItem | undefined => {
      const page = Math.floor(index / PAGE_SIZE);
      const rows = pages.current.get(page);
      if (!rows) {
        loadPage(page);
        return undefined;
      }
      return rows[index % PAGE_SIZE];
    },
    [loadPage],
  );

  return { total, error, itemAt };
}
