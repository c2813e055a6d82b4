import { dateRange } from '../../../shared/codebook';
import type { EventRecord } from '../../../shared/ipc/events';
import { LOCATION_SQL } from './actor-names';
import { cached, type Db } from './db';

export interface CandidateRow {
  id: string;
  articleId: string;
  incidentId: string | null;
  date: string | null;
  type: string | null;
  location: string | null;
}

const MAX_ROWS = 5000;

/**
 * Events that might report the same incident as `event`: dated in the years its date (widened by
 * `days`) touches, or undated with the same type or location. The caller scores them; this only
 * keeps the scan to a fraction of a large library.
 */
export function candidateRows(db: Db, event: EventRecord, days: number): CandidateRow[] {
  const range = dateRange(event.date);
  const years = range
    ? [new Date((range[0] - days) * 86_400_000).getUTCFullYear(), new Date((range[1] + days) * 86_400_000).getUTCFullYear()]
    : null;
  return cached(
    db,
    `SELECT n.id, n.article_id AS articleId, m.incident_id AS incidentId, json_extract(n.attrs, '$.date') AS date,
            json_extract(n.attrs, '$.type') AS type, ${LOCATION_SQL('n')} AS location
     FROM annotations n LEFT JOIN incident_events m ON m.event_id = n.id
     WHERE n.label = 'event' AND n.status = 'ok' AND n.conflict_of IS NULL AND n.id <> @id
       AND ((@from IS NOT NULL AND json_extract(n.attrs, '$.date') >= @from AND json_extract(n.attrs, '$.date') < @to)
            OR (json_extract(n.attrs, '$.date') IS NULL AND (json_extract(n.attrs, '$.type') = @type OR lower(${LOCATION_SQL('n')}) = lower(@location)))
            OR (@from IS NULL AND (json_extract(n.attrs, '$.type') = @type OR lower(${LOCATION_SQL('n')}) = lower(@location))))
     LIMIT ${MAX_ROWS}`,
  ).all({
    id: event.id,
    from: years ? String(years[0]) : null,
    to: years ? String((years[1] as number) + 1) : null,
    type: event.eventType,
    location: event.location,
  }) as CandidateRow[];
}
