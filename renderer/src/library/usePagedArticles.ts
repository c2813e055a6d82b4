import { LIBRARY_PAGE_SIZE, type ListInput, type ListItem } from '../../../shared/ipc/contract';
import { call } from '../api/client';
import { usePagedRows } from './usePagedRows';

export type ListQuery = Omit<ListInput, 'limit' | 'offset'>;

const fetchArticles = (query: ListQuery, offset: number, limit: number) => call('articles/list', { ...query, limit, offset });

/**
 * A query's articles a page at a time as rows scroll into view, so a library of 100,000 articles
 * costs one page of rows in memory and one query per page. When the library changes (a tag, an
 * edit, an import) the pages already loaded stay on screen until their reload arrives.
 */
export function usePagedArticles(query: ListQuery, revision: number) {
  return usePagedRows<ListQuery, ListItem>(query, revision, fetchArticles, LIBRARY_PAGE_SIZE);
}
