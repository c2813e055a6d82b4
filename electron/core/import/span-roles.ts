import { ROLE_NAMES, type RoleName } from '../../../shared/ipc/events';
import type { Label, SpanDraft } from '../../../shared/model';
import { excerpt } from './problems';

/** At most this many roles per span are read: a dataset listing more is not an analyst's record. */
const MAX_ROLES = 1000;

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 64;

/**
 * A dataset span's `roles: [{role, span_id}]` and `incident_id` (the JSONL export writes them).
 * An event takes actor, target, with, figure and source; a claim its claimant. What cannot be read
 * is named in `problems` and left out while the span itself imports; whether each role names a
 * span of the same record, with the label its role takes, is checked once the record's spans are known.
 */
export function spanEventFields(label: Label, span: Record<string, unknown>, problem: (message: string) => void): Pick<SpanDraft, 'roles' | 'incidentId'> {
  const out: Pick<SpanDraft, 'roles' | 'incidentId'> = {};
  const raw = span.roles;
  if (raw !== undefined && raw !== null) {
    if (!Array.isArray(raw)) problem('roles is not a list; roles left out');
    else {
      const allowed: readonly RoleName[] = label === 'event' ? ROLE_NAMES.filter((r) => r !== 'claimant') : label === 'claim' ? ['claimant'] : [];
      const roles: { role: string; spanId: string }[] = [];
      for (const item of raw.slice(0, MAX_ROLES)) {
        const r = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
        const spanId = r.span_id ?? r.spanId;
        if (typeof r.role !== 'string' || !isId(spanId)) problem(`role ${excerpt(JSON.stringify(item) ?? String(item))} is not {role, span_id}; left out`);
        else if (!(allowed as readonly string[]).includes(r.role)) problem(`a ${label} has no role ${excerpt(r.role)}${allowed.length ? ` (it takes ${allowed.join(', ')})` : ''}; left out`);
        else roles.push({ role: r.role, spanId });
      }
      if (raw.length > MAX_ROLES) problem(`more than ${MAX_ROLES} roles; the rest left out`);
      if (roles.length > 0) out.roles = roles;
    }
  }
  const incident = span.incident_id ?? span.incidentId;
  if (incident !== undefined && incident !== null && incident !== '') {
    if (label !== 'event') problem(`only events belong to incidents (this is a ${label}); incident_id ignored`);
    else if (!isId(incident)) problem('incident_id is not an id of 1 to 64 characters; ignored');
    else out.incidentId = incident;
  }
  return out;
}

/**
 * Leaves out the roles that name no span of the record (a role reaches only into its own
 * article), saying so. `ids` are the dataset ids of the record's spans that are kept.
 */
export function keepRolesInRecord(spans: SpanDraft[], ids: ReadonlySet<string>, problem: (message: string) => void): void {
  for (const s of spans) {
    if (!s.roles) continue;
    const name = s.id ?? `at ${s.start}-${s.end}`;
    const kept = s.roles.filter((r) => {
      if (ids.has(r.spanId)) return true;
      problem(`span ${name} role ${r.role}: no span ${excerpt(r.spanId)} in this article (roles point to spans of their own article); left out`);
      return false;
    });
    if (kept.length > 0) s.roles = kept;
    else delete s.roles;
  }
}
