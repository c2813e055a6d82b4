import { z } from 'zod';
import { isWellFormed } from './text';

export const LABELS = ['event', 'claim', 'actor', 'figure'] as const;
export const Label = z.enum(LABELS);
export type Label = z.infer<typeof Label>;

export const LABEL_TITLES: Record<Label, string> = {
  event: 'Event',
  claim: 'Claim',
  actor: 'Actor',
  figure: 'Figure',
};

export const CLAIM_STATUSES = ['unverified', 'supported', 'disputed', 'false'] as const;
export const ACTOR_KINDS = ['person', 'organisation', 'state', 'armed group', 'other'] as const;
export const FIGURE_QUALIFIERS = ['exact', 'approximate', 'at least', 'at most'] as const;

/** ISO 8601 date that may be partial: 2024, 2024-11, 2024-11-26, or an ISO week 2024-W48. */
export const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$/;
const PartialDate = z.string().regex(PARTIAL_DATE, 'expected an ISO date such as 2024, 2024-11, 2024-W48 or 2024-11-26');

const text = (max: number) => z.string().max(max);

export const EventAttrs = z
  .object({
    date: PartialDate.optional(),
    location: text(500).optional(),
    /** The place entity (shared/ipc/entities.ts) the location is linked to. */
    locationEntityId: z.string().max(64).optional(),
    category: text(200).optional(),
    /** From the library's codebook (shared/codebook.ts): ACLED's event types and the analyst's own. */
    type: text(200).optional(),
    subType: text(200).optional(),
  })
  .strict();
export const ClaimAttrs = z
  .object({
    claimant: text(500).optional(),
    /** Id of an actor annotation in the same article when the claimant is linked rather than free text. */
    claimantId: z.string().max(64).optional(),
    status: z.enum(CLAIM_STATUSES).optional(),
  })
  .strict();
export const ActorAttrs = z
  .object({
    canonicalName: text(500).optional(),
    kind: z.enum(ACTOR_KINDS).optional(),
    /** The actor entity (shared/ipc/entities.ts) this span is a mention of. */
    entityId: z.string().max(64).optional(),
  })
  .strict();
export const FigureAttrs = z
  .object({
    value: z.number().finite().optional(),
    unit: text(100).optional(),
    qualifier: z.enum(FIGURE_QUALIFIERS).optional(),
    /** What is counted: killed, injured, launched, intercepted, arrested, displaced, or the analyst's own word. */
    counts: text(100).optional(),
    /** A range the figure gives ("between 80 and 90"): its bounds. */
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    /** A word standing for a number ("dozens", ACLED's 12): an estimate, not a count. */
    estimate: z.boolean().optional(),
    /** True while the value was filled in by the app and not yet confirmed by the analyst. */
    auto: z.boolean().optional(),
  })
  .strict();

export const ATTR_SCHEMAS = {
  event: EventAttrs,
  claim: ClaimAttrs,
  actor: ActorAttrs,
  figure: FigureAttrs,
} as const;

export type EventAttrs = z.infer<typeof EventAttrs>;
export type ClaimAttrs = z.infer<typeof ClaimAttrs>;
export type ActorAttrs = z.infer<typeof ActorAttrs>;
export type FigureAttrs = z.infer<typeof FigureAttrs>;
export type Attrs = EventAttrs | ClaimAttrs | ActorAttrs | FigureAttrs;

/** Attributes as carried over the wire; narrowed per label by `parseAttrs`. */
export const AnyAttrs = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type AnyAttrs = z.infer<typeof AnyAttrs>;

/**
 * Validates attributes against the label's schema; attributes of another label are dropped
 * so a retag never leaves stray fields behind.
 */
export function parseAttrs(label: Label, attrs: unknown): { ok: true; attrs: AnyAttrs } | { ok: false; message: string } {
  const schema = ATTR_SCHEMAS[label];
  const source = (attrs ?? {}) as Record<string, unknown>;
  const known = Object.keys(schema.shape);
  const picked: Record<string, unknown> = {};
  for (const key of known) {
    const value = source[key];
    if (value !== undefined && value !== null && value !== '') picked[key] = value;
  }
  const result = schema.safeParse(picked);
  if (!result.success) {
    return { ok: false, message: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  }
  return { ok: true, attrs: result.data as AnyAttrs };
}

/**
 * An id: 1 to 64 UTF-16 units of well-formed text. A lone surrogate has no UTF-8 form: SQLite
 * would store it as bytes that read back as other characters, and the record could never be
 * found again by the id it was given.
 */
export const Id = z.string().min(1).max(64).refine(isWellFormed, { message: 'an id must be well-formed text (no lone UTF-16 surrogate)' });

export const ArticleMeta = z.object({
  title: z.string().max(2000),
  source: z.string().max(2000).nullable(),
  url: z.string().max(4000).nullable(),
  author: z.string().max(2000).nullable(),
  publishedAt: z.string().max(64).nullable(),
  language: z.string().max(35).nullable(),
});
export type ArticleMeta = z.infer<typeof ArticleMeta>;

export const Article = ArticleMeta.extend({
  id: Id,
  /** Canonical text (see DESIGN.md): what the editor shows and offsets index. */
  text: z.string(),
  /** The text as first imported, kept for provenance when the analyst corrects it. */
  originalText: z.string().nullable(),
  importedAt: z.string(),
  updatedAt: z.string(),
});
export type Article = z.infer<typeof Article>;

export const AnnotationStatus = z.enum(['ok', 'orphaned']);

export const Annotation = z.object({
  id: Id,
  articleId: Id,
  label: Label,
  /** UTF-16 code units, end-exclusive. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  quote: z.string(),
  note: z.string(),
  attrs: AnyAttrs,
  author: z.string(),
  /** 'orphaned' when a text correction deleted all of the annotated text. */
  status: AnnotationStatus,
  /** Set when a merged bundle brought a different version of annotation `conflictOf`: both are kept for the analyst to resolve. */
  conflictOf: Id.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Annotation = z.infer<typeof Annotation>;

export const ArticleSummary = z.object({
  id: Id,
  title: z.string(),
  source: z.string().nullable(),
  publishedAt: z.string().nullable(),
  importedAt: z.string(),
  counts: z.object({ event: z.number(), claim: z.number(), actor: z.number(), figure: z.number() }),
});
export type ArticleSummary = z.infer<typeof ArticleSummary>;

/** A parsed article before it has an id: what importers produce. */
export interface ArticleDraft {
  title: string;
  source: string | null;
  url: string | null;
  author: string | null;
  publishedAt: string | null;
  language: string | null;
  text: string;
  spans?: SpanDraft[];
}

/** A span in an article draft, offsets in UTF-16 code units into the draft's canonical text. */
export interface SpanDraft {
  id?: string;
  label: Label;
  start: number;
  end: number;
  note?: string;
  attrs?: AnyAttrs;
  /** The registry entity a dataset says the span links to (JSONL `entity`), matched on import by id, else name and kind. */
  entity?: { id?: string; kind: 'actor' | 'place'; name: string };
  /** Roles a dataset gives the span (JSONL `roles`), each naming another span of the same record by its dataset id. */
  roles?: { role: string; spanId: string }[];
  /** The incident a dataset puts an event span in (JSONL `incident_id`): spans with the same id form one incident. */
  incidentId?: string;
}

/** Markers search snippets wrap hits in (private-use characters, never HTML); the UI renders them as marks. */
export const HIT_OPEN = '\uE000';
export const HIT_CLOSE = '\uE001';
