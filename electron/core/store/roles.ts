import type { EventRole, Role, RoleLink } from '../../../shared/ipc/events';
import { ACTOR_NAME_SQL } from './actor-names';
import { cached, type Db } from './db';

/**
 * Roles of events (migration 0008) and the claim's claimant, which lives in the claim's
 * claimantId attribute. Rows are read only where both the event and its span are live
 * annotations: a role to a deleted span is kept unseen and comes back when the span does.
 */

export interface RoleRow {
  event_id: string;
  role: EventRole;
  span_id: string;
  article_id: string;
  position: number;
}

const LIVE = `JOIN annotations e ON e.id = r.event_id AND e.label = 'event' JOIN annotations s ON s.id = r.span_id`;

/** An event's live roles in the analyst's order. */
export function eventRoles(db: Db, eventId: string): Role[] {
  return (cached(db, `SELECT r.role, r.span_id FROM event_roles r ${LIVE} WHERE r.event_id = ? ORDER BY r.role, r.position`).all(eventId) as { role: EventRole; span_id: string }[]).map(
    (r) => ({ role: r.role, spanId: r.span_id }),
  );
}

/** The live roles of many events at once (an export page, a page of the Events table). */
export function rolesOfEvents(db: Db, eventIds: readonly string[]): Map<string, Role[]> {
  const out = new Map<string, Role[]>();
  if (eventIds.length === 0) return out;
  // The page's ids drive the join (CROSS JOIN keeps SQLite from scanning every event of the
  // library against them instead): a page of the Events table reads its own roles only.
  const rows = cached(
    db,
    `SELECT r.event_id, r.role, r.span_id FROM json_each(?) ids CROSS JOIN event_roles r ON r.event_id = ids.value ${LIVE} ORDER BY r.event_id, r.role, r.position`,
  ).all(
    JSON.stringify(eventIds),
  ) as { event_id: string; role: EventRole; span_id: string }[];
  for (const r of rows) {
    const list = out.get(r.event_id) ?? [];
    list.push({ role: r.role, spanId: r.span_id });
    out.set(r.event_id, list);
  }
  return out;
}

/**
 * The live roles of many events with the canonical name of each role's span (actor_names.ts):
 * what a record lists, read in the same query as the roles (a second query by the spans' ids was
 * a tenth of a dataset export's time).
 */
export function namedRolesOfEvents(db: Db, eventIds: readonly string[]): Map<string, (Role & { name: string })[]> {
  const out = new Map<string, (Role & { name: string })[]>();
  if (eventIds.length === 0) return out;
  const rows = cached(
    db,
    `SELECT r.event_id, r.role, r.span_id, ${ACTOR_NAME_SQL('s')} AS name FROM json_each(?) ids CROSS JOIN event_roles r ON r.event_id = ids.value ${LIVE} ORDER BY r.event_id, r.role, r.position`,
    'raw',
  ).all(JSON.stringify(eventIds)) as [string, EventRole, string, string][];
  for (const [eventId, role, spanId, name] of rows) {
    const list = out.get(eventId) ?? [];
    list.push({ role, spanId, name });
    out.set(eventId, list);
  }
  return out;
}

/** Every live role in an article: its events' roles and its claims' linked claimants. */
export function articleRoles(db: Db, articleId: string): RoleLink[] {
  const events = cached(db, `SELECT r.event_id, r.role, r.span_id FROM event_roles r ${LIVE} WHERE r.article_id = ? ORDER BY r.event_id, r.role, r.position`).all(articleId) as {
    event_id: string;
    role: EventRole;
    span_id: string;
  }[];
  const claims = cached(
    db,
    `SELECT c.id, json_extract(c.attrs, '$.claimantId') AS span_id FROM annotations c JOIN annotations s ON s.id = json_extract(c.attrs, '$.claimantId')
     WHERE c.article_id = ? AND c.label = 'claim' AND s.article_id = c.article_id ORDER BY c.id`,
  ).all(articleId) as { id: string; span_id: string }[];
  return [
    ...events.map((r) => ({ ownerId: r.event_id, role: r.role, spanId: r.span_id })),
    ...claims.map((c) => ({ ownerId: c.id, role: 'claimant' as const, spanId: c.span_id })),
  ];
}

/**
 * Replaces the roles the analyst sees of an event (those whose span is in the article now). A role
 * to a deleted span stays, unseen: the analyst who edits the roles in between cannot have meant
 * to drop it, and the undo that brings the span back brings the role back with it.
 */
export function replaceEventRoles(db: Db, eventId: string, articleId: string, roles: readonly Role[]): void {
  cached(db, 'DELETE FROM event_roles WHERE event_id = ? AND span_id IN (SELECT id FROM annotations)').run(eventId);
  insertRoles(db, eventId, articleId, roles);
}

/** Adds roles to an event (no transaction of its own); a role already there is left as it is. */
export function insertRoles(db: Db, eventId: string, articleId: string, roles: readonly Role[]): void {
  const insert = cached(db, 'INSERT OR IGNORE INTO event_roles (event_id, role, span_id, article_id, position) VALUES (?, ?, ?, ?, ?)');
  roles.forEach((r, i) => insert.run(eventId, r.role, r.spanId, articleId, i));
}

/** Every role row of some articles, dormant ones included: what the trash keeps for an undo. */
export function roleRowsOfArticles(db: Db, articleIds: readonly string[]): RoleRow[] {
  return cached(db, 'SELECT * FROM event_roles WHERE article_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(articleIds)) as RoleRow[];
}

/** Puts role rows back (an undone article delete), onto the article and ids they now have. */
export function restoreRoleRows(db: Db, rows: readonly RoleRow[], articleOf: (articleId: string) => string, idOf: (annotationId: string) => string = (id) => id): void {
  const insert = cached(db, 'INSERT OR IGNORE INTO event_roles (event_id, role, span_id, article_id, position) VALUES (?, ?, ?, ?, ?)');
  for (const r of rows) insert.run(idOf(r.event_id), r.role, idOf(r.span_id), articleOf(r.article_id), r.position);
}

/** The live claims of an article whose claimantId names this id. */
export function claimsNaming(db: Db, articleId: string, id: string): string[] {
  return cached(db, `SELECT id FROM annotations WHERE article_id = ? AND label = 'claim' AND json_extract(attrs, '$.claimantId') = ? ORDER BY id`, 'pluck').all(articleId, id) as string[];
}

/** Outgoing links of an annotation for the cycle check: event roles and a claim's claimant. */
export function outgoingLinks(db: Db, id: string): string[] {
  const roles = cached(db, 'SELECT span_id FROM event_roles WHERE event_id = ?', 'pluck').all(id) as string[];
  const claimant = cached(db, `SELECT json_extract(attrs, '$.claimantId') FROM annotations WHERE id = ? AND label = 'claim'`, 'pluck').get(id) as string | null | undefined;
  return claimant ? [...roles, claimant] : roles;
}
