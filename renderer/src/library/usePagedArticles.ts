import { useCallback, useEffect, useRef, useState } from 'react';
import { LIBRARY_PAGE_SIZE as PAGE_SIZE, type ListInput, type ListItem } from '../../../shared/ipc/contract';
import { call } from '../api/client';

export type ListQuery = Omit<ListInput, 'limit' | 'offset'>;

interface Page {
  rows: ListItem[];
  /** The library revision the page was loaded at; an older page is shown until its reload arrives. */
  revision: number;
}

/**
 * Loads a query's results a page at a time as rows scroll into view, so a library of 100,000
 * articles costs one page of rows in memory and one query per page, not one per article. When
 * the library changes (a tag, an edit, an import) the pages already loaded stay on screen and only
 * those scrolled into view again are asked for anew; a new query starts from nothing.
 */
export function usePagedArticles(query: ListQuery, revision: number) {
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, setTick] = useState(0);
  const pages = useRef(new Map<number, Page>());
  const inFlight = useRef(new Map<number, number>());
  const generation = useRef(0);
  /** The revision the shown total was counted at. */
  const totalRevision = useRef(-1);
  const current = useRef(revision);
  current.current = revision;
  const key = JSON.stringify(query);

  const loadPage = useCallback(
    (page: number) => {
      const wanted = current.current;
      const have = pages.current.get(page);
      if ((have && have.revision === wanted) || inFlight.current.get(page) === wanted) return;
      inFlight.current.set(page, wanted);
      const gen = generation.current;
      call('articles/list', { ...(JSON.parse(key) as ListQuery), limit: PAGE_SIZE, offset: page * PAGE_SIZE })
        .then((result) => {
          // An answer for an older query, or overtaken by the answer for a newer revision, is stale.
          if (gen !== generation.current) return;
          const shown = pages.current.get(page);
          if (shown && shown.revision > wanted) return;
          pages.current.set(page, { rows: result.items, revision: wanted });
          if (wanted >= totalRevision.current) {
            totalRevision.current = wanted;
            setTotal(result.total);
          }
          setError(null);
          setTick((t) => t + 1);
        })
        .catch((err: Error) => gen === generation.current && setError(err.message))
        .finally(() => {
          if (inFlight.current.get(page) === wanted) inFlight.current.delete(page);
        });
    },
    [key],
  );

  useEffect(() => {
    generation.current++;
    totalRevision.current = -1;
    pages.current = new Map();
    inFlight.current = new Map();
    loadPage(0);
  }, [key, loadPage]);

  // A change to the library: the first page is reloaded for the total; others as they are shown.
  useEffect(() => loadPage(0), [revision, loadPage]);

  const itemAt = useCallback(
    (index: number): ListItem | undefined => {
      const page = Math.floor(index / PAGE_SIZE);
      const loaded = pages.current.get(page);
      if (!loaded || loaded.revision !== current.current) loadPage(page);
      return loaded?.rows[index % PAGE_SIZE];
    },
    [loadPage],
  );

  return { total, error, itemAt };
}
