import type { Entity, EntityDraft } from '../../../shared/ipc/entities';
import type { Annotation, AnyAttrs } from '../../../shared/model';
import { getAnnotation, requireAnnotation } from '../store/annotations';
import { StoreError, type Db } from '../store/db';
import {
  allMergedInto,
  clearNames,
  deleteEntityRow,
  entityIdByName,
  getStoredEntity,
  insertEntity,
  publicEntity,
  requireEntity,
  resolveEntityId,
  setMergedInto,
  summarize,
  updateEntity,
  type StoredEntity,
} from '../store/entities';
import { linkedAnnotationIds, linkedEntityId, setLink } from '../store/entity-links';
import { keepApart } from '../store/entity-apart';
import { saveUndo } from '../store/entity-undo';
import { HandlerError } from './errors';

/**
 * The registry's steps that touch more than one row: merge, split, delete, and linking. Each runs
 * in one transaction and (but linking, which undoes as an annotation edit) keeps what its undo
 * needs (services/entity-undo.ts).
 */

/** A link as it was before a step moved it. */
export interface MovedLink {
  annotationId: string;
  was: string | null;
}

export interface MergeUndo {
  from: string;
  into: string;
  fromNames: string[];
  addedAliases: string[];
  addedExternalIds: string[];
  links: MovedLink[];
  /** Names of `from` that were not its match keys (held by another entity), so undo leaves them so. */
  fromUnregistered?: string[];
}

export interface SplitUndo {
  to: string;
  created: boolean;
  links: MovedLink[];
}

export interface DeleteUndo {
  /** Standing entities first, then those merged into them, so each survivor is back before its merged ones. */
  entities: (StoredEntity & { names: string[] })[];
  links: { annotationId: string; entityId: string }[];
}

function moveLinks(db: Db, annotationIds: readonly string[], to: string): MovedLink[] {
  return annotationIds.map((annotationId) => {
    const was = linkedEntityId(requireAnnotation(db, annotationId));
    setLink(db, annotationId, to);
    return { annotationId, was };
  });
}

export function createEntity(db: Db, draft: EntityDraft & { author: string }): Entity {
  return db.transaction(() => publicEntity(insertEntity(db, { ...draft, author: draft.author })))();
}

export function mergeEntities(db: Db, fromId: string, intoId: string): { entity: ReturnType<typeof summarize>; moved: number; token: string } {
  return db.transaction(() => {
    const from = requireEntity(db, fromId);
    const into = requireEntity(db, intoId);
    if (from.id === into.id) throw new HandlerError('invalid_input', `${fromId} and ${intoId} are already one entity`);
    if (from.kind !== into.kind) throw new HandlerError('invalid_input', `cannot merge the ${from.kind} "${from.name}" into the ${into.kind} "${into.name}"`);
    const links = moveLinks(db, linkedAnnotationIds(db, [from.id, ...allMergedInto(db, from.id)]), into.id);
    const fromNames = [from.name, ...from.aliases];
    // A name `from` never held here (a bundle brought it; `into` or another has it) is not moved, nor given back on undo.
    const fromUnregistered = fromNames.filter((n) => entityIdByName(db, from.kind, n) !== from.id);
    const addedAliases = fromNames.filter((n) => !fromUnregistered.includes(n));
    clearNames(db, from.id);
    const addedExternalIds = from.externalIds.filter((x) => !into.externalIds.includes(x));
    updateEntity(db, into.id, { aliases: [...into.aliases, ...addedAliases], externalIds: [...into.externalIds, ...addedExternalIds] });
    setMergedInto(db, from.id, into.id);
    const undo: MergeUndo = { from: from.id, into: into.id, fromNames, addedAliases, addedExternalIds, links, ...(fromUnregistered.length ? { fromUnregistered } : {}) };
    const token = saveUndo(db, 'merge', undo);
    return { entity: summarize(db, requireEntity(db, into.id)), moved: links.length, token };
  })();
}

/** The analyst's answer to a bundle's offer: the two stay apart and the pair is not offered again. */
export function keepEntitiesApart(db: Db, fromId: string, intoId: string, author: string): { from: string; into: string } {
  return db.transaction(() => {
    const from = requireEntity(db, fromId);
    const into = requireEntity(db, intoId);
    if (from.id === into.id) throw new HandlerError('invalid_input', `${fromId} and ${intoId} are already one entity`);
    if (from.kind !== into.kind) throw new HandlerError('invalid_input', `the ${from.kind} "${from.name}" and the ${into.kind} "${into.name}" are apart already: they are not the same kind`);
    keepApart(db, fromId, intoId, author);
    return { from: fromId, into: intoId };
  })();
}

export function splitMentions(
  db: Db,
  annotationIds: readonly string[],
  to: { id: string } | { create: EntityDraft },
  author: string,
): { entity: ReturnType<typeof summarize>; moved: Annotation[]; token: string } {
  return db.transaction(() => {
    const created = 'create' in to;
    const target = created ? insertEntity(db, { ...to.create, author }) : requireEntity(db, to.id);
    for (const id of annotationIds) {
      const a = getAnnotation(db, id);
      if (!a) throw new HandlerError('not_found', `no annotation with id ${id}`);
      const wanted = target.kind === 'actor' ? 'actor' : 'event';
      if (a.label !== wanted) throw new HandlerError('invalid_input', `annotation ${id} is a ${a.label}; a ${target.kind} links from ${wanted} annotations`);
    }
    const links = moveLinks(db, annotationIds, target.id);
    const undo: SplitUndo = { to: target.id, created, links };
    const token = saveUndo(db, 'split', undo);
    return { entity: summarize(db, requireEntity(db, target.id)), moved: annotationIds.map((id) => requireAnnotation(db, id)), token };
  })();
}

export function deleteEntities(db: Db, ids: readonly string[]): { entities: number; unlinked: number; token: string } {
  return db.transaction(() => {
    const standing = [...new Set(ids.map((id) => requireEntity(db, id).id))];
    const all = [...standing, ...standing.flatMap((id) => allMergedInto(db, id))];
    const snapshots = all.map((id) => {
      const e = getStoredEntity(db, id) as StoredEntity;
      return { ...e, names: [e.name, ...e.aliases] };
    });
    const links = linkedAnnotationIds(db, all).map((annotationId) => ({ annotationId, entityId: linkedEntityId(requireAnnotation(db, annotationId)) as string }));
    for (const l of links) setLink(db, l.annotationId, null);
    // Merged ones first: a survivor's row goes after those that point at it.
    for (const id of [...all].reverse()) deleteEntityRow(db, id);
    const undo: DeleteUndo = { entities: snapshots, links };
    return { entities: standing.length, unlinked: links.length, token: saveUndo(db, 'delete', undo) };
  })();
}

/**
 * Checks the links an annotation's attributes ask for before they are stored: an actor's entityId
 * must name an actor entity, an event's locationEntityId a place; an id merged away is written as
 * the entity it was merged into. Unchanged links pass untouched, so undo can put back a link to an
 * entity deleted since.
 */
export function checkedLinks(db: Db, label: Annotation['label'], attrs: AnyAttrs, previous: AnyAttrs = {}): AnyAttrs {
  const key = label === 'actor' ? 'entityId' : label === 'event' ? 'locationEntityId' : null;
  if (!key) return attrs;
  const value = attrs[key];
  if (typeof value !== 'string' || value === previous[key]) return attrs;
  const live = resolveEntityId(db, value);
  const entity = live ? getStoredEntity(db, live) : null;
  const kind = label === 'actor' ? 'actor' : 'place';
  if (!entity) throw new HandlerError('invalid_input', `${key}: no entity with id ${value}`);
  if (entity.kind !== kind) throw new HandlerError('invalid_input', `${key}: "${entity.name}" is a ${entity.kind}; a${label === 'actor' ? 'n actor' : 'n event'} links to a ${kind}`);
  return { ...attrs, [key]: entity.id };
}

/** Links one annotation (null unlinks); an actor without a canonical name or kind takes the entity's. */
export function linkAnnotation(db: Db, annotationId: string, entityId: string | null): Annotation {
  return db.transaction(() => {
    const a = requireAnnotation(db, annotationId);
    if (a.label !== 'actor' && a.label !== 'event') throw new HandlerError('invalid_input', `a ${a.label} annotation does not link to an entity`);
    if (entityId === null) return setLink(db, annotationId, null);
    const key = a.label === 'actor' ? 'entityId' : 'locationEntityId';
    const attrs = checkedLinks(db, a.label, { ...a.attrs, [key]: entityId });
    const entity = requireEntity(db, attrs[key] as string);
    const extra: AnyAttrs = {};
    if (a.label === 'actor') {
      if (!a.attrs.canonicalName) extra.canonicalName = entity.name;
      if (!a.attrs.kind && entity.actorKind) extra.kind = entity.actorKind;
    } else if (!a.attrs.location) extra.location = entity.name;
    return setLink(db, annotationId, entity.id, extra);
  })();
}

export { StoreError };
