import { datePrecision } from '../../../shared/codebook';
import { fold } from '../../../shared/fold';
import type { EventRecord, EventsQuery, FigureSummary } from '../../../shared/ipc/events';
import type { Annotation, AnyAttrs } from '../../../shared/model';
import { ACTOR_NAME_SQL, LOCATION_SQL } from './actor-names';
import { rowToAnnotation } from './annotations';
import { cached, type Db } from './db';
import { eventPage } from './event-pages';
import { namedRolesOfEvents } from './roles';

/** Event annotations read as records: the Events table, `spanwise events`, the ACLED and PLOVER exports. */

export type EventRow = Parameters<typeof rowToAnnotation>[0] & { rid: number; article_title: string; article_source: string | null; article_published: string | null; article_url: string | null; incident_id: string | null; location_name: string | null };

const FROM = `annotations n JOIN articles a ON a.id = n.article_id LEFT JOIN incident_events m ON m.event_id = n.id`;
/** Live, placed, local versions only: an orphan or an unresolved merge copy is not a report. */
export const LIVE_EVENT = `n.label = 'event' AND n.status = 'ok' AND n.conflict_of IS NULL`;
/**
 * LIVE_EVENT for queries that reach their events by key (by id, or walking rowids a page at a
 * time). The unary plus keeps SQLite off the events' date and type indexes, which it otherwise
 * prefers (without statistics, three equalities look more selective than a list of ids): it then
 * read every event of the library for each page, 2 s a page of the Events table at 100,000
 * events and minutes for an export.
 */
export const LIVE_EVENT_BY_KEY = `+n.label = 'event' AND +n.status = 'ok' AND +n.conflict_of IS NULL`;
/** The columns of an event row (EventRow), over `annotations n`, `articles a` and `incident_events m`. */
export const EVENT_COLUMNS = `n.rowid AS rid, n.*, ${LOCATION_SQL('n')} AS location_name, a.title AS article_title, a.source AS article_source, a.published_at AS article_published, a.url AS article_url, m.incident_id`;
export const EVENT_SELECT = `SELECT ${EVENT_COLUMNS} FROM ${FROM}`;

/** The Events table's filters as SQL on `annotations n` (and `articles a` when a source is asked for): the Timeline and Network filter the same way. */
export function eventFilters(query: EventsQuery): { where: string[]; params: Record<string, unknown> } {
  const where = [LIVE_EVENT];
  const params: Record<string, unknown> = {};
  if (query.type) {
    where.push(`json_extract(n.attrs, '$.type') = @type`);
    params.type = query.type;
  }
  if (query.source) {
    where.push('a.source = @source');
    params.source = query.source;
  }
  if (query.dateFrom) {
    // A partial date stands for a span: 2024-11 is in range from 2024-11-20 (its end reaches it).
    where.push(`json_extract(n.attrs, '$.date') >= substr(@dateFrom, 1, length(json_extract(n.attrs, '$.date')))`);
    params.dateFrom = query.dateFrom;
  }
  if (query.dateTo) {
    where.push(`json_extract(n.attrs, '$.date') <= @dateTo`);
    params.dateTo = query.dateTo;
  }
  if (query.actor) {
    // Folded in JS (shared/fold.ts): SQLite's lower() and LIKE fold ASCII only, so "росія" never found "Росія".
    where.push(
      `EXISTS (SELECT 1 FROM event_roles r JOIN annotations s ON s.id = r.span_id WHERE r.event_id = n.id AND r.role = 'actor' AND instr(spanwise_fold(${ACTOR_NAME_SQL('s')}), @actorFolded) > 0)`,
    );
    params.actorFolded = fold(query.actor);
  }
  return { where, params };
}

/**
 * One page of the library's events, sorted and filtered (by date, newest first, by default): the
 * page's ids by keyset from the Events table's own index (store/event-pages.ts), then only the
 * page's rows read whole.
 */
export function listEvents(db: Db, query: EventsQuery): { total: number; items: EventRecord[] } {
  const { total, ids } = eventPage(db, query);
  return { total, items: eventRecords(db, ids) };
}

/** The records of the given events (in the order given; ids that are not live events are left out). */
export function eventRecords(db: Db, ids: readonly string[]): EventRecord[] {
  if (ids.length === 0) return [];
  const rows = cached(db, `${EVENT_SELECT} WHERE ${LIVE_EVENT_BY_KEY} AND n.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as EventRow[];
  const byId = new Map(toRecords(db, rows).map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is EventRecord => r !== undefined);
}

/** Every event of the library a page at a time, in import order: for the command and the dataset exports. */
export function* allEvents(db: Db, pageSize = 500): Generator<EventRecord[]> {
  let after = -1;
  const select = cached(db, `${EVENT_SELECT} WHERE ${LIVE_EVENT_BY_KEY} AND n.rowid > ? ORDER BY n.rowid LIMIT ?`);
  for (;;) {
    const rows = select.all(after, pageSize) as EventRow[];
    if (rows.length === 0) return;
    after = (rows[rows.length - 1] as EventRow).rid;
    yield toRecords(db, rows);
    if (rows.length < pageSize) return;
  }
}

/** Annotations by id, for the spans roles point to. */
export function annotationsById(db: Db, ids: readonly string[]): Map<string, Annotation> {
  if (ids.length === 0) return new Map();
  const rows = cached(db, 'SELECT * FROM annotations WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify([...new Set(ids)])) as Parameters<typeof rowToAnnotation>[0][];
  return new Map(rows.map((r) => [r.id, rowToAnnotation(r)]));
}

const str = (v: AnyAttrs[string] | undefined): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function figureSummary(attrs: AnyAttrs): FigureSummary {
  return { counts: str(attrs.counts), value: typeof attrs.value === 'number' ? attrs.value : null, unit: str(attrs.unit), qualifier: str(attrs.qualifier) };
}

export function toRecords(db: Db, rows: EventRow[]): EventRecord[] {
  const roles = namedRolesOfEvents(db, rows.map((r) => r.id));
  const spans = annotationsById(
    db,
    [...roles.values()].flatMap((list) => list.filter((r) => r.role === 'figure').map((r) => r.spanId)),
  );
  return rows.map((row) => {
    const n = rowToAnnotation(row);
    const mine = roles.get(n.id) ?? [];
    const named = (role: string) => mine.filter((r) => r.role === role).map((r) => r.name);
    const date = str(n.attrs.date);
    return {
      id: n.id,
      articleId: n.articleId,
      articleTitle: row.article_title,
      source: row.article_source,
      publishedAt: row.article_published,
      incidentId: row.incident_id,
      date,
      datePrecision: datePrecision(date),
      eventType: str(n.attrs.type),
      subEventType: str(n.attrs.subType),
      actor: named('actor'),
      target: named('target'),
      with: named('with'),
      location: row.location_name,
      figures: mine
        .filter((r) => r.role === 'figure')
        .map((r) => spans.get(r.spanId))
        .filter((s): s is Annotation => s !== undefined)
        .map((s) => figureSummary(s.attrs)),
      quote: n.quote,
      author: n.author,
      updatedAt: n.updatedAt,
      url: row.article_url,
    };
  });
}
