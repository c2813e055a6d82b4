import type { EntityListInput, EntitySummary } from '../../../shared/ipc/entities';
import { call } from '../api/client';
import { usePagedRows } from '../library/usePagedRows';

export type EntityQuery = Omit<EntityListInput, 'limit' | 'offset'>;

const fetchEntities = (query: EntityQuery, offset: number, limit: number) => call('entities/list', { ...query, limit, offset });

/** The registry's entities a page at a time as rows of the Actors list scroll into view. */
export function useEntityPages(query: EntityQuery, revision: number) {
  return usePagedRows<EntityQuery, EntitySummary>(query, revision, fetchEntities);
}
