import { useDeferredValue, useEffect, useState } from 'react';
import type { Stats } from '../../../shared/ipc/contract';
import type { EventRecord, EventSort } from '../../../shared/ipc/events';
import { call } from '../api/client';
import { useCodebook } from '../codebook/useCodebook';
import { EventsTable } from './EventsTable';
import { IncidentPage } from './IncidentPage';
import { useEventPages, type EventFilter } from './useEventPages';

export interface EventsViewProps {
  /** The incident whose page is shown instead of the table, if any. */
  incidentId: string | null;
  onOpenIncident(id: string | null): void;
  /** Opens the reader on a report (an event annotation in its article). */
  onOpenReport(articleId: string, annotationId: string): void;
  /** Changes when the library changes. */
  revision: number;
}

/** Dates read best newest first; names and types from A. */
const FIRST_DESCENDING: ReadonlySet<EventSort> = new Set(['date']);

/**
 * Every event of the library as a row of a dataset, filtered by type, actor, date range and
 * source and sorted by a column; an incident's row opens the page of all its reports, any other
 * row the report itself.
 */
export function EventsView({ incidentId, onOpenIncident, onOpenReport, revision }: EventsViewProps) {
  const [sort, setSort] = useState<EventSort>('date');
  const [descending, setDescending] = useState(true);
  const [type, setType] = useState('');
  const [actor, setActor] = useState('');
  const [dateFrom, setDateFrom] = useState('');
  const [dateTo, setDateTo] = useState('');
  const [source, setSource] = useState('');
  const { types } = useCodebook();
  const sources = useSources(revision);
  const deferredActor = useDeferredValue(actor.trim());
  const query: EventFilter = {
    sort,
    descending,
    ...(type ? { type } : {}),
    ...(deferredActor ? { actor: deferredActor } : {}),
    ...(dateFrom ? { dateFrom } : {}),
    ...(dateTo ? { dateTo } : {}),
    ...(source ? { source } : {}),
  };
  const { total, error, itemAt } = useEventPages(query, revision);

  if (incidentId) return <IncidentPage id={incidentId} revision={revision} onBack={() => onOpenIncident(null)} onOpenReport={onOpenReport} />;

  const chooseSort = (key: EventSort) => {
    if (key === sort) setDescending((d) => !d);
    else {
      setSort(key);
      setDescending(FIRST_DESCENDING.has(key));
    }
  };
  const open = (r: EventRecord) => (r.incidentId ? onOpenIncident(r.incidentId) : onOpenReport(r.articleId, r.id));
  const filtered = type !== '' || actor.trim() !== '' || dateFrom !== '' || dateTo !== '' || source !== '';

  return (
    <section className="events-view">
      <div className="events-filters" role="group" aria-label="Event filters">
        <select aria-label="Filter by type" value={type} onChange={(e) => setType(e.target.value)}>
          <option value="">Any type</option>
          {types.map((t) => (
            <option key={t.type} value={t.type}>
              {t.type}
            </option>
          ))}
        </select>
        <input type="search" aria-label="Filter by actor" placeholder="Actor" value={actor} onChange={(e) => setActor(e.target.value)} />
        <label>
          From <input type="date" aria-label="Event date from" value={dateFrom} onChange={(e) => setDateFrom(e.target.value)} />
        </label>
        <label>
          to <input type="date" aria-label="Event date to" value={dateTo} onChange={(e) => setDateTo(e.target.value)} />
        </label>
        <select aria-label="Filter by source" value={source} onChange={(e) => setSource(e.target.value)}>
          <option value="">Any source</option>
          {sources.map((s) => (
            <option key={s.source} value={s.source}>
              {s.source}
            </option>
          ))}
        </select>
        {filtered ? (
          <button
            type="button"
            onClick={() => {
              setType('');
              setActor('');
              setDateFrom('');
              setDateTo('');
              setSource('');
            }}
          >
            Clear filters
          </button>
        ) : null}
      </div>
      <div className="library-count" role="status">
        {error ? <span className="error">{error}</span> : total === null ? 'Loading…' : `${total.toLocaleString('en')} event${total === 1 ? '' : 's'}`}
        <span className="panel-keys"> · ↑ ↓ PgUp PgDn Home End: move · Enter: open its reports</span>
      </div>
      {total === 0 && !filtered ? (
        <div className="empty">No events yet. Tag a span as an event (key 1) in the reader; its roles, type and incident make it a row here.</div>
      ) : (
        <EventsTable total={total ?? 0} itemAt={itemAt} sort={sort} descending={descending} onSort={chooseSort} onOpen={open} />
      )}
    </section>
  );
}

/** The sources to filter by, reloaded whenever the library changes. */
function useSources(revision: number): Stats['sources'] {
  const [sources, setSources] = useState<Stats['sources']>([]);
  useEffect(() => {
    let live = true;
    call('library/stats', {})
      .then((s) => live && setSources(s.sources))
      // The filter is a convenience: without the list, the table still works unfiltered.
      .catch(() => live && setSources([]));
    return () => {
      live = false;
    };
  }, [revision]);
  return sources;
}
