import { z } from 'zod';
import { Annotation, Id } from '../model';
import { DATE_PRECISIONS } from '../codebook';

/**
 * Events as records (DESIGN.md, "The analyst's layer"): roles linking an event to the spans of
 * its article, incidents grouping events across articles, and the codebook of event types.
 */

/** Roles an event annotation has; each points to an annotation of the same article. */
export const EVENT_ROLES = ['actor', 'target', 'with', 'figure', 'source'] as const;
export const EventRole = z.enum(EVENT_ROLES);
export type EventRole = z.infer<typeof EventRole>;

/** Every role, a claim's claimant included (stored as the claim's claimantId attribute). */
export const ROLE_NAMES = [...EVENT_ROLES, 'claimant'] as const;
export const RoleName = z.enum(ROLE_NAMES);
export type RoleName = z.infer<typeof RoleName>;

/** The label a role's annotation must have. */
export const ROLE_TARGET_LABEL = { actor: 'actor', target: 'actor', with: 'actor', figure: 'figure', source: 'claim', claimant: 'actor' } as const;

/** What the reader's pickers are called (DESIGN.md, the interface tests rely on). */
export const ROLE_TITLES: Record<EventRole, string> = { actor: 'Actor', target: 'Target', with: 'With', figure: 'Figures', source: 'Source' };

export const Role = z.object({ role: EventRole, spanId: Id }).strict();
export type Role = z.infer<typeof Role>;

/** A role of one annotation (an event, or a claim's claimant). */
export const RoleLink = z.object({ ownerId: Id, role: RoleName, spanId: Id });
export type RoleLink = z.infer<typeof RoleLink>;

export const Incident = z.object({ id: Id, title: z.string(), note: z.string(), createdAt: z.string(), updatedAt: z.string(), events: z.array(Id) });
export type Incident = z.infer<typeof Incident>;

export const FigureSummary = z.object({ counts: z.string().nullable(), value: z.number().nullable(), unit: z.string().nullable(), qualifier: z.string().nullable() });
export type FigureSummary = z.infer<typeof FigureSummary>;

/** One event annotation read as a record: what `spanwise events` prints and the Events table shows. */
export const EventRecord = z.object({
  id: Id,
  articleId: Id,
  articleTitle: z.string(),
  /** The article's source (publication), what ACLED's source column and the table's sources list. */
  source: z.string().nullable(),
  publishedAt: z.string().nullable(),
  incidentId: Id.nullable(),
  date: z.string().nullable(),
  datePrecision: z.enum(DATE_PRECISIONS).nullable(),
  eventType: z.string().nullable(),
  subEventType: z.string().nullable(),
  actor: z.array(z.string()),
  target: z.array(z.string()),
  with: z.array(z.string()),
  location: z.string().nullable(),
  figures: z.array(FigureSummary),
  quote: z.string(),
  /** Who tagged the event and when it last changed: PLOVER's coder, ACLED's timestamp. */
  author: z.string(),
  updatedAt: z.string(),
  /** The article's address, when it has one: cited with the source. */
  url: z.string().nullable(),
});
export type EventRecord = z.infer<typeof EventRecord>;

export const EVENTS_PAGE_SIZE = 100;
export const EventSort = z.enum(['date', 'type', 'location', 'source', 'article']);
export type EventSort = z.infer<typeof EventSort>;

export const EventsQuery = z
  .object({
    sort: EventSort.default('date'),
    descending: z.boolean().default(true),
    type: z.string().max(200).optional(),
    /** An actor's canonical name or span text, matched after folding case. */
    actor: z.string().max(500).optional(),
    dateFrom: z.string().max(10).optional(),
    dateTo: z.string().max(10).optional(),
    source: z.string().max(2000).optional(),
    limit: z.number().int().min(1).max(1000).default(EVENTS_PAGE_SIZE),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type EventsQuery = z.input<typeof EventsQuery>;

export const IncidentCandidate = z.object({
  event: EventRecord,
  /** Which of the four signals agree: close dates, same place, shared actors, same type. */
  reasons: z.array(z.enum(['date', 'place', 'actors', 'type'])),
});
export type IncidentCandidate = z.infer<typeof IncidentCandidate>;

/** Where events were before a grouping changed them: what undo puts back. */
const Assignment = z.object({ eventId: Id, incidentId: Id.nullable() });

export const CodebookEntry = z.object({ type: z.string(), subTypes: z.array(z.string()), custom: z.boolean() });

export const eventsContract = {
  /** Every role of the article's events and claims. */
  'roles/list': { input: z.object({ articleId: Id }).strict(), output: z.array(RoleLink) },
  /** Replaces an event's roles (undo sends the previous list); refused when a role leaves the article or makes a cycle. */
  'roles/set': { input: z.object({ eventId: Id, roles: z.array(Role).max(1000) }).strict(), output: z.array(RoleLink) },
  'events/list': { input: EventsQuery, output: z.object({ total: z.number(), items: z.array(EventRecord) }) },
  'events/candidates': { input: z.object({ eventId: Id, limit: z.number().int().min(1).max(200).default(20) }).strict(), output: z.array(IncidentCandidate) },
  /**
   * Puts events in one incident: the given one (created with that id when new, which is how undo
   * restores an ungrouping) or a new one. `previous` says where each event was.
   */
  'incidents/group': {
    input: z.object({ eventIds: z.array(Id).min(1).max(10_000), incidentId: Id.optional() }).strict(),
    output: z.object({ incident: Incident, previous: z.array(Assignment) }),
  },
  'incidents/ungroup': { input: z.object({ eventIds: z.array(Id).min(1).max(10_000) }).strict(), output: z.object({ previous: z.array(Assignment) }) },
  'incidents/get': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ incident: Incident, reports: z.array(z.object({ record: EventRecord, annotation: Annotation })) }),
  },
  'codebook/get': { input: z.object({}).strict(), output: z.object({ types: z.array(CodebookEntry) }) },
  'codebook/add': {
    input: z.object({ type: z.string().trim().min(1).max(200), subType: z.string().trim().max(200).optional() }).strict(),
    output: z.object({ types: z.array(CodebookEntry) }),
  },
  /** The records of some events (what the reader's details show of an event's incident); ids that are not live events are left out. */
  'events/get': { input: z.object({ ids: z.array(Id).min(1).max(1000) }).strict(), output: z.array(EventRecord) },
} as const;
