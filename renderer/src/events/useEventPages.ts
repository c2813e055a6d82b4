import type { EventRecord, EventsQuery } from '../../../shared/ipc/events';
import { call } from '../api/client';
import { usePagedRows } from '../library/usePagedRows';

export type EventFilter = Omit<EventsQuery, 'limit' | 'offset'>;

const fetchEvents = (query: EventFilter, offset: number, limit: number) => call('events/list', { ...query, limit, offset });

/** The library's events a page at a time as rows of the Events table scroll into view. */
export function useEventPages(query: EventFilter, revision: number) {
  return usePagedRows<EventFilter, EventRecord>(query, revision, fetchEvents);
}
