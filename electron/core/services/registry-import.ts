import { nameKey } from '../../../shared/fold';
import { ACTOR_KINDS } from '../../../shared/model';
import { ENTITY_KINDS, type ActorKind, type EntityKind } from '../../../shared/ipc/entities';
import { parseRegistryFile, RegistryFileError, type RegistryRecord } from '../import/registry-file';
import { StoreError, type Db } from '../store/db';
import { checkName, entityIdByName, getStoredEntity, insertEntity, requireEntity, updateEntity } from '../store/entities';
import { mergeEntities } from './entities';

export interface RegistryImportReport {
  created: number;
  updated: number;
  merged: number;
  /** Every refused line with its reason; when any, nothing was written. */
  errors: { line: number; message: string }[];
}

/** One entity the file describes, its lines merged by name and kind. */
interface Planned {
  line: number;
  id: string | null;
  kind: EntityKind;
  name: string;
  actorKind: ActorKind | null;
  aliases: string[];
  externalIds: string[];
  note: string;
  mergedInto: { name: string; line: number } | null;
}

/**
 * Imports a registry file all or nothing: every line is checked first (kind, actor kind, name
 * length, aliases that would name two entities, merges that go round in a cycle) and any refusal
 * is reported with its line and nothing is written; otherwise it is written in one transaction.
 * Lines are merged with the library by id, else by name and kind (a name that is an alias of an
 * entity names that entity): aliases and external ids are added, actor kind and note replaced
 * when given.
 */
export function importRegistry(db: Db, fileName: string, content: string, author: string): RegistryImportReport {
  let records: RegistryRecord[];
  try {
    records = parseRegistryFile(fileName, content);
  } catch (err) {
    if (err instanceof RegistryFileError) return { created: 0, updated: 0, merged: 0, errors: [{ line: err.line, message: err.message.replace(/^line \d+: /, '') }] };
    throw err;
  }
  const errors: RegistryImportReport['errors'] = [];
  const planned = plan(records, errors);
  if (errors.length === 0) checkAgainstLibrary(db, planned, errors);
  if (errors.length === 0) checkMerges(planned, errors);
  if (errors.length > 0) return { created: 0, updated: 0, merged: 0, errors };
  let line = 0;
  try {
    return db.transaction(() => {
      const report: RegistryImportReport = { created: 0, updated: 0, merged: 0, errors: [] };
      const ids = new Map<Planned, string>();
      for (const p of planned) {
        line = p.line;
        const existing = existingId(db, p);
        if (existing) {
          const e = requireEntity(db, existing);
          const known = new Set([e.name, ...e.aliases].map(nameKey));
          const added = [p.name, ...p.aliases].filter((n) => !known.has(nameKey(n)));
          updateEntity(db, e.id, {
            aliases: [...e.aliases, ...dedupe(added)],
            externalIds: [...e.externalIds, ...p.externalIds],
            ...(p.actorKind ? { actorKind: p.actorKind } : {}),
            ...(p.note ? { note: p.note } : {}),
          });
          ids.set(p, e.id);
          report.updated += 1;
        } else {
          const e = insertEntity(db, { ...(p.id ? { id: p.id } : {}), kind: p.kind, name: p.name, actorKind: p.actorKind, aliases: p.aliases, externalIds: p.externalIds, note: p.note, author });
          ids.set(p, e.id);
          report.created += 1;
        }
      }
      for (const p of planned) {
        if (!p.mergedInto) continue;
        line = p.line;
        const into = entityIdByName(db, p.kind, p.mergedInto.name);
        if (!into) throw new StoreError('invalid', `merged_into "${p.mergedInto.name}": no ${p.kind} of that name`);
        const from = ids.get(p) as string;
        if (requireEntity(db, from).id === requireEntity(db, into).id) continue;
        mergeEntities(db, from, into);
        report.merged += 1;
      }
      return report;
    })();
  } catch (err) {
    if (err instanceof StoreError || (err as { code?: string }).code === 'invalid_input') return { created: 0, updated: 0, merged: 0, errors: [{ line, message: (err as Error).message }] };
    throw err;
  }
}

function dedupe(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const k = nameKey(n);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function existingId(db: Db, p: Planned): string | null {
  if (p.id) {
    const byId = getStoredEntity(db, p.id);
    if (byId) return byId.id;
  }
  return entityIdByName(db, p.kind, p.name);
}

/** Checks each line on its own and merges lines naming the same entity (same kind, same folded name). */
function plan(records: readonly RegistryRecord[], errors: RegistryImportReport['errors']): Planned[] {
  const byName = new Map<string, Planned>();
  const out: Planned[] = [];
  for (const r of records) {
    try {
      if (!(ENTITY_KINDS as readonly string[]).includes(r.kind)) throw new StoreError('invalid', `kind must be actor or place (got "${r.kind}")`);
      const kind = r.kind as EntityKind;
      if (r.actorKind && !(ACTOR_KINDS as readonly string[]).includes(r.actorKind)) throw new StoreError('invalid', `actor_kind must be one of ${ACTOR_KINDS.join(', ')} (got "${r.actorKind}")`);
      if (r.actorKind && kind === 'place') throw new StoreError('invalid', `a place has no actor_kind (got "${r.actorKind}")`);
      const name = checkName(r.name);
      const aliases = r.aliases.map((a, i) => checkName(a, `alias ${i + 1}`));
      for (const x of r.externalIds) if (x.length > 500) throw new StoreError('invalid', `an external id is ${x.length} characters long; at most 500`);
      if (r.mergedInto) checkName(r.mergedInto, 'merged_into');
      const key = `${kind}\0${nameKey(name)}`;
      const same = byName.get(key);
      if (same) {
        same.aliases.push(...aliases.filter((a) => nameKey(a) !== nameKey(same.name) && !same.aliases.some((b) => nameKey(b) === nameKey(a))));
        same.externalIds.push(...r.externalIds.filter((x) => !same.externalIds.includes(x)));
        if (r.actorKind) same.actorKind = r.actorKind as ActorKind;
        if (r.note) same.note = r.note;
        if (r.mergedInto) same.mergedInto = { name: r.mergedInto, line: r.line };
        continue;
      }
      const p: Planned = {
        line: r.line,
        id: r.id,
        kind,
        name,
        actorKind: (r.actorKind as ActorKind | null) ?? null,
        aliases: dedupe(aliases).filter((a) => nameKey(a) !== nameKey(name)),
        externalIds: [...new Set(r.externalIds)],
        note: r.note,
        mergedInto: r.mergedInto ? { name: r.mergedInto, line: r.line } : null,
      };
      byName.set(key, p);
      out.push(p);
    } catch (err) {
      if (!(err instanceof StoreError)) throw err;
      errors.push({ line: r.line, message: err.message });
    }
  }
  // One name (canonical or alias) may name one entity per kind, across the whole file.
  const holder = new Map<string, Planned>();
  for (const p of out) {
    for (const n of [p.name, ...p.aliases]) {
      const key = `${p.kind}\0${nameKey(n)}`;
      const other = holder.get(key);
      if (other && other !== p) errors.push({ line: p.line, message: `"${n}" is also a name of the ${p.kind} "${other.name}" on line ${other.line}; a name belongs to one ${p.kind}` });
      else holder.set(key, p);
    }
  }
  return out;
}

/** A name or alias the library already gives to another entity of the kind is refused. */
function checkAgainstLibrary(db: Db, planned: readonly Planned[], errors: RegistryImportReport['errors']): void {
  for (const p of planned) {
    const target = existingId(db, p);
    for (const n of [p.name, ...p.aliases]) {
      const holder = entityIdByName(db, p.kind, n);
      if (holder && holder !== target) {
        const e = getStoredEntity(db, holder);
        errors.push({ line: p.line, message: `"${n}" is already a name of the ${p.kind} "${e?.name ?? holder}" (${holder}) in the library` });
      }
    }
  }
}

/** merged_into must name an entity of the file or the library, and never lead round in a cycle. */
function checkMerges(planned: readonly Planned[], errors: RegistryImportReport['errors']): void {
  const byName = new Map(planned.map((p) => [`${p.kind}\0${nameKey(p.name)}`, p]));
  for (const start of planned) {
    if (!start.mergedInto) continue;
    const path = [start];
    let current: Planned | undefined = start;
    while (current?.mergedInto) {
      const next = byName.get(`${current.kind}\0${nameKey(current.mergedInto.name)}`);
      if (!next) break;
      if (next === start) {
        errors.push({ line: start.mergedInto.line, message: `merge cycle: ${[...path, start].map((p) => `"${p.name}" (line ${p.line})`).join(' → ')}` });
        break;
      }
      if (path.includes(next)) break;
      path.push(next);
      current = next;
    }
  }
}
