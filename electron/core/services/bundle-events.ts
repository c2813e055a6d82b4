import { ROLE_TARGET_LABEL } from '../../../shared/ipc/events';
import type { BundleArticle } from '../export/bundle';
import { getAnnotation } from '../store/annotations';
import type { Db } from '../store/db';
import { ensureIncident, incidentsOfEvents, joinIncident } from '../store/incidents';
import { eventRoles, insertRoles } from '../store/roles';

/** What merging a bundle's roles and incidents did (part of the bundle's import report). */
export interface EventLinksReport {
  rolesAdded: number;
  /** Roles whose event or span did not come in here (kept deleted, not placed) or whose span has another label here now. */
  rolesLeftOut: number;
  /** Events put in the incident the bundle has them in (the incident created here when new). */
  eventsJoined: number;
  /** Events the bundle has in one incident and this library in another: left in this library's. */
  incidentConflicts: { articleId: string; eventId: string; here: string; there: string }[];
}

export const emptyEventLinksReport = (): EventLinksReport => ({ rolesAdded: 0, rolesLeftOut: 0, eventsJoined: 0, incidentConflicts: [] });

/**
 * Why an article line's roles and incidents cannot be merged, or null. Every role joins an event
 * of the same line to an annotation of the same line with the label its role takes (so no role
 * reaches into another article, and none can lead back to its event); every membership names an
 * event of the line. A bundle that breaks this was not written by Spanwise and is refused whole.
 */
export function eventLinksProblem(article: BundleArticle): string | null {
  const labelOf = new Map(article.annotations.map((a) => [a.id, a.label]));
  for (const r of article.roles) {
    if (labelOf.get(r.event_id) !== 'event') return `role ${r.role} of ${r.event_id}: no event with that id in this article`;
    const label = labelOf.get(r.span_id);
    if (label === undefined) return `role ${r.role} of event ${r.event_id}: no annotation ${r.span_id} in this article (roles point to annotations of the event's own article)`;
    if (label !== ROLE_TARGET_LABEL[r.role]) return `role ${r.role} of event ${r.event_id}: annotation ${r.span_id} is a ${label}, not a ${ROLE_TARGET_LABEL[r.role]}`;
  }
  for (const m of article.incidents) {
    if (labelOf.get(m.event_id) !== 'event') return `incident ${m.incident_id}: no event ${m.event_id} in this article`;
  }
  return null;
}

/**
 * Merges an article line's roles and incidents once its annotations are merged (inside the
 * bundle's transaction). `localId` gives the local annotation an incoming id became, or null when
 * it did not come in. Roles are added to the annotations that exist here (a role already here is
 * left as it is); incidents are merged by id: an event in no incident here joins the bundle's
 * (created with its title, note and times when new), one in another incident stays there and is
 * reported.
 */
export function mergeEventLinks(db: Db, incoming: BundleArticle, localArticleId: string, localId: (incomingId: string) => string | null, report: EventLinksReport): void {
  const byEvent = new Map<string, { role: (typeof incoming.roles)[number]['role']; spanId: string }[]>();
  for (const r of [...incoming.roles].sort((a, b) => a.position - b.position)) {
    const eventId = localId(r.event_id);
    const spanId = localId(r.span_id);
    const event = eventId ? getAnnotation(db, eventId) : null;
    const span = spanId ? getAnnotation(db, spanId) : null;
    if (!eventId || !spanId || event?.label !== 'event' || span?.label !== ROLE_TARGET_LABEL[r.role] || event.articleId !== localArticleId || span.articleId !== localArticleId) {
      report.rolesLeftOut++;
      continue;
    }
    byEvent.set(eventId, [...(byEvent.get(eventId) ?? []), { role: r.role, spanId }]);
  }
  for (const [eventId, roles] of byEvent) {
    const here = eventRoles(db, eventId);
    const fresh = roles.filter((r) => !here.some((h) => h.role === r.role && h.spanId === r.spanId));
    // After the roles already here, in the sender's order.
    insertRoles(db, eventId, localArticleId, [...here, ...fresh]);
    report.rolesAdded += fresh.length;
  }
  const local = incoming.incidents.flatMap((m) => {
    const eventId = localId(m.event_id);
    return eventId && getAnnotation(db, eventId)?.label === 'event' ? [{ m, eventId }] : [];
  });
  const current = incidentsOfEvents(db, local.map((l) => l.eventId));
  for (const { m, eventId } of local) {
    const here = current.get(eventId);
    if (here === m.incident_id) continue;
    if (here !== undefined) {
      report.incidentConflicts.push({ articleId: localArticleId, eventId, here, there: m.incident_id });
      continue;
    }
    ensureIncident(db, m.incident_id, { title: m.title, note: m.note, createdAt: m.created_at, updatedAt: m.updated_at });
    joinIncident(db, eventId, localArticleId, m.incident_id, m.updated_at);
    report.eventsJoined++;
  }
}
