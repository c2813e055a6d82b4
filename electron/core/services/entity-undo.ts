import { nameKey } from '../../../shared/fold';
import type { Entity } from '../../../shared/ipc/entities';
import type { Annotation } from '../../../shared/model';
import { deleteAnnotation, getAnnotation } from '../store/annotations';
import type { Db } from '../store/db';
import { deleteEntityRow, getStoredEntity, insertEntity, publicEntity, setMergedInto, updateEntity, type StoredEntity } from '../store/entities';
import { linkedAnnotationIds, linkedEntityId, setLink } from '../store/entity-links';
import { takeUndo } from '../store/entity-undo';
import type { AcceptUndo } from './suggestions';
import type { DeleteUndo, MergeUndo, MovedLink, SplitUndo } from './entities';
import { HandlerError } from './errors';

export interface UndoOutcome {
  entities: Entity[];
  annotations: Annotation[];
  removedAnnotationIds: string[];
}

/** Puts links back where a step found them, for the annotations the step left linked to `to`. */
function restoreLinks(db: Db, links: readonly MovedLink[], to: string): Annotation[] {
  const out: Annotation[] = [];
  for (const l of links) {
    const a = getAnnotation(db, l.annotationId);
    // An annotation deleted since, or linked elsewhere since, is the analyst's later choice: kept.
    if (!a || linkedEntityId(a) !== to) continue;
    out.push(setLink(db, l.annotationId, l.was));
  }
  return out;
}

function standing(db: Db, id: string, what: string): StoredEntity {
  const e = getStoredEntity(db, id);
  if (!e || e.mergedInto) throw new HandlerError('conflict', `cannot undo the ${what}: entity ${id} is gone or merged since`);
  return e;
}

function undoMerge(db: Db, u: MergeUndo): UndoOutcome {
  const into = standing(db, u.into, 'merge');
  const from = getStoredEntity(db, u.from);
  if (!from || from.mergedInto !== u.into) throw new HandlerError('conflict', `cannot undo the merge: entity ${u.from} is no longer merged into ${u.into}`);
  const moved = new Set(u.addedAliases.map(nameKey));
  updateEntity(db, into.id, {
    aliases: into.aliases.filter((a) => !moved.has(nameKey(a))),
    externalIds: into.externalIds.filter((x) => !u.addedExternalIds.includes(x)),
  });
  setMergedInto(db, u.from, null);
  updateEntity(db, u.from, { name: u.fromNames[0] as string, aliases: u.fromNames.slice(1), unregistered: u.fromUnregistered ?? [] });
  const annotations = restoreLinks(db, u.links, u.into);
  return { entities: [u.from, u.into].map((id) => publicEntity(getStoredEntity(db, id) as StoredEntity)), annotations, removedAnnotationIds: [] };
}

function undoSplit(db: Db, u: SplitUndo): UndoOutcome {
  const annotations = restoreLinks(db, u.links, u.to);
  const entities: Entity[] = [];
  const target = getStoredEntity(db, u.to);
  // A new entity made by the split goes with it, unless something else was linked to it since.
  if (u.created && target && linkedAnnotationIds(db, [u.to]).length === 0) deleteEntityRow(db, u.to);
  else if (target) entities.push(publicEntity(target));
  for (const was of new Set(u.links.map((l) => l.was))) {
    const e = was ? getStoredEntity(db, was) : null;
    if (e) entities.push(publicEntity(e));
  }
  return { entities, annotations, removedAnnotationIds: [] };
}

function undoDelete(db: Db, u: DeleteUndo): UndoOutcome {
  for (const e of u.entities) {
    if (getStoredEntity(db, e.id)) throw new HandlerError('conflict', `cannot undo the delete: an entity with id ${e.id} exists again`);
    insertEntity(db, { ...e, name: e.names[0] as string, aliases: e.names.slice(1), mergedInto: e.mergedInto });
  }
  const annotations: Annotation[] = [];
  for (const l of u.links) {
    const a = getAnnotation(db, l.annotationId);
    if (a && linkedEntityId(a) === null) annotations.push(setLink(db, l.annotationId, l.entityId));
  }
  return { entities: u.entities.filter((e) => !e.mergedInto).map((e) => publicEntity(getStoredEntity(db, e.id) as StoredEntity)), annotations, removedAnnotationIds: [] };
}

function undoAccept(db: Db, u: AcceptUndo): UndoOutcome {
  const removedAnnotationIds: string[] = [];
  for (const id of u.created) {
    if (getAnnotation(db, id)) {
      deleteAnnotation(db, id);
      removedAnnotationIds.push(id);
    }
  }
  const annotations: Annotation[] = [];
  for (const l of u.linked) {
    const a = getAnnotation(db, l.annotationId);
    if (!a || linkedEntityId(a) !== l.entityId) continue;
    annotations.push(setLink(db, l.annotationId, null, {}, l.filled));
  }
  return { entities: [], annotations, removedAnnotationIds };
}

/** Undoes one registry step by its token, in one transaction. */
export function undoStep(db: Db, token: string): UndoOutcome {
  return db.transaction(() => {
    const { step, payload } = takeUndo(db, token);
    switch (step) {
      case 'merge':
        return undoMerge(db, payload as MergeUndo);
      case 'split':
        return undoSplit(db, payload as SplitUndo);
      case 'delete':
        return undoDelete(db, payload as DeleteUndo);
      case 'accept':
        return undoAccept(db, payload as AcceptUndo);
      default:
        throw new HandlerError('invalid_input', `token ${token} names a step that cannot be undone here (${String(step)})`);
    }
  })();
}
