import { z } from 'zod';
import { EventRole, ROLE_TARGET_LABEL } from '../../../shared/ipc/events';
import { Id } from '../../../shared/model';
import type { ExportItem } from '../store/export';

/*
 * The bundle's events-as-records section (DESIGN.md, "The analyst's layer"): each article line
 * carries its events' roles and incident memberships, as optional fields so bundles written
 * before them still read and older versions of Spanwise read these (ignoring them). Only roles
 * whose both ends travel in the same line are written; an incident's title, note and times travel
 * with each membership, so a line is complete on its own.
 */

export const BundleRole = z.object({ event_id: Id, role: EventRole, span_id: Id, position: z.number().int().nonnegative() });
export type BundleRole = z.infer<typeof BundleRole>;

export const BundleMembership = z.object({ event_id: Id, incident_id: Id, title: z.string().max(2000), note: z.string().max(100_000), created_at: z.string(), updated_at: z.string() });
export type BundleMembership = z.infer<typeof BundleMembership>;

export const BUNDLE_EVENT_FIELDS = {
  roles: z.array(BundleRole).max(1_000_000).default([]),
  incidents: z.array(BundleMembership).max(1_000_000).default([]),
};

export function bundleEventFields(item: ExportItem): { roles?: BundleRole[]; incidents?: BundleMembership[] } {
  const written = new Set(item.annotations.map((a) => a.id));
  const labelOf = new Map(item.annotations.map((a) => [a.id, a.label]));
  // Dormant roles stay behind as a deleted span's do: one whose span was retagged since (an actor
  // made a figure) no longer fits its role, and a bundle holding it would be refused on import.
  const roles = (item.roles ?? [])
    .filter((r) => written.has(r.event_id) && written.has(r.span_id) && labelOf.get(r.event_id) === 'event' && labelOf.get(r.span_id) === ROLE_TARGET_LABEL[r.role])
    .sort((a, b) => a.event_id.localeCompare(b.event_id) || a.role.localeCompare(b.role) || a.position - b.position || a.span_id.localeCompare(b.span_id))
    .map((r) => ({ event_id: r.event_id, role: r.role, span_id: r.span_id, position: r.position }));
  // So does the membership of an event retagged since (an event made an actor): only events join incidents.
  const incidents = (item.memberships ?? [])
    .filter((m) => written.has(m.event_id) && labelOf.get(m.event_id) === 'event')
    .sort((a, b) => a.event_id.localeCompare(b.event_id))
    .map((m) => ({ event_id: m.event_id, incident_id: m.incident_id, title: m.title, note: m.note, created_at: m.created_at, updated_at: m.updated_at }));
  return { ...(roles.length ? { roles } : {}), ...(incidents.length ? { incidents } : {}) };
}
