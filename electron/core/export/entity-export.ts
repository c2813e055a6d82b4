import type { EntityKind } from '../../../shared/ipc/entities';
import type { AnyAttrs, Label } from '../../../shared/model';
import type { Db } from '../store/db';
import { getStoredEntity, resolveEntityId } from '../store/entities';
import { urn } from './iri';

/**
 * What the dataset exports say about a span's link to the registry (DESIGN.md, "More of the
 * interface"): JSONL `entity: {id, kind, name}`, CSV `entity_id, entity_name`, brat `N` lines
 * against the `spanwise` normalization, W3C an identifying body. An actor span links to an actor
 * entity; an event's location to a place (its `entity` has kind "place"). The link attributes
 * themselves (entityId, locationEntityId) stay out of the attribute columns: the entity says it.
 */
export const LINK_ATTRIBUTES: readonly string[] = ['entityId', 'locationEntityId'];

export const isLinkAttribute = (key: string) => LINK_ATTRIBUTES.includes(key);

export interface EntityRef {
  id: string;
  kind: EntityKind;
  name: string;
}

/** Finds the entity a span links to, following merges; cached for one export. */
export interface EntityRefs {
  of(a: { label: Label; attrs: AnyAttrs }): EntityRef | null;
}

export const NO_ENTITIES: EntityRefs = { of: () => null };

export function entityRefs(db: Db): EntityRefs {
  const cache = new Map<string, EntityRef | null>();
  return {
    of(a) {
      const key = a.label === 'actor' ? 'entityId' : a.label === 'event' ? 'locationEntityId' : null;
      const id = key ? a.attrs[key] : undefined;
      if (typeof id !== 'string' || id === '') return null;
      let ref = cache.get(id);
      if (ref === undefined) {
        const live = resolveEntityId(db, id);
        const e = live ? getStoredEntity(db, live) : null;
        ref = e ? { id: e.id, kind: e.kind, name: e.name } : null;
        cache.set(id, ref);
      }
      return ref;
    },
  };
}

/** The JSONL span's `entity`, when it links to one the registry has. */
export function jsonlEntity(refs: EntityRefs, a: { label: Label; attrs: AnyAttrs }): { entity?: EntityRef } {
  const ref = refs.of(a);
  return ref ? { entity: ref } : {};
}

export const CSV_ENTITY_COLUMNS = ['entity_id', 'entity_name'] as const;

export function csvEntityCells(refs: EntityRefs, a: { label: Label; attrs: AnyAttrs }): [string, string] {
  const ref = refs.of(a);
  return ref ? [ref.id, ref.name] : ['', ''];
}

/** brat's normalization database name for the registry, as tools.conf declares it. */
export const BRAT_NORMALIZATION = 'spanwise';

/**
 * tools.conf: names the `spanwise` normalization so brat shows the `N` lines. brat would look
 * names up in a database of that name; Spanwise ships none (the registry is the library's), so
 * the `<URL>` points at the entity's URN, which brat only displays.
 */
export function toolsConf(): string {
  return ['[normalization]', `${BRAT_NORMALIZATION}\tDB:${BRAT_NORMALIZATION}, <URL>:urn:spanwise:entity:%s, <URLBASE>:urn:spanwise:entity:`, ''].join('\n');
}

/** `N1\tReference T3 spanwise:<entity id>\t<name>`; names and ids on one line, tabs as spaces. */
export function bratNormalization(refs: EntityRefs, a: { label: Label; attrs: AnyAttrs }, t: string, n: number): string {
  const ref = refs.of(a);
  if (!ref) return '';
  const oneLine = (s: string) => s.replace(/[\t\r\n\u0085\u2028\u2029]+/g, ' ');
  return `N${n}\tReference ${t} ${BRAT_NORMALIZATION}:${oneLine(ref.id).replaceAll(' ', '%20')}\t${oneLine(ref.name)}\n`;
}

export function w3cIdentifyingBody(refs: EntityRefs, a: { label: Label; attrs: AnyAttrs }): { type: 'SpecificResource'; purpose: 'identifying'; source: string }[] {
  const ref = refs.of(a);
  return ref ? [{ type: 'SpecificResource', purpose: 'identifying', source: urn('entity', ref.id) }] : [];
}
