import { z } from 'zod';
import { ActorKind, EntityKind, MAX_ALIASES, MAX_ENTITY_NAME } from '../../../shared/ipc/entities';
import { Id } from '../../../shared/model';
import type { Db } from '../store/db';
import { getStoredEntity, type StoredEntity } from '../store/entities';
import { linkedEntityId } from '../store/entity-links';
import type { ExportItem } from '../store/export';

/*
 * The registry in a bundle (DESIGN.md, "The analyst's layer"): each article line carries the
 * entities its annotations link to, as an optional `entities` field, the way roles and incidents
 * were added (bundle-events.ts): bundles written before it still read (with no entities), and
 * older versions of Spanwise read these ones (ignoring the field; the links stay in the
 * annotations' attributes as before). The bundle's header version stays 1. An entity travels with
 * every line that links to it, so each line is complete on its own. A link naming an entity that
 * was merged into another carries both: the merged one (with `merged_into`) after its survivor.
 */

const Name = z.string().min(1).max(MAX_ENTITY_NAME);

export const BundleEntity = z.object({
  id: Id,
  kind: EntityKind,
  name: Name,
  actor_kind: ActorKind.nullable(),
  aliases: z.array(Name).max(MAX_ALIASES),
  external_ids: z.array(z.string().max(500)).max(MAX_ALIASES),
  note: z.string().max(100_000),
  author: z.string().max(500),
  created_at: z.string().max(64),
  updated_at: z.string().max(64),
  merged_into: Id.nullable().default(null),
});
export type BundleEntity = z.infer<typeof BundleEntity>;

export const BUNDLE_ENTITY_FIELDS = {
  entities: z.array(BundleEntity).max(1_000_000).default([]),
};

/** Reads entities for one export, each once, following merges to the survivor. */
export function bundleRegistry(db: Db): (id: string) => StoredEntity[] {
  const cache = new Map<string, StoredEntity[]>();
  return (id) => {
    let chain = cache.get(id);
    if (chain === undefined) {
      chain = [];
      const seen = new Set<string>();
      for (let e = getStoredEntity(db, id); e && !seen.has(e.id); e = e.mergedInto ? getStoredEntity(db, e.mergedInto) : null) {
        seen.add(e.id);
        chain.push(e);
      }
      // Survivor first, so a reader has it before the ids merged into it.
      chain.reverse();
      cache.set(id, chain);
    }
    return chain;
  };
}

export function bundleEntityFields(item: ExportItem, registry: ((id: string) => StoredEntity[]) | null): { entities?: BundleEntity[] } {
  if (!registry) return {};
  const out = new Map<string, BundleEntity>();
  for (const a of item.annotations) {
    const id = linkedEntityId(a);
    if (id === null) continue;
    for (const e of registry(id)) if (!out.has(e.id)) out.set(e.id, bundleEntity(e));
  }
  return out.size > 0 ? { entities: [...out.values()] } : {};
}

function bundleEntity(e: StoredEntity): BundleEntity {
  return {
    id: e.id,
    kind: e.kind,
    name: e.name,
    actor_kind: e.actorKind,
    aliases: e.aliases,
    external_ids: e.externalIds,
    note: e.note,
    author: e.author,
    created_at: e.createdAt,
    updated_at: e.updatedAt,
    merged_into: e.mergedInto,
  };
}
