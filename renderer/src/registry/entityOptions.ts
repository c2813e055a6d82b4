import type { EntityHit, EntityKind, EntitySummary } from '../../../shared/ipc/entities';
import type { Annotation, AnyAttrs } from '../../../shared/model';
import { plural } from '../../../shared/plural';
import type { ComboOption } from '../widgets/Combobox';

/** What choosing an option of an entity picker means. */
export type EntityChoice = { kind: 'entity'; entity: EntitySummary } | { kind: 'create'; name: string };

export interface EntityOption {
  option: ComboOption;
  choice: EntityChoice;
}

export interface EntityOptionsConfig {
  /** Offer a "Create “…”" option for the text typed (never when an entity already has that name). */
  allowCreate: boolean;
  /**
   * The create option comes first: the text is still the span just tagged, which no entity is
   * called exactly, so one key makes it an entity. Once the analyst types, the matches come first.
   */
  preferCreate: boolean;
  /** Entities not to offer (the entity being merged away cannot be merged into itself). */
  exclude?: ReadonlySet<string>;
}

/** How an entity's kind reads in a list: its actor kind, or "place". */
export function kindTitle(entity: Pick<EntitySummary, 'kind' | 'actorKind'>): string {
  if (entity.kind === 'place') return 'place';
  return entity.actorKind ?? 'actor';
}

export const createLabel = (name: string): string => `Create “${name}”`;

/** The options a type-ahead answer gives: the hits in the store's order, and where fitting, creating one. */
export function entityOptions(hits: readonly EntityHit[], text: string, config: EntityOptionsConfig): EntityOption[] {
  const name = text.trim();
  const found: EntityOption[] = [];
  const seen = new Set<string>();
  for (const hit of hits) {
    const e = hit.entity;
    if (seen.has(e.id) || config.exclude?.has(e.id)) continue;
    seen.add(e.id);
    const via = hit.matched !== e.name ? `as “${hit.matched}” · ` : '';
    found.push({ option: { id: `entity:${e.id}`, label: e.name, detail: `${via}${kindTitle(e)} · ${plural(e.mentions, 'mention')}` }, choice: { kind: 'entity', entity: e } });
  }
  const taken = hits.some((h) => h.match === 'exact');
  if (!config.allowCreate || name === '' || taken) return found;
  const create: EntityOption = { option: { id: 'create', label: createLabel(name), detail: 'new entity' }, choice: { kind: 'create', name } };
  return config.preferCreate ? [create, ...found] : [...found, create];
}

/** The kind of entity an annotation's label links to. */
export function entityKindFor(label: string): EntityKind | null {
  return label === 'actor' ? 'actor' : label === 'event' ? 'place' : null;
}

/** What linking an actor span to an entity writes: the link, and the entity's name and kind where the span has none. */
export function linkAttrs(annotation: Pick<Annotation, 'attrs'>, entity: Pick<EntitySummary, 'id' | 'name' | 'actorKind'>): AnyAttrs {
  const attrs: AnyAttrs = { entityId: entity.id };
  if (!annotation.attrs.canonicalName) attrs.canonicalName = entity.name;
  if (!annotation.attrs.kind && entity.actorKind) attrs.kind = entity.actorKind;
  return attrs;
}

/** What linking an event's location to a place writes: the link, and the place's name where the location is empty. */
export function placeAttrs(annotation: Pick<Annotation, 'attrs'>, place: Pick<EntitySummary, 'id' | 'name'>): AnyAttrs {
  return annotation.attrs.location ? { locationEntityId: place.id } : { locationEntityId: place.id, location: place.name };
}
