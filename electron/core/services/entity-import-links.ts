import { nameKey } from '../../../shared/fold';
import type { AnyAttrs, SpanDraft } from '../../../shared/model';
import type { Db } from '../store/db';
import { entityIdByName, getStoredEntity, insertEntity, resolveEntityId } from '../store/entities';

/**
 * The attributes an imported span is stored with, its registry link resolved against this
 * library: the dataset's `entity` is matched by id (of the right kind), else by name and kind
 * (aliases included), else created. A bare link attribute naming no entity here is dropped rather
 * than stored pointing nowhere. Runs inside the importer's transaction.
 */
export function linkedAttrs(db: Db, span: SpanDraft, author: string): AnyAttrs {
  const attrs: AnyAttrs = { ...(span.attrs ?? {}) };
  const key = span.label === 'actor' ? 'entityId' : span.label === 'event' ? 'locationEntityId' : null;
  if (!key) return attrs;
  if (span.entity) {
    const id = entityFor(db, span.entity, author);
    if (id) attrs[key] = id;
    else delete attrs[key];
    return attrs;
  }
  const given = attrs[key];
  if (typeof given === 'string') {
    const live = resolveEntityId(db, given);
    const entity = live ? getStoredEntity(db, live) : null;
    if (entity && entity.kind === (span.label === 'actor' ? 'actor' : 'place')) attrs[key] = entity.id;
    else delete attrs[key];
  }
  return attrs;
}

function entityFor(db: Db, ref: NonNullable<SpanDraft['entity']>, author: string): string {
  if (ref.id) {
    const live = resolveEntityId(db, ref.id);
    const byId = live ? getStoredEntity(db, live) : null;
    if (byId && byId.kind === ref.kind) return byId.id;
  }
  const byName = entityIdByName(db, ref.kind, ref.name);
  if (byName) return byName;
  // A name with nothing to match (punctuation only) cannot be a registry name: keep the span unlinked
  // rather than refuse the article.
  if (nameKey(ref.name) === '') return '';
  const free = ref.id && !getStoredEntity(db, ref.id) ? { id: ref.id } : {};
  return insertEntity(db, { ...free, kind: ref.kind, name: ref.name, author }).id;
}
