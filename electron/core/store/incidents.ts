import { randomUUID } from 'node:crypto';
import type { Incident } from '../../../shared/ipc/events';
import { nowIso } from './articles';
import { cached, type Db } from './db';

/** Incidents (migration 0008): events across articles grouped as one real-world event. */

interface IncidentRow {
  id: string;
  title: string;
  note: string;
  created_at: string;
  updated_at: string;
}

/** Live member events only: a deleted event's membership waits, unseen, for an undo. */
const MEMBERS = `SELECT m.event_id FROM incident_events m JOIN annotations e ON e.id = m.event_id AND e.label = 'event' WHERE m.incident_id = ? ORDER BY e.article_id, e.start`;

export function getIncident(db: Db, id: string): Incident | null {
  const row = cached(db, 'SELECT * FROM incidents WHERE id = ?').get(id) as IncidentRow | undefined;
  if (!row) return null;
  return { id: row.id, title: row.title, note: row.note, createdAt: row.created_at, updatedAt: row.updated_at, events: cached(db, MEMBERS, 'pluck').all(id) as string[] };
}

/** The incident of each event that has one (live events only). */
export function incidentsOfEvents(db: Db, eventIds: readonly string[]): Map<string, string> {
  if (eventIds.length === 0) return new Map();
  const rows = cached(db, 'SELECT event_id, incident_id FROM incident_events WHERE event_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(eventIds)) as {
    event_id: string;
    incident_id: string;
  }[];
  return new Map(rows.map((r) => [r.event_id, r.incident_id]));
}

/** Creates the incident when it is new (with the given id, or a new one); no transaction of its own. */
export function ensureIncident(db: Db, id: string | undefined, fields: { title?: string; note?: string; createdAt?: string; updatedAt?: string } = {}): string {
  const incidentId = id ?? randomUUID();
  const at = nowIso();
  cached(db, 'INSERT OR IGNORE INTO incidents (id, title, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(
    incidentId,
    fields.title ?? '',
    fields.note ?? '',
    fields.createdAt ?? at,
    fields.updatedAt ?? fields.createdAt ?? at,
  );
  return incidentId;
}

/** Puts an event in an incident, or (null) in none; an incident left without any member goes. */
export function assignIncident(db: Db, eventId: string, articleId: string, incidentId: string | null): void {
  const before = cached(db, 'SELECT incident_id FROM incident_events WHERE event_id = ?', 'pluck').get(eventId) as string | undefined;
  if (incidentId === null) cached(db, 'DELETE FROM incident_events WHERE event_id = ?').run(eventId);
  else {
    cached(db, 'INSERT INTO incident_events (event_id, incident_id, article_id) VALUES (?, ?, ?) ON CONFLICT (event_id) DO UPDATE SET incident_id = excluded.incident_id').run(
      eventId,
      incidentId,
      articleId,
    );
    cached(db, 'UPDATE incidents SET updated_at = ? WHERE id = ?').run(nowIso(), incidentId);
  }
  if (before !== undefined && before !== incidentId) {
    cached(db, 'DELETE FROM incidents WHERE id = ? AND NOT EXISTS (SELECT 1 FROM incident_events WHERE incident_id = ?)').run(before, before);
  }
}

/**
 * Puts an event in no incident yet into one, as a bundle merge does: the incident then reads as
 * last changed when the later of the two libraries changed it, not at the moment of the merge.
 */
export function joinIncident(db: Db, eventId: string, articleId: string, incidentId: string, updatedAt: string): void {
  cached(db, 'INSERT OR IGNORE INTO incident_events (event_id, incident_id, article_id) VALUES (?, ?, ?)').run(eventId, incidentId, articleId);
  cached(db, 'UPDATE incidents SET updated_at = max(updated_at, ?) WHERE id = ?').run(updatedAt, incidentId);
}

export interface MembershipRow {
  event_id: string;
  incident_id: string;
  article_id: string;
  title: string;
  note: string;
  created_at: string;
  updated_at: string;
}

/** Memberships of some articles' events with their incidents: what the trash keeps for an undo. */
export function membershipsOfArticles(db: Db, articleIds: readonly string[]): MembershipRow[] {
  return cached(
    db,
    'SELECT m.event_id, m.incident_id, m.article_id, i.title, i.note, i.created_at, i.updated_at FROM incident_events m JOIN incidents i ON i.id = m.incident_id WHERE m.article_id IN (SELECT value FROM json_each(?))',
  ).all(JSON.stringify(articleIds)) as MembershipRow[];
}

export function restoreMemberships(db: Db, rows: readonly MembershipRow[], articleOf: (articleId: string) => string, idOf: (annotationId: string) => string = (id) => id): void {
  for (const r of rows) {
    ensureIncident(db, r.incident_id, { title: r.title, note: r.note, createdAt: r.created_at, updatedAt: r.updated_at });
    cached(db, 'INSERT OR IGNORE INTO incident_events (event_id, incident_id, article_id) VALUES (?, ?, ?)').run(idOf(r.event_id), r.incident_id, articleOf(r.article_id));
  }
}

/** Incidents left with no membership at all (their articles deleted): removed. */
export function dropEmptyIncidents(db: Db): void {
  cached(db, 'DELETE FROM incidents WHERE NOT EXISTS (SELECT 1 FROM incident_events m WHERE m.incident_id = incidents.id)').run();
}
