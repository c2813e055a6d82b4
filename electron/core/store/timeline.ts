import type { TimelineCount, TimelineData, TimelineFigure, TimelineFilter } from '../../../shared/ipc/timeline';
import { binStart, firstDay, isoDay, unitFor } from '../../../shared/timeline';
import { datePrecision } from '../../../shared/codebook';
import { cached, type Db } from './db';
import { eventFilters } from './events';

/**
 * The Timeline's counts (shared/ipc/timeline.ts), aggregated in SQL by the date as written and the
 * type, so what crosses to the renderer grows with the days and types in the library, not with its
 * events; the dates are then placed on their first day and binned here. The series is kept to
 * MAX_BINS bins: days while the library spans up to that many days, else weeks, else months.
 */
export const MAX_BINS = 2000;

const DATE = `json_extract(n.attrs, '$.date')`;

export function timelineCounts(db: Db, filter: TimelineFilter): TimelineData {
  const { where, params } = eventFilters(filter);
  const from = filter.source !== undefined ? 'annotations n JOIN articles a ON a.id = n.article_id' : 'annotations n';
  const whereSql = where.join(' AND ');
  const grouped = cached(db, `SELECT ${DATE} AS date, coalesce(json_extract(n.attrs, '$.type'), '') AS type, count(*) AS events FROM ${from} WHERE ${whereSql} GROUP BY 1, 2`).all(params) as {
    date: string | null;
    type: string;
    events: number;
  }[];
  const firstRows = cached(
    db,
    `SELECT first, count(*) AS incidents FROM (SELECT min(${DATE}) AS first FROM ${from} LEFT JOIN incident_events m ON m.event_id = n.id WHERE ${whereSql} AND ${DATE} IS NOT NULL GROUP BY coalesce(m.incident_id, n.id)) GROUP BY first`,
  ).all(params) as { first: string; incidents: number }[];
  const figureRows = cached(
    db,
    `SELECT ${DATE} AS date, coalesce(json_extract(f.attrs, '$.counts'), '') AS counts, coalesce(json_extract(f.attrs, '$.unit'), '') AS unit,
            min(json_extract(f.attrs, '$.value')) AS min, max(json_extract(f.attrs, '$.value')) AS max, count(*) AS reports
     FROM ${from} JOIN event_roles r ON r.event_id = n.id AND r.role = 'figure' JOIN annotations f ON f.id = r.span_id
     WHERE ${whereSql} AND ${DATE} IS NOT NULL AND json_type(f.attrs, '$.value') IN ('integer', 'real') GROUP BY 1, 2, 3`,
  ).all(params) as { date: string; counts: string; unit: string; min: number; max: number; reports: number }[];

  let undated = 0;
  const placed: { day: number; type: string; events: number; imprecise: boolean }[] = [];
  for (const g of grouped) {
    const day = firstDay(g.date);
    if (day === null) undated += g.events;
    else placed.push({ day, type: g.type, events: g.events, imprecise: datePrecision(g.date) !== 'day' });
  }
  const days = placed.map((p) => p.day);
  const span = days.length ? Math.max(...days) - Math.min(...days) + 1 : 0;
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
  const incidents = new Map<string, number>();
  for (const r of firstRows) {
    const day = firstDay(r.first);
    if (day === null) continue;
    const date = isoDay(binStart(day, unit));
    incidents.set(date, (incidents.get(date) ?? 0) + r.incidents);
  }
  const figures = new Map<string, TimelineFigure>();
  for (const r of figureRows) {
    const day = firstDay(r.date);
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
  const byDate = <T extends { date: string }>(a: T, b: T) => a.date.localeCompare(b.date);
  return {
    unit,
    counts: [...counts.values()].sort((a, b) => byDate(a, b) || a.type.localeCompare(b.type)),
    incidents: [...incidents].map(([date, n]) => ({ date, incidents: n })).sort(byDate),
    figures: [...figures.values()].sort((a, b) => byDate(a, b) || a.counts.localeCompare(b.counts) || a.unit.localeCompare(b.unit)),
    undated,
    types: cached(db, `SELECT DISTINCT json_extract(n.attrs, '$.type') FROM annotations n WHERE n.label = 'event' AND n.status = 'ok' AND n.conflict_of IS NULL AND json_extract(n.attrs, '$.type') IS NOT NULL ORDER BY 1`, 'pluck').all() as string[],
    sources: cached(db, `SELECT DISTINCT a.source FROM annotations n JOIN articles a ON a.id = n.article_id WHERE n.label = 'event' AND n.status = 'ok' AND n.conflict_of IS NULL AND a.source IS NOT NULL ORDER BY 1`, 'pluck').all() as string[],
  };
}
