import { EVENTS_PAGE_SIZE, type EventRecord, type EventsQuery } from '../../../shared/ipc/events';
import { call } from '../api/client';
import { usePagedRows } from '../library/usePagedRows';

export type EventFilter = Omit<EventsQuery, 'limit' | 'offset'>;

const fetchEvents = (query: EventFilter, offset: number, limit: number) => call('events/list', { ...query, limit, offset });

/**
 * The library's events a page at a time as rows of the Events table scroll into view. A page is
 * the contract's 100 rows, a few screens of the table: each row is a whole record (roles, names,
 * figures), so a page of the library list's 200 cost twice the reading and sending for rows
 * mostly never drawn.
 */
export function useEventPages(query: EventFilter, revision: number) {
  return usePagedRows<EventFilter, EventRecord>(query, revision, fetchEvents, EVENTS_PAGE_SIZE);
}
