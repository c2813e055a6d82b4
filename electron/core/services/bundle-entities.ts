import { nameKey } from '../../../shared/fold';
import type { EntityOffer } from '../../../shared/ipc/entities';
import type { BundleEntity } from '../export/bundle-entities';
import { StoreError, type Db } from '../store/db';
import { isKeptApart } from '../store/entity-apart';
import { entityIdByName, getStoredEntity, insertEntity, resolveEntityId, updateEntity, type StoredEntity } from '../store/entities';

/** A field the two machines set differently on the same entity: this library's value is kept. */
export interface EntityFieldConflict {
  entityId: string;
  name: string;
  field: 'actor_kind' | 'note';
  local: string;
  incoming: string;
}

export interface EntityMergeReport {
  added: number;
  /** Same id here: names, external ids or an empty field taken from the bundle. */
  updated: number;
  unchanged: number;
  /** Accepting one merges `fromId` into `intoId` (entities/merge, undoable), so this library's entity stands. */
  offers: EntityOffer[];
  /** Pairs that would be offered but that the analyst kept apart before (entities/keepApart): counted, not asked again. */
  keptApart: number;
  conflicts: EntityFieldConflict[];
}

export const emptyEntityReport = (): EntityMergeReport => ({ added: 0, updated: 0, unchanged: 0, offers: [], keptApart: 0, conflicts: [] });

/** A bundle's entity the library cannot take: the whole bundle is refused (BundleMergeError in the caller). */
export class BundleEntityError extends Error {}

/**
 * Merges the registry a bundle carries (export/bundle-entities.ts), line by line, each entity
 * once. An entity is matched by id (following merges made here): what it adds (names, external
 * ids, a field empty here) is taken, a field set differently on both sides keeps this library's
 * value and is reported. A new entity is added under its id; a name of it that another entity
 * holds here stays with that one (names are unique per kind) and the pair is offered as a merge.
 */
export class BundleEntityMerger {
  private readonly done = new Set<string>();
  private readonly offered = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly report: EntityMergeReport,
  ) {}

  merge(records: readonly BundleEntity[]): void {
    for (const r of records) {
      if (this.done.has(r.id)) continue;
      this.done.add(r.id);
      try {
        this.mergeOne(r);
      } catch (err) {
        if (err instanceof StoreError) throw new BundleEntityError(`entity ${r.id} ("${r.name}"): ${err.message}`);
        throw err;
      }
    }
  }

  private mergeOne(r: BundleEntity): void {
    const here = getStoredEntity(this.db, r.id);
    if (here && here.kind !== r.kind) throw new BundleEntityError(`entity ${r.id} is a ${r.kind} in the bundle but a ${here.kind} here`);
    if (r.merged_into !== null) {
      // Merged there: known here under that id already, or kept as merged into its survivor here.
      const survivor = here ? null : resolveEntityId(this.db, r.merged_into);
      const into = survivor ? getStoredEntity(this.db, survivor) : null;
      if (here || (into && into.kind === r.kind)) {
        if (!here && into) insertEntity(this.db, { ...fields(r), mergedInto: into.id });
        return;
      }
    }
    if (here) this.mergeSameId(getStoredEntity(this.db, resolveEntityId(this.db, r.id) ?? r.id) as StoredEntity, r);
    else this.add(r);
  }

  private add(r: BundleEntity): void {
    const names = [r.name, ...r.aliases];
    const held = names.filter((n) => {
      const holder = entityIdByName(this.db, r.kind, n);
      if (holder === null || holder === r.id) return false;
      this.offer(r, n, holder);
      return true;
    });
    insertEntity(this.db, { ...fields(r), unregistered: held });
    this.report.added++;
  }

  private mergeSameId(local: StoredEntity, r: BundleEntity): void {
    // Its own names are skipped; one another entity holds (its canonical name too, a bundle's entity kept apart) is offered.
    const keys = new Set(local.aliases.map(nameKey));
    const aliases: string[] = [];
    for (const n of [r.name, ...r.aliases]) {
      const key = nameKey(n);
      if (keys.has(key)) continue;
      keys.add(key);
      const holder = entityIdByName(this.db, r.kind, n);
      if (holder !== null && holder !== local.id) this.offer({ ...r, id: local.id, name: local.name }, n, holder);
      else if (holder === null && key !== nameKey(local.name)) aliases.push(n);
    }
    const externalIds = r.external_ids.filter((x) => !local.externalIds.includes(x));
    const patch: Parameters<typeof updateEntity>[2] = {};
    if (aliases.length) patch.aliases = [...local.aliases, ...aliases];
    if (externalIds.length) patch.externalIds = [...local.externalIds, ...externalIds];
    if (r.kind === 'actor' && r.actor_kind !== null && r.actor_kind !== local.actorKind) {
      if (local.actorKind === null) patch.actorKind = r.actor_kind;
      else this.conflict(local, 'actor_kind', local.actorKind, r.actor_kind);
    }
    if (r.note !== '' && r.note !== local.note) {
      if (local.note === '') patch.note = r.note;
      else this.conflict(local, 'note', local.note, r.note);
    }
    if (Object.keys(patch).length > 0) {
      updateEntity(this.db, local.id, patch);
      this.report.updated++;
    } else if (!this.report.conflicts.some((c) => c.entityId === local.id)) this.report.unchanged++;
  }

  private offer(r: Pick<BundleEntity, 'id' | 'kind' | 'name'>, name: string, holder: string): void {
    const pair = `${r.id}\n${holder}`;
    if (this.offered.has(pair)) return;
    this.offered.add(pair);
    if (isKeptApart(this.db, r.id, holder)) {
      this.report.keptApart++;
      return;
    }
    const into = getStoredEntity(this.db, holder) as StoredEntity;
    this.report.offers.push({ kind: r.kind, name, fromId: r.id, fromName: r.name, intoId: into.id, intoName: into.name });
  }

  private conflict(local: StoredEntity, field: EntityFieldConflict['field'], mine: string, theirs: string): void {
    this.report.conflicts.push({ entityId: local.id, name: local.name, field, local: mine, incoming: theirs });
  }
}

function fields(r: BundleEntity) {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    actorKind: r.kind === 'actor' ? r.actor_kind : null,
    aliases: r.aliases,
    externalIds: r.external_ids,
    note: r.note,
    author: r.author,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
