import type { TimelineCount, TimelineData, TimelineFigure, TimelineFilter, TimelineUnit } from '../../../shared/ipc/timeline';
import { binStart, firstDay, isoDay, unitFor } from '../../../shared/timeline';
import { datePrecision } from '../../../shared/codebook';
import { cached, type Db } from './db';
import { eventRowFilters } from './event-pages';
import { keepNewest, libraryVersion } from './library-version';

/**
 * The Timeline's counts (shared/ipc/timeline.ts), aggregated in SQL by the date as written and the
 * type, so what crosses to the renderer grows with the days and types in the library, not with its
 * events; the dates are then placed on their first day and binned here. The series is kept to
 * MAX_BINS bins: days while the library spans up to that many days, else weeks, else months.
 *
 * Everything is read from the Events table's rows (migration 0013: one row per live event, its
 * date, type and source as keys, '0' for none and '1' || value otherwise), whose indexes cover the
 * counts: at 100,000 events reading the events' own JSON attributes took seconds. The figures,
 * which need every figure span read, are asked for apart (timelineFigures), so the chart is drawn
 * before they arrive.
 */
export const MAX_BINS = 2000;

/** The value behind a key of event_rows ('1' || value), or null for '0'. */
const value = (key: string): string | null => (key === '0' ? null : key.slice(1));

/**
 * The Events table's own filters over event_rows, as one condition. The actor filter reads every
 * event's actor names (a fold of each); the counts ask it in several statements, so the events it
 * keeps are found once and named to each.
 */
function rowFilters(db: Db, filter: TimelineFilter): { where: string; params: Record<string, unknown> } {
  const { actor, ...others } = filter;
  const { where, params } = eventRowFilters(others);
  if (actor) {
    const byActor = eventRowFilters({ actor });
    const ids = cached(db, `SELECT e.id FROM event_rows e WHERE ${byActor.where.join(' AND ')}`, 'pluck').all(byActor.params) as string[];
    where.push('e.id IN (SELECT value FROM json_each(@actorEvents))');
    params.actorEvents = JSON.stringify(ids);
  }
  return { where: where.length ? where.join(' AND ') : '1', params };
}

/** Answers kept per filter while the library is unchanged: going back to the Timeline, or to a filter just left, costs nothing. */
const kept = new WeakMap<Db, Map<string, { version: string; data: TimelineData }>>();
const KEPT = 8;

export function timelineCounts(db: Db, filter: TimelineFilter): TimelineData {
  let answers = kept.get(db);
  if (!answers) kept.set(db, (answers = new Map()));
  const name = JSON.stringify([filter.type ?? null, filter.actor ?? null, filter.source ?? null]);
  const version = libraryVersion(db);
  const known = answers.get(name);
  if (known?.version === version) return known.data;
  return keepNewest(answers, name, { version, data: countTimeline(db, filter) }, KEPT).data;
}

function countTimeline(db: Db, filter: TimelineFilter): TimelineData {
  const { where, params } = rowFilters(db, filter);
  const grouped = cached(db, `SELECT e.date_key AS dateKey, e.type_key AS typeKey, count(*) AS events FROM event_rows e WHERE ${where} GROUP BY 1, 2`).all(params) as {
    dateKey: string;
    typeKey: string;
    events: number;
  }[];
  // Events in an incident, from event_rows' partial incident index (migration 0018), which covers
  // the filters: how many fall on each date, and how many incidents have their earliest report on
  // each date. Every other event is an incident of its own, counted from the grouped rows above.
  // INDEXED BY: to group by date SQLite would rather walk the date index and read every row.
  const members = `SELECT e.incident_id AS incident, e.date_key AS dateKey FROM event_rows e INDEXED BY event_rows_incident
                   WHERE e.incident_id IS NOT NULL AND e.date_key <> '0' AND ${where}`;
  const membersOn = cached(db, `SELECT dateKey, count(*) AS n FROM (${members}) GROUP BY 1`).all(params) as { dateKey: string; n: number }[];
  const firstReports = cached(db, `SELECT dateKey, count(*) AS n FROM (SELECT min(dateKey) AS dateKey FROM (${members}) GROUP BY incident) GROUP BY 1`).all(params) as {
    dateKey: string;
    n: number;
  }[];

  // A few thousand dates at most, each in many rows: each is read once.
  const days = new Map<string, number | null>();
  const dayOf = (dateKey: string): number | null => {
    let day = days.get(dateKey);
    if (day === undefined) days.set(dateKey, (day = firstDay(value(dateKey))));
    return day;
  };
  let undated = 0;
  const placed: { day: number; type: string; events: number; imprecise: boolean }[] = [];
  const eventsOn = new Map<string, number>();
  for (const g of grouped) {
    const date = value(g.dateKey);
    const day = dayOf(g.dateKey);
    if (date === null || day === null) {
      undated += g.events;
      continue;
    }
    placed.push({ day, type: value(g.typeKey) ?? '', events: g.events, imprecise: datePrecision(date) !== 'day' });
    eventsOn.set(g.dateKey, (eventsOn.get(g.dateKey) ?? 0) + g.events);
  }
  let first = Infinity;
  let last = -Infinity;
  for (const p of placed) {
    first = Math.min(first, p.day);
    last = Math.max(last, p.day);
  }
  const span = placed.length ? last - first + 1 : 0;
  const unit = unitFor(span, MAX_BINS);

  const counts = new Map<string, TimelineCount>();
  for (const p of placed) {
    const date = isoDay(binStart(p.day, unit));
    const key = `${date}\u0000${p.type}`;
    const c = counts.get(key) ?? { date, type: p.type, events: 0, imprecise: 0 };
    c.events += p.events;
    if (p.imprecise) c.imprecise += p.events;
    counts.set(key, c);
  }

  // Each incident once, at the earliest date of its reports; each event in none, at its own.
  const incidents = new Map<string, number>();
  const addIncidents = (dateKey: string, n: number) => {
    const day = dayOf(dateKey);
    if (day === null || n === 0) return;
    const date = isoDay(binStart(day, unit));
    incidents.set(date, (incidents.get(date) ?? 0) + n);
  };
  const lone = new Map(eventsOn);
  for (const m of membersOn) lone.set(m.dateKey, (lone.get(m.dateKey) ?? 0) - m.n);
  for (const [dateKey, n] of lone) addIncidents(dateKey, n);
  for (const f of firstReports) addIncidents(f.dateKey, f.n);

  const byDate = <T extends { date: string }>(a: T, b: T) => a.date.localeCompare(b.date);
  return {
    unit,
    counts: [...counts.values()].sort((a, b) => byDate(a, b) || a.type.localeCompare(b.type)),
    incidents: [...incidents].map(([date, n]) => ({ date, incidents: n })).sort(byDate),
    undated,
    types: distinctKeys(db, 'type_key'),
    sources: distinctKeys(db, 'source_key'),
  };
}

/** The figures reported about the filtered events, per bin of `unit` (the unit timelineCounts chose) and what they count. */
export function timelineFigures(db: Db, filter: TimelineFilter, unit: TimelineUnit): TimelineFigure[] {
  const { where, params } = rowFilters(db, filter);
  const rows = cached(
    db,
    `SELECT e.date_key AS dateKey, coalesce(json_extract(f.attrs, '$.counts'), '') AS counts, coalesce(json_extract(f.attrs, '$.unit'), '') AS unit,
            min(json_extract(f.attrs, '$.value')) AS min, max(json_extract(f.attrs, '$.value')) AS max, count(*) AS reports
     FROM event_rows e JOIN event_roles r ON r.event_id = e.id AND r.role = 'figure' JOIN annotations f ON f.id = r.span_id
     WHERE ${where} AND e.date_key <> '0' AND json_type(f.attrs, '$.value') IN ('integer', 'real') GROUP BY 1, 2, 3`,
  ).all(params) as { dateKey: string; counts: string; unit: string; min: number; max: number; reports: number }[];
  const figures = new Map<string, TimelineFigure>();
  for (const r of rows) {
    const day = firstDay(value(r.dateKey));
    if (day === null) continue;
    const date = isoDay(binStart(day, unit));
    const key = `${date}\u0000${r.counts}\u0000${r.unit}`;
    const f = figures.get(key);
    if (f) {
      f.min = Math.min(f.min, r.min);
      f.max = Math.max(f.max, r.max);
      f.reports += r.reports;
    } else figures.set(key, { date, counts: r.counts, unit: r.unit, min: r.min, max: r.max, reports: r.reports });
  }
  return [...figures.values()].sort((a, b) => a.date.localeCompare(b.date) || a.counts.localeCompare(b.counts) || a.unit.localeCompare(b.unit));
}

/**
 * The distinct values of an indexed key of event_rows, one index seek per value (a skip scan, which
 * SQLite does not do for DISTINCT by itself): a handful of types or sources cost a handful of
 * seeks, not a walk over every event.
 */
function distinctKeys(db: Db, column: 'type_key' | 'source_key'): string[] {
  return cached(
    db,
    `WITH RECURSIVE k(v) AS (SELECT min(${column}) FROM event_rows WHERE ${column} > '0'
                            UNION ALL SELECT (SELECT min(${column}) FROM event_rows WHERE ${column} > k.v) FROM k WHERE k.v IS NOT NULL)
     SELECT substr(v, 2) FROM k WHERE v IS NOT NULL`,
    'pluck',
  ).all() as string[];
}
