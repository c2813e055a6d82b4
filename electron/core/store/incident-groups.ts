import type { EventRecord } from '../../../shared/ipc/events';
import { cached, type Db } from './db';
import { EVENT_COLUMNS, EVENT_SELECT, LIVE_EVENT, LIVE_EVENT_BY_KEY, toRecords, type EventRow } from './events';

/** One row of an event dataset: an incident with its reports, or an event in no incident alone. */
export interface IncidentGroup {
  /** The incident's id, or the lone event's. */
  id: string;
  incident: { title: string; note: string; updatedAt: string } | null;
  /** Reports in the order a dataset lists them: by publication, then source, then article. */
  reports: EventRecord[];
}

const byPublication = (a: EventRecord, b: EventRecord) =>
  (a.publishedAt ?? '\uffff').localeCompare(b.publishedAt ?? '\uffff') || (a.source ?? '\uffff').localeCompare(b.source ?? '\uffff') || a.articleId.localeCompare(b.articleId) || a.id.localeCompare(b.id);

/**
 * Every incident with a live report, then every live event in no incident, a page at a time
 * (keyset pages on the incidents' and the annotations' keys, so memory stays flat and a page
 * costs the same at the end of a large library as at its start).
 */
export function* incidentGroups(db: Db, pageSize = 200): Generator<IncidentGroup[]> {
  const incidents = cached(db, 'SELECT id, title, note, updated_at FROM incidents WHERE id > ? ORDER BY id LIMIT ?');
  // From the page's memberships to their events (CROSS JOIN keeps that order): starting from the
  // events instead probed every event of the library for every page.
  const members = cached(
    db,
    `SELECT ${EVENT_COLUMNS} FROM incident_events m CROSS JOIN annotations n ON n.id = m.event_id JOIN articles a ON a.id = n.article_id WHERE m.incident_id IN (SELECT value FROM json_each(?)) AND ${LIVE_EVENT}`,
  );
  let after = '';
  for (;;) {
    const page = incidents.all(after, pageSize) as { id: string; title: string; note: string; updated_at: string }[];
    if (page.length === 0) break;
    after = (page[page.length - 1] as { id: string }).id;
    const records = toRecords(db, members.all(JSON.stringify(page.map((p) => p.id))) as EventRow[]);
    const byIncident = new Map<string, EventRecord[]>();
    for (const r of records) byIncident.set(r.incidentId as string, [...(byIncident.get(r.incidentId as string) ?? []), r]);
    const groups = page.flatMap((p) => {
      const reports = byIncident.get(p.id);
      return reports ? [{ id: p.id, incident: { title: p.title, note: p.note, updatedAt: p.updated_at }, reports: reports.sort(byPublication) }] : [];
    });
    if (groups.length > 0) yield groups;
    if (page.length < pageSize) break;
  }
  const alone = cached(db, `${EVENT_SELECT} WHERE ${LIVE_EVENT_BY_KEY} AND m.incident_id IS NULL AND n.rowid > ? ORDER BY n.rowid LIMIT ?`);
  let rowid = -1;
  for (;;) {
    const rows = alone.all(rowid, pageSize) as EventRow[];
    if (rows.length === 0) return;
    rowid = (rows[rows.length - 1] as EventRow).rid;
    yield toRecords(db, rows).map((r) => ({ id: r.id, incident: null, reports: [r] }));
    if (rows.length < pageSize) return;
  }
}
