import { EVENT_ROLES, type RoleName } from '../../../shared/ipc/events';
import type { ExportItem } from '../store/export';
import { iriSegment, urn } from './iri';

/**
 * What the dataset exports say about events as records (DESIGN.md, "More of the interface"):
 * each span's roles (an event's actor, target, with, figure, source; a claim's claimant) and an
 * event's incident. A role is written only when both of its ends are written, so a file never
 * names a span it does not hold (a label filter, a deleted span whose role waits for an undo).
 */

export interface SpanRole {
  role: RoleName;
  span_id: string;
}

export interface IncidentRef {
  id: string;
  title: string;
  note: string;
  createdAt: string;
  updatedAt: string;
}

export interface EventLinks {
  /** Roles by the id of the span that has them (the event, or the claim), in the analyst's order. */
  roles: Map<string, SpanRole[]>;
  /** The incident of each written event that has one. */
  incidents: Map<string, IncidentRef>;
}

const ROLE_ORDER: readonly string[] = EVENT_ROLES;

export function eventLinks(item: ExportItem): EventLinks {
  const written = new Set(item.annotations.map((a) => a.id));
  const roles = new Map<string, SpanRole[]>();
  const rows = (item.roles ?? [])
    .filter((r) => written.has(r.event_id) && written.has(r.span_id))
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.position - b.position || a.span_id.localeCompare(b.span_id));
  for (const r of rows) {
    const list = roles.get(r.event_id) ?? [];
    list.push({ role: r.role, span_id: r.span_id });
    roles.set(r.event_id, list);
  }
  for (const a of item.annotations) {
    const claimant = a.label === 'claim' ? a.attrs.claimantId : undefined;
    if (typeof claimant === 'string' && written.has(claimant) && claimant !== a.id) roles.set(a.id, [{ role: 'claimant', span_id: claimant }]);
  }
  const incidents = new Map<string, IncidentRef>();
  for (const m of item.memberships ?? []) {
    if (written.has(m.event_id)) incidents.set(m.event_id, { id: m.incident_id, title: m.title, note: m.note, createdAt: m.created_at, updatedAt: m.updated_at });
  }
  return { roles, incidents };
}

/** The JSONL span's `roles` and `incident_id`, when it has any. */
export function jsonlEventFields(links: EventLinks, spanId: string): { roles?: SpanRole[]; incident_id?: string } {
  const roles = links.roles.get(spanId);
  const incident = links.incidents.get(spanId);
  return { ...(roles ? { roles } : {}), ...(incident ? { incident_id: incident.id } : {}) };
}

export const CSV_EVENT_COLUMNS = ['incident_id', 'roles'] as const;

/** `\` and `|` inside an id are escaped so the roles cell splits back exactly on `|`. */
const escapeListItem = (s: string) => s.replace(/[\\|]/g, (c) => `\\${c}`);

/** `actor:a1|target:a2`: the list separator the registry's CSV uses too. */
export function csvRolesCell(roles: readonly SpanRole[] | undefined): string {
  return (roles ?? []).map((r) => `${r.role}:${escapeListItem(r.span_id)}`).join('|');
}

export function csvEventCells(links: EventLinks, spanId: string): [string, string] {
  return [links.incidents.get(spanId)?.id ?? '', csvRolesCell(links.roles.get(spanId))];
}

/** The incident an event reports, as a body of the event's W3C annotation (its URN, as entities have theirs). */
export function w3cIncidentBody(links: EventLinks, spanId: string): { type: 'SpecificResource'; purpose: 'identifying'; source: string }[] {
  const incident = links.incidents.get(spanId);
  return incident ? [{ type: 'SpecificResource', purpose: 'identifying', source: urn('incident', incident.id) }] : [];
}

/**
 * Each role as a W3C annotation of its own (DESIGN.md): motivation "linking", a TextualBody naming
 * the role (purpose "tagging"), and as targets the event's (or claim's) annotation, then the role's.
 * Its id joins the two percent-encoded ids and the role, so it is a valid IRI and the same in every export.
 */
export function w3cRoleAnnotations(links: EventLinks, annotationIri: (id: string) => string) {
  return [...links.roles].flatMap(([ownerId, roles]) =>
    roles.map((r) => ({
      id: `urn:spanwise:role:${iriSegment(ownerId)}:${r.role}:${iriSegment(r.span_id)}`,
      type: 'Annotation',
      motivation: 'linking',
      body: [{ type: 'TextualBody', purpose: 'tagging', value: r.role }],
      target: [annotationIri(ownerId), annotationIri(r.span_id)],
    })),
  );
}
