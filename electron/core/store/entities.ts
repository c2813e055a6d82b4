import { randomUUID } from 'node:crypto';
import { nameKey, words } from '../../../shared/fold';
import type { ActorKind, Entity, EntityKind, EntityListInput, EntitySummary } from '../../../shared/ipc/entities';
import { MAX_ENTITY_NAME } from '../../../shared/ipc/entities';
import { nowIso } from './articles';
import type { Db } from './db';
import { cached, StoreError } from './db';

interface EntityRow {
  id: string;
  kind: EntityKind;
  name: string;
  actor_kind: ActorKind | null;
  external_ids: string;
  note: string;
  author: string;
  created_at: string;
  updated_at: string;
  merged_into: string | null;
}

/** An entity as stored, with the id it was merged into (null while it stands on its own). */
export interface StoredEntity extends Entity {
  mergedInto: string | null;
}

function aliasesOf(db: Db, id: string): string[] {
  return cached(db, 'SELECT name FROM entity_names WHERE entity_id = ? AND position > 0 ORDER BY position', 'pluck').all(id) as string[];
}

function rowToEntity(db: Db, r: EntityRow): StoredEntity {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    actorKind: r.actor_kind,
    aliases: aliasesOf(db, r.id),
    externalIds: JSON.parse(r.external_ids) as string[],
    note: r.note,
    author: r.author,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    mergedInto: r.merged_into,
  };
}

export function publicEntity(e: StoredEntity): Entity {
  const { mergedInto: _merged, ...entity } = e;
  return entity;
}

/** The entity with this id as stored, merged or not. */
export function getStoredEntity(db: Db, id: string): StoredEntity | null {
  const row = cached(db, 'SELECT * FROM entities WHERE id = ?').get(id) as EntityRow | undefined;
  return row ? rowToEntity(db, row) : null;
}

/** Merges chain (a into b, b into c); a chain longer than the registry means a cycle, which the store never writes. */
const MAX_CHAIN = 10_000;

/** The standing entity an id names: itself, or what it was (in turn) merged into. */
export function resolveEntityId(db: Db, id: string): string | null {
  const next = cached(db, 'SELECT merged_into FROM entities WHERE id = ?', 'pluck');
  let current = id;
  for (let i = 0; i < MAX_CHAIN; i++) {
    const row = next.get(current) as string | null | undefined;
    if (row === undefined) return null;
    if (row === null) return current;
    current = row;
  }
  throw new StoreError('corrupt', `entity ${id} is merged in a cycle`);
}

/** The standing entity an id names, or `not_found`. */
export function requireEntity(db: Db, id: string): StoredEntity {
  const live = resolveEntityId(db, id);
  const entity = live ? getStoredEntity(db, live) : null;
  if (!entity) throw new StoreError('not_found', `no entity with id ${id}`);
  return entity;
}

export interface NewEntity {
  id?: string;
  kind: EntityKind;
  name: string;
  actorKind?: ActorKind | null;
  aliases?: readonly string[];
  externalIds?: readonly string[];
  note?: string;
  author?: string;
  createdAt?: string;
  updatedAt?: string;
}

/** Refuses a name that cannot be matched or stored, saying which and why. */
export function checkName(name: string, what = 'name'): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw new StoreError('invalid', `${what} is empty`);
  // SQLite's length() stops at a NUL, so the table's CHECK would fail on it as an internal error.
  if (trimmed.includes('\u0000')) throw new StoreError('invalid', `${what} holds a NUL character`);
  if (trimmed.length > MAX_ENTITY_NAME) {
    throw new StoreError('invalid', `${what} is ${trimmed.length.toLocaleString('en')} characters long; a name may be at most ${MAX_ENTITY_NAME}`);
  }
  if (nameKey(trimmed) === '') throw new StoreError('invalid', `${what} "${trimmed}" has no letter or digit to match`);
  return trimmed;
}

/** Name then aliases, trimmed and checked; an alias repeating a name of the same entity (once folded) is refused. */
function checkedNames(name: string, aliases: readonly string[]): string[] {
  const all = [checkName(name), ...aliases.map((a, i) => checkName(a, `alias ${i + 1}`))];
  const seen = new Map<string, string>();
  for (const n of all) {
    const key = nameKey(n);
    const earlier = seen.get(key);
    if (earlier !== undefined) throw new StoreError('invalid', `alias "${n}" is the same name as "${earlier}" once case and accents are folded`);
    seen.set(key, n);
  }
  return all;
}

/** Who holds a name key within a kind, if anyone. */
export function entityIdByName(db: Db, kind: EntityKind, name: string): string | null {
  return (cached(db, 'SELECT entity_id FROM entity_names WHERE kind = ? AND key = ?', 'pluck').get(kind, nameKey(name)) as string | undefined) ?? null;
}

/**
 * Replaces an entity's names (canonical first): every key must be free within the kind or be the
 * entity's own. A taken one is refused naming its holder. Names in `unregistered` are left out:
 * a bundle brought them, but another entity holds them here (an offered merge, bundle-entities.ts).
 */
function writeNames(db: Db, id: string, kind: EntityKind, all: readonly string[], unregistered: readonly string[] = []): void {
  const leave = new Set(unregistered.map(nameKey));
  const names = all.filter((n) => !leave.has(nameKey(n)));
  const holder = cached(db, 'SELECT n.entity_id AS id, e.name AS name FROM entity_names n JOIN entities e ON e.id = n.entity_id WHERE n.kind = ? AND n.key = ?');
  for (const n of names) {
    const taken = holder.get(kind, nameKey(n)) as { id: string; name: string } | undefined;
    if (taken && taken.id !== id) {
      throw new StoreError('conflict', `"${n}" is already a name of the ${kind} "${taken.name}" (${taken.id}); a name belongs to one ${kind}`);
    }
  }
  cached(db, 'DELETE FROM entity_names WHERE entity_id = ?').run(id);
  cached(db, 'DELETE FROM entity_name_words WHERE entity_id = ?').run(id);
  const insertName = cached(db, 'INSERT INTO entity_names (kind, key, entity_id, name, position) VALUES (?, ?, ?, ?, ?)');
  const insertWord = cached(db, 'INSERT OR IGNORE INTO entity_name_words (key, kind, entity_id, name, word) VALUES (?, ?, ?, ?, ?)');
  all.forEach((n, position) => {
    const key = nameKey(n);
    if (leave.has(key)) return;
    insertName.run(kind, key, id, n, position);
    const ws = words(n);
    ws.forEach((_w, i) => insertWord.run(ws.slice(i).map((x) => x.key).join(' '), kind, id, n, i));
  });
}

/** Takes every name off an entity (it is merged away; its names go to the survivor). */
export function clearNames(db: Db, id: string): void {
  cached(db, 'DELETE FROM entity_names WHERE entity_id = ?').run(id);
  cached(db, 'DELETE FROM entity_name_words WHERE entity_id = ?').run(id);
}

/**
 * Inserts an entity with its names (no transaction of its own: callers batch). `mergedInto`
 * puts back an entity that was merged away (undo): it holds no names, its survivor has them.
 */
export function insertEntity(db: Db, e: NewEntity & { mergedInto?: string | null; unregistered?: readonly string[] }): StoredEntity {
  const names = checkedNames(e.name, e.aliases ?? []);
  const at = nowIso();
  const id = e.id ?? randomUUID();
  if (getStoredEntity(db, id)) throw new StoreError('conflict', `entity ${id} already exists`);
  const actorKind = e.kind === 'actor' ? (e.actorKind ?? null) : null;
  if (e.kind === 'place' && e.actorKind) throw new StoreError('invalid', `a place has no actor kind (got "${e.actorKind}")`);
  cached(
    db,
    `INSERT INTO entities (id, kind, name, actor_kind, external_ids, note, author, created_at, updated_at, merged_into)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, e.kind, names[0], actorKind, JSON.stringify(uniqueIds(e.externalIds ?? [])), e.note ?? '', e.author ?? '', e.createdAt ?? at, e.updatedAt ?? e.createdAt ?? at, e.mergedInto ?? null);
  if (!e.mergedInto) writeNames(db, id, e.kind, names, e.unregistered);
  return getStoredEntity(db, id) as StoredEntity;
}

function uniqueIds(ids: readonly string[]): string[] {
  return [...new Set(ids.map((x) => x.trim()).filter((x) => x !== ''))];
}

export interface EntityChanges {
  name?: string;
  actorKind?: ActorKind | null;
  aliases?: readonly string[];
  externalIds?: readonly string[];
  note?: string;
  updatedAt?: string;
  /** Names given that stay unregistered (writeNames). */
  unregistered?: readonly string[];
}

/** Changes a standing entity; names are checked as on insert. */
export function updateEntity(db: Db, id: string, patch: EntityChanges): StoredEntity {
  const current = getStoredEntity(db, id);
  if (!current) throw new StoreError('not_found', `no entity with id ${id}`);
  if (current.mergedInto) throw new StoreError('conflict', `entity ${id} was merged into ${current.mergedInto}; change that one`);
  if (current.kind === 'place' && patch.actorKind) throw new StoreError('invalid', `a place has no actor kind (got "${patch.actorKind}")`);
  const name = patch.name ?? current.name;
  const aliases = patch.aliases ?? current.aliases;
  // A canonical name another entity holds (a bundle brought it) stays theirs until it is renamed.
  const unregistered = patch.unregistered ?? (patch.name === undefined && entityIdByName(db, current.kind, current.name) !== id ? [current.name] : []);
  if (patch.name !== undefined || patch.aliases !== undefined) writeNames(db, id, current.kind, checkedNames(name, aliases), unregistered);
  cached(db, 'UPDATE entities SET name = ?, actor_kind = ?, external_ids = ?, note = ?, updated_at = ? WHERE id = ?').run(
    name.trim(),
    current.kind === 'actor' ? (patch.actorKind === undefined ? current.actorKind : patch.actorKind) : null,
    JSON.stringify(patch.externalIds ? uniqueIds(patch.externalIds) : current.externalIds),
    patch.note ?? current.note,
    patch.updatedAt ?? nowIso(),
    id,
  );
  return getStoredEntity(db, id) as StoredEntity;
}

/** Marks `from` as merged into `into` (its names must already have moved), or (null) standing again. */
export function setMergedInto(db: Db, from: string, into: string | null, at = nowIso()): void {
  if (into !== null && resolveEntityId(db, into) === from) throw new StoreError('invalid', `merging ${from} into ${into} would make a cycle`);
  cached(db, 'UPDATE entities SET merged_into = ?, updated_at = ? WHERE id = ?').run(into, at, from);
}

/** Entities merged directly into this one. */
export function mergedInto(db: Db, id: string): string[] {
  return cached(db, 'SELECT id FROM entities WHERE merged_into = ?', 'pluck').all(id) as string[];
}

/** Removes the entity row and its names; links are the caller's business. */
export function deleteEntityRow(db: Db, id: string): void {
  cached(db, 'UPDATE entities SET merged_into = NULL WHERE merged_into = ?').run(id);
  cached(db, 'DELETE FROM entities WHERE id = ?').run(id);
  cached(db, 'DELETE FROM entity_counts WHERE entity_id = ?').run(id);
}

/** Mention and article counts of standing entities; merged-in ones count with their survivor. */
function countsOf(db: Db, id: string): { mentions: number; articles: number } {
  const ids = [id, ...allMergedInto(db, id)];
  if (ids.length === 1) {
    const row = cached(db, 'SELECT mentions, articles FROM entity_counts WHERE entity_id = ?').get(id) as { mentions: number; articles: number } | undefined;
    return row ?? { mentions: 0, articles: 0 };
  }
  return cached(
    db,
    `SELECT count(*) AS mentions, count(DISTINCT article_id) AS articles FROM entity_links WHERE entity_id IN (SELECT value FROM json_each(?))`,
  ).get(JSON.stringify(ids)) as { mentions: number; articles: number };
}

/** Every entity merged into this one, directly or in turn. */
export function allMergedInto(db: Db, id: string): string[] {
  const out: string[] = [];
  const queue = [id];
  while (queue.length > 0 && out.length < MAX_CHAIN) {
    const next = mergedInto(db, queue.pop() as string);
    out.push(...next);
    queue.push(...next);
  }
  return out;
}

export function summarize(db: Db, e: StoredEntity): EntitySummary {
  return { ...publicEntity(e), ...countsOf(db, e.id) };
}

/**
 * Summaries of several entities in a handful of queries (type-ahead pages): rows, aliases and
 * counts each fetched for all at once. Ids of no standing entity are left out.
 */
export function summarizeMany(db: Db, ids: readonly string[]): Map<string, EntitySummary> {
  const out = new Map<string, EntitySummary>();
  if (ids.length === 0) return out;
  const json = JSON.stringify(ids);
  const rows = cached(db, 'SELECT e.* FROM json_each(?) j JOIN entities e ON e.id = j.value').all(json) as EntityRow[];
  const aliases = new Map<string, string[]>();
  for (const r of cached(db, 'SELECT n.entity_id AS id, n.name FROM json_each(?) j JOIN entity_names n ON n.entity_id = j.value WHERE n.position > 0 ORDER BY n.entity_id, n.position').all(json) as {
    id: string;
    name: string;
  }[]) {
    const list = aliases.get(r.id);
    if (list) list.push(r.name);
    else aliases.set(r.id, [r.name]);
  }
  const counts = new Map(
    (cached(db, 'SELECT c.entity_id AS id, c.mentions, c.articles FROM json_each(?) j JOIN entity_counts c ON c.entity_id = j.value').all(json) as { id: string; mentions: number; articles: number }[]).map((c) => [c.id, c]),
  );
  // An entity others were merged into counts their links too: the slower path, for those only.
  const absorbing = new Set(cached(db, 'SELECT DISTINCT e.merged_into FROM json_each(?) j JOIN entities e ON e.merged_into = j.value', 'pluck').all(json) as string[]);
  for (const r of rows) {
    const entity: StoredEntity = {
      id: r.id,
      kind: r.kind,
      name: r.name,
      actorKind: r.actor_kind,
      aliases: aliases.get(r.id) ?? [],
      externalIds: JSON.parse(r.external_ids) as string[],
      note: r.note,
      author: r.author,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      mergedInto: r.merged_into,
    };
    const c = absorbing.has(r.id) ? countsOf(db, r.id) : (counts.get(r.id) ?? { mentions: 0, articles: 0 });
    out.set(r.id, { ...publicEntity(entity), mentions: c.mentions, articles: c.articles });
  }
  return out;
}

const SORT_SQL: Record<NonNullable<EntityListInput['sort']>, string> = {
  name: 'e.name COLLATE NOCASE',
  kind: 'e.kind',
  mentions: 'coalesce(c.mentions, 0)',
  articles: 'coalesce(c.articles, 0)',
  updated: 'e.updated_at',
};

/** A page of standing entities with their counts. */
export function listEntities(db: Db, input: Required<Pick<EntityListInput, 'sort' | 'descending' | 'limit' | 'offset'>> & Pick<EntityListInput, 'kind' | 'filter'>): {
  total: number;
  items: EntitySummary[];
} {
  const filterKey = input.filter ? nameKey(input.filter) : '';
  const where = ['e.merged_into IS NULL'];
  if (input.kind) where.push('e.kind = @kind');
  if (filterKey) where.push('e.id IN (SELECT entity_id FROM entity_name_words WHERE key >= @lo AND key < @hi)');
  const params = { kind: input.kind ?? null, lo: filterKey, hi: `${filterKey}\u{10ffff}`, limit: input.limit, offset: input.offset };
  const whereSql = where.join(' AND ');
  const total = (db.prepare(`SELECT count(*) AS n FROM entities e WHERE ${whereSql}`).get(params) as { n: number }).n;
  const dir = input.descending ? 'DESC' : 'ASC';
  const rows = db
    .prepare(
      `SELECT e.* FROM entities e LEFT JOIN entity_counts c ON c.entity_id = e.id WHERE ${whereSql}
       ORDER BY ${SORT_SQL[input.sort]} ${dir}, e.name COLLATE NOCASE, e.id LIMIT @limit OFFSET @offset`,
    )
    .all(params) as EntityRow[];
  return { total, items: rows.map((r) => summarize(db, rowToEntity(db, r))) };
}

/** Every standing entity, in name order (exports, the command). */
export function* allEntities(db: Db, kind?: EntityKind): Generator<StoredEntity> {
  const rows = db
    .prepare(`SELECT * FROM entities WHERE merged_into IS NULL ${kind ? 'AND kind = ?' : ''} ORDER BY kind, name COLLATE NOCASE, id`)
    .all(...(kind ? [kind] : [])) as EntityRow[];
  for (const r of rows) yield rowToEntity(db, r);
}

/** Every entity merged into another, with what it was merged into (bundles carry them). */
export function mergedEntities(db: Db): StoredEntity[] {
  return (db.prepare('SELECT * FROM entities WHERE merged_into IS NOT NULL ORDER BY id').all() as EntityRow[]).map((r) => rowToEntity(db, r));
}

/** A name row of the registry: what suggestions look for. */
export interface RegistryName {
  kind: EntityKind;
  key: string;
  entityId: string;
  name: string;
}

export function registryNames(db: Db): RegistryName[] {
  return (cached(db, 'SELECT kind, key, entity_id AS entityId, name FROM entity_names').all() as RegistryName[]).filter((n) => n.key !== '');
}

/** Names of standing entities by id: canonical name, kind and actor kind (exports, suggestions). */
export function entityHeads(db: Db): Map<string, { kind: EntityKind; name: string; actorKind: ActorKind | null }> {
  const rows = cached(db, 'SELECT id, kind, name, actor_kind FROM entities WHERE merged_into IS NULL').all() as {
    id: string;
    kind: EntityKind;
    name: string;
    actor_kind: ActorKind | null;
  }[];
  return new Map(rows.map((r) => [r.id, { kind: r.kind, name: r.name, actorKind: r.actor_kind }]));
}

export function entityCount(db: Db): number {
  return cached(db, 'SELECT count(*) FROM entities WHERE merged_into IS NULL', 'pluck').get() as number;
}
