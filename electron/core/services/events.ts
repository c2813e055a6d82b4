import { codebookProblem, daysApart } from '../../../shared/codebook';
import { ROLE_TARGET_LABEL, type IncidentCandidate, type Role } from '../../../shared/ipc/events';
import type { AnyAttrs, Label } from '../../../shared/model';
import { addCodebookType, readCodebook } from '../store/codebook';
import { actorNames } from '../store/actor-names';
import { getAnnotation, requireAnnotation } from '../store/annotations';
import type { Db } from '../store/db';
import { eventRecords, listEvents } from '../store/events';
import { assignIncident, ensureIncident, getIncident, incidentsOfEvents } from '../store/incidents';
import { articleRoles, eventRoles, outgoingLinks, replaceEventRoles, rolesOfEvents } from '../store/roles';
import { candidateRows } from '../store/incident-candidates';
import { HandlerError } from './errors';
import type { Handlers } from './handlers';

type EventChannels = 'roles/list' | 'roles/set' | 'events/list' | 'events/candidates' | 'incidents/group' | 'incidents/ungroup' | 'incidents/get' | 'codebook/get' | 'codebook/add' | 'events/get';

/** Why an event's type is refused (not in the library's codebook), or nothing for other labels. */
export function checkEventType(db: Db, label: Label, attrs: AnyAttrs, where = ''): void {
  if (label !== 'event') return;
  const problem = codebookProblem(readCodebook(db), attrs.type, attrs.subType);
  if (problem) throw new HandlerError('invalid_input', `${where}${problem}`);
}

/**
 * Why an event's roles cannot be stored, or null: every role points to an annotation of the same
 * article with the label its role takes, and no chain of roles (claimants included) leads back to
 * the event. `linksOf` gives an annotation's outgoing links as they will be once the roles are set.
 */
export function roleProblem(
  event: { id: string; articleId: string },
  roles: readonly Role[],
  spanOf: (id: string) => { articleId: string; label: Label } | null,
  linksOf: (id: string) => readonly string[],
): string | null {
  for (const r of roles) {
    const span = spanOf(r.spanId);
    if (!span) return `role ${r.role}: no annotation with id ${r.spanId}`;
    if (span.articleId !== event.articleId) return `role ${r.role}: annotation ${r.spanId} is in another article (roles point to annotations of the event's own article)`;
    if (r.spanId === event.id || reaches(r.spanId, event.id, linksOf)) return `role ${r.role}: annotation ${r.spanId} leads back to event ${event.id} (a role cycle)`;
    const wanted = ROLE_TARGET_LABEL[r.role];
    if (span.label !== wanted) return `role ${r.role}: annotation ${r.spanId} is a ${span.label}, not a ${wanted}`;
  }
  return null;
}

function reaches(from: string, to: string, linksOf: (id: string) => readonly string[]): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...linksOf(id));
  }
  return false;
}

/** Stores an event's roles after checking them; no transaction of its own. */
export function setEventRoles(db: Db, eventId: string, roles: readonly Role[]): void {
  const event = requireAnnotation(db, eventId);
  if (event.label !== 'event') throw new HandlerError('invalid_input', `annotation ${eventId} is a ${event.label}; only events have roles`);
  const unique = roles.filter((r, i) => roles.findIndex((o) => o.role === r.role && o.spanId === r.spanId) === i);
  const problem = roleProblem(
    event,
    unique,
    (id) => getAnnotation(db, id),
    (id) => (id === eventId ? unique.map((r) => r.spanId) : outgoingLinks(db, id)),
  );
  if (problem) throw new HandlerError('invalid_input', problem);
  replaceEventRoles(db, eventId, event.articleId, unique);
}

/** Days apart two reports may be and still be proposed as one incident. */
export const CANDIDATE_DAYS = 3;

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase().trim();

export function eventHandlers(db: Db): Pick<Handlers, EventChannels> {
  const group = (eventIds: string[], incidentId: string | undefined) =>
    db.transaction(() => {
      const events = eventIds.map((id) => {
        const a = requireAnnotation(db, id);
        if (a.label !== 'event') throw new HandlerError('invalid_input', `annotation ${id} is a ${a.label}; only events form incidents`);
        return a;
      });
      const current = incidentsOfEvents(db, eventIds);
      const previous = eventIds.map((eventId) => ({ eventId, incidentId: current.get(eventId) ?? null }));
      // Joining an event to reports already grouped extends their incident rather than starting another.
      const target = ensureIncident(db, incidentId ?? previous.find((p) => p.incidentId !== null)?.incidentId ?? undefined);
      for (const e of events) assignIncident(db, e.id, e.articleId, target);
      return { incident: getIncident(db, target) as NonNullable<ReturnType<typeof getIncident>>, previous };
    })();

  return {
    'roles/list': ({ articleId }) => articleRoles(db, articleId),

    'roles/set': ({ eventId, roles }) =>
      db.transaction(() => {
        setEventRoles(db, eventId, roles);
        return eventRoles(db, eventId).map((r) => ({ ownerId: eventId, ...r }));
      })(),

    'events/list': (query) => listEvents(db, query),

    'events/get': ({ ids }) => eventRecords(db, ids),

    'events/candidates': ({ eventId, limit }) => {
      const [event] = eventRecords(db, [eventId]);
      if (!event) throw new HandlerError('not_found', `no event annotation with id ${eventId}`);
      const actors = new Set(event.actor.concat(event.target, event.with).map(fold));
      const rows = candidateRows(db, event, CANDIDATE_DAYS);
      const otherRoles = rolesOfEvents(db, rows.map((r) => r.id));
      const names = actorNames(db, [...otherRoles.values()].flatMap((list) => list.filter((r) => r.role !== 'figure' && r.role !== 'source').map((r) => r.spanId)));
      const scored: { id: string; reasons: IncidentCandidate['reasons'] }[] = [];
      for (const row of rows) {
        if (row.articleId === event.articleId || (event.incidentId !== null && row.incidentId === event.incidentId)) continue;
        const apart = daysApart(event.date, row.date);
        if (apart !== null && apart > CANDIDATE_DAYS) continue;
        const reasons: IncidentCandidate['reasons'] = [];
        if (apart !== null) reasons.push('date');
        if (event.location && row.location && fold(event.location) === fold(row.location)) reasons.push('place');
        const theirs = (otherRoles.get(row.id) ?? []).map((r) => names.get(r.spanId)).filter((n): n is string => n !== undefined);
        if (theirs.some((n) => actors.has(fold(n)))) reasons.push('actors');
        if (event.eventType && row.type === event.eventType) reasons.push('type');
        if (reasons.length >= 2) scored.push({ id: row.id, reasons });
      }
      scored.sort((a, b) => b.reasons.length - a.reasons.length);
      const top = scored.slice(0, limit);
      const records = new Map(eventRecords(db, top.map((s) => s.id)).map((r) => [r.id, r]));
      return top.flatMap((s) => {
        const record = records.get(s.id);
        return record ? [{ event: record, reasons: s.reasons }] : [];
      });
    },

    'incidents/group': ({ eventIds, incidentId }) => group(eventIds, incidentId),

    'incidents/ungroup': ({ eventIds }) =>
      db.transaction(() => {
        const current = incidentsOfEvents(db, eventIds);
        const previous = eventIds.map((eventId) => ({ eventId, incidentId: current.get(eventId) ?? null }));
        for (const id of eventIds) assignIncident(db, id, requireAnnotation(db, id).articleId, null);
        return { previous };
      })(),

    'incidents/get': ({ id }) => {
      const incident = getIncident(db, id);
      if (!incident) throw new HandlerError('not_found', `no incident with id ${id}`);
      const records = eventRecords(db, incident.events);
      return { incident, reports: records.map((record) => ({ record, annotation: requireAnnotation(db, record.id) })) };
    },

    'codebook/get': () => readCodebook(db),

    'codebook/add': ({ type, subType }) =>
      db.transaction(() => {
        addCodebookType(db, type, subType ?? '');
        return readCodebook(db);
      })(),
  };
}
