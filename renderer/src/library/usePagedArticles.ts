import { LIBRARY_PAGE_SIZE, SEARCH_PAGE_SIZE, type ListInput, type ListItem } from '../../../shared/ipc/contract';
import { call } from '../api/client';
import { usePagedRows } from './usePagedRows';

export type ListQuery = Omit<ListInput, 'limit' | 'offset'>;

const fetchArticles = (query: ListQuery, offset: number, limit: number) => call('articles/list', { ...query, limit, offset });

/**
 * A query's articles a page at a time as rows scroll into view, so a library of 100,000 articles
 * costs one page of rows in memory and one query per page. When the library changes (a tag, an
 * edit, an import) the pages already loaded stay on screen until their reload arrives. A search's
 * pages are a screen's worth (each row's snippet is cut from its article), so its first answer cuts
 * only the snippets on screen.
 */
export function usePagedArticles(query: ListQuery, revision: number) {
  return usePagedRows<ListQuery, ListItem>(query, revision, fetchArticles, (q) => (q.query ? SEARCH_PAGE_SIZE : LIBRARY_PAGE_SIZE));
}
