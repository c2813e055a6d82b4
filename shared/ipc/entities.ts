import { z } from 'zod';
import { ACTOR_KINDS, Annotation, Id } from '../model';

/**
 * The registry's part of the contract (DESIGN.md, "The analyst's layer"): actor and place
 * entities, the links annotations hold to them, and the suggestions the registry makes.
 *
 * Links live in annotations' attributes, so every existing path (undo, bundles, exports) carries
 * them: an actor annotation's `attrs.entityId` names an actor entity, an event annotation's
 * `attrs.locationEntityId` a place entity. `annotations/create` and `annotations/update` accept
 * those keys and refuse an id that is no entity of the right kind (merged entities included:
 * link to what they were merged into).
 *
 * Names and aliases match after folding case, diacritics and NFKC (`shared/fold.ts`); a name or
 * alias is unique per kind once folded, and a write that would break that is refused with
 * `conflict` and a message naming the entity that holds it.
 */

export const ENTITY_KINDS = ['actor', 'place'] as const;
export const EntityKind = z.enum(ENTITY_KINDS);
export type EntityKind = z.infer<typeof EntityKind>;

export const ActorKind = z.enum(ACTOR_KINDS);
export type ActorKind = z.infer<typeof ActorKind>;

/** Longest canonical name or alias, in UTF-16 code units; longer is refused with the reason. */
export const MAX_ENTITY_NAME = 500;
/** At most this many aliases (and as many external ids) per entity. */
export const MAX_ALIASES = 500;

const Name = z.string().trim().min(1, 'a name may not be empty').max(MAX_ENTITY_NAME, `a name may be at most ${MAX_ENTITY_NAME} characters`);
const ExternalId = z.string().trim().min(1).max(500);

export const Entity = z.object({
  id: Id,
  kind: EntityKind,
  /** The canonical name. */
  name: z.string(),
  /** Actors only: person, organisation, state, armed group, other; null when not said (and always for places). */
  actorKind: ActorKind.nullable(),
  /** Other names in any script, in the order the analyst gave them (the canonical name is not repeated). */
  aliases: z.array(z.string()),
  /** Free text such as `wikidata:Q3874799`, typed by hand; nothing is looked up. */
  externalIds: z.array(z.string()),
  note: z.string(),
  author: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Entity = z.infer<typeof Entity>;

/** An entity with how much of the library points at it. */
export const EntitySummary = Entity.extend({
  /** Annotations linked to it (actor spans, or events whose location it is). */
  mentions: z.number(),
  /** Articles holding at least one of those annotations. */
  articles: z.number(),
});
export type EntitySummary = z.infer<typeof EntitySummary>;

export const EntitySort = z.enum(['name', 'kind', 'mentions', 'articles', 'updated']);
export type EntitySort = z.infer<typeof EntitySort>;

export const EntityListInput = z
  .object({
    kind: EntityKind.optional(),
    /** Keeps entities with a name or alias holding a word that starts with this (folded). */
    filter: z.string().max(MAX_ENTITY_NAME).optional(),
    sort: EntitySort.default('name'),
    descending: z.boolean().default(false),
    limit: z.number().int().min(1).max(1000).default(200),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type EntityListInput = z.input<typeof EntityListInput>;

export const EntityDraft = z
  .object({
    /** Chosen by the renderer so it can show the entity at once; refused if taken. */
    id: Id.optional(),
    kind: EntityKind,
    name: Name,
    actorKind: ActorKind.nullable().optional(),
    aliases: z.array(Name).max(MAX_ALIASES).optional(),
    externalIds: z.array(ExternalId).max(MAX_ALIASES).optional(),
    note: z.string().max(100_000).optional(),
  })
  .strict();
export type EntityDraft = z.input<typeof EntityDraft>;

export const EntityPatch = z
  .object({
    id: Id,
    name: Name.optional(),
    actorKind: ActorKind.nullable().optional(),
    /** Replaces the aliases as a whole (an undo gives back the list it had). */
    aliases: z.array(Name).max(MAX_ALIASES).optional(),
    externalIds: z.array(ExternalId).max(MAX_ALIASES).optional(),
    note: z.string().max(100_000).optional(),
  })
  .strict();
export type EntityPatch = z.input<typeof EntityPatch>;

/** A type-ahead hit: the entity and which of its names matched. */
export const EntityHit = z.object({
  entity: EntitySummary,
  /** The name or alias that matched, as written. */
  matched: z.string(),
  /** 'exact': the whole folded name; 'prefix': its start; 'word': the start of a later word. */
  match: z.enum(['exact', 'prefix', 'word']),
});
export type EntityHit = z.infer<typeof EntityHit>;

/** One mention: a linked annotation with its article and a little context either side. */
export const Mention = z.object({
  annotation: Annotation,
  articleTitle: z.string(),
  /** Up to 80 characters of text before and after the span (UTF-16, cut at a character). */
  before: z.string(),
  after: z.string(),
});
export type Mention = z.infer<typeof Mention>;

/**
 * An undoable registry step answers with a token; `entities/undo` with it puts everything the
 * step changed back (entities, aliases, every annotation's link), or refuses with `conflict`
 * when something it touched changed since. Tokens are kept in the library, so undo survives a restart.
 */
export const UndoToken = z.string().min(1).max(64);

export const SUGGESTION_ACTIONS = ['link', 'tag'] as const;

/**
 * What the registry proposes; nothing is stored until accepted.
 * - 'link' + annotationId: link that existing annotation (an unlinked actor span, or an event
 *   without a location entity, for a place) to the entity.
 * - 'tag' (actors only): create an actor annotation on [start, end) linked to the entity.
 * Offsets are UTF-16 into the article text (the app's unit; the command prints code points).
 */
export const Suggestion = z.object({
  /** Stable for the same proposal on the same text: what accept and reject name. */
  id: z.string(),
  articleId: Id,
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
  entityId: Id,
  entityName: z.string(),
  entityKind: EntityKind,
  action: z.enum(SUGGESTION_ACTIONS),
  /** The annotation a 'link' would link; null for 'tag'. */
  annotationId: Id.nullable(),
});
export type Suggestion = z.infer<typeof Suggestion>;

const SuggestionIds = z.object({ articleId: Id, ids: z.array(z.string().max(128)).min(1).max(10_000) }).strict();

/** What accepting did: the annotations created and those linked, as they now are. */
export const Accepted = z.object({
  created: z.array(Annotation),
  linked: z.array(Annotation),
  /** Undoes the whole acceptance as one step. */
  token: UndoToken,
});
export type Accepted = z.infer<typeof Accepted>;

/** The library-wide suggestion job's result (the job's `suggested` field once it is done). */
export const SuggestSummary = z.object({
  /** Stopped by `jobs/cancel`: the counts say how far it got (what it accepted stays). */
  cancelled: z.boolean(),
  /** Articles read. */
  articles: z.number(),
  /** Articles with at least one suggestion, most suggestions first (at most 1,000). */
  byArticle: z.array(z.object({ articleId: Id, title: z.string(), suggestions: z.number() })),
  suggestions: z.number(),
  /** With `accept`: how many annotations were created and linked; null otherwise. */
  created: z.number().nullable(),
  linked: z.number().nullable(),
  /** With `accept`: undoes everything the job accepted as one step. */
  token: UndoToken.nullable(),
});
export type SuggestSummary = z.infer<typeof SuggestSummary>;

/**
 * A bundle's entity that shares a name with one of this library's (the same kind, names folded):
 * offered to the analyst as a merge of `fromId` into `intoId`, never merged without them.
 */
export const EntityOffer = z.object({ kind: EntityKind, name: z.string(), fromId: Id, fromName: z.string(), intoId: Id, intoName: z.string() });
export type EntityOffer = z.infer<typeof EntityOffer>;

export const SuggestStart = z.object({ accept: z.boolean().default(false) }).strict();

/** The registry's channels: appended to `contract` in contract.ts. Every write is one transaction. */
export const entitiesContract = {
  /** A page of entities with their mention and article counts; `total` counts what the filter keeps. */
  'entities/list': { input: EntityListInput, output: z.object({ total: z.number(), items: z.array(EntitySummary) }) },
  /** One entity; `not_found` for an unknown id. A merged-away id answers with the entity it was merged into. */
  'entities/get': { input: z.object({ id: Id }).strict(), output: EntitySummary },
  /**
   * Type-ahead over names and aliases (folded): exact matches first, then names starting with
   * the query, then names with a later word starting with it; most-mentioned first within each.
   */
  'entities/search': {
    input: z.object({ query: z.string().max(MAX_ENTITY_NAME), kind: EntityKind.optional(), limit: z.number().int().min(1).max(100).default(20) }).strict(),
    output: z.object({ hits: z.array(EntityHit) }),
  },
  /** A new entity; `conflict` when its name or an alias is already taken within its kind. */
  'entities/create': { input: EntityDraft, output: Entity },
  /** Changes what is given; the same uniqueness as create. */
  'entities/update': { input: EntityPatch, output: Entity },
  /**
   * Deletes entities and unlinks every annotation linked to them (the annotations stay).
   * Undoable with the token.
   */
  'entities/delete': {
    input: z.object({ ids: z.array(Id).min(1).max(10_000) }).strict(),
    output: z.object({ entities: z.number(), unlinked: z.number(), token: UndoToken }),
  },
  /**
   * Merges `from` into `into`: every link to `from` moves to `into`, `from`'s name and aliases
   * become aliases of `into` (and its external ids join), and `from` answers to `into` from then
   * on (an incoming bundle's links to it included). Both must be the same kind.
   */
  'entities/merge': {
    input: z.object({ from: Id, into: Id }).strict(),
    output: z.object({ entity: EntitySummary, moved: z.number(), token: UndoToken }),
  },
  /**
   * Records that the two are not one (a bundle offered them as a merge): later bundles do not
   * offer the pair again, their import report counts it instead. Both must be the same kind.
   */
  'entities/keepApart': {
    input: z.object({ from: Id, into: Id }).strict(),
    output: z.object({ from: Id, into: Id }),
  },
  /**
   * Splits mentions off: the given annotations are linked to `to` instead (an existing entity of
   * the same kind), or to a new entity made from `create`. Undoable.
   */
  'entities/split': {
    input: z
      .object({
        annotationIds: z.array(Id).min(1).max(100_000),
        to: z.union([z.object({ id: Id }).strict(), z.object({ create: EntityDraft }).strict()]),
      })
      .strict(),
    output: z.object({ entity: EntitySummary, moved: z.array(Annotation), token: UndoToken }),
  },
  /**
   * Undoes a merge, split, delete or accepted suggestions. Returns the annotations whose
   * links it changed (as they now are) and the annotations it removed (suggestions accepted as
   * new actor annotations), so an open reader can redraw.
   */
  'entities/undo': {
    input: z.object({ token: UndoToken }).strict(),
    output: z.object({ entities: z.array(Entity), annotations: z.array(Annotation), removedAnnotationIds: z.array(Id) }),
  },
  /** The annotations linked to an entity (merged-in ones included), by article then position, with context. */
  'entities/mentions': {
    input: z.object({ id: Id, limit: z.number().int().min(1).max(1000).default(200), offset: z.number().int().min(0).default(0) }).strict(),
    output: z.object({ total: z.number(), items: z.array(Mention) }),
  },
  /**
   * Links one annotation to an entity (null unlinks): an actor annotation to an actor entity, an
   * event annotation's location to a place entity. An actor without a canonical name or kind takes
   * the entity's. The same as `annotations/update` with the attribute set; undo that way.
   */
  'annotations/link': {
    input: z.object({ annotationId: Id, entityId: Id.nullable() }).strict(),
    output: Annotation,
  },
  /** The registry's suggestions for one article, rejected ones left out. */
  'suggestions/list': { input: z.object({ articleId: Id }).strict(), output: z.object({ suggestions: z.array(Suggestion) }) },
  /**
   * Accepts suggestions of one article (by id, as `suggestions/list` gave them) as one undoable
   * step. An id no longer proposed (the text or annotations changed) is refused with `conflict`.
   */
  'suggestions/accept': { input: SuggestionIds, output: Accepted },
  /** Every current suggestion of the article at once: "Accept all", one undoable step. */
  'suggestions/acceptAll': { input: z.object({ articleId: Id }).strict(), output: Accepted },
  /** Remembers these suggestions as rejected for their mention: they are not proposed again. */
  'suggestions/reject': { input: SuggestionIds, output: z.object({ rejected: z.number() }) },
} as const;
