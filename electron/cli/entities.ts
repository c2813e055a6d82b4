import { ENTITY_KINDS, type EntityKind } from '../../shared/ipc/entities';
import type { Db } from '../core/store/db';
import { allEntities, summarize } from '../core/store/entities';
import { entitiesExportCommand } from './entities-export';
import { entitiesImportCommand } from './entities-import';
import { entitiesSuggestCommand } from './entities-suggest';
import { EXIT, UsageError, type Output } from './output';

export interface EntitiesFlags {
  kind?: string;
  out?: string;
  article?: string;
  acceptAll?: boolean;
  author: string;
  /** The library's file, which an export must not overwrite. */
  dbFile?: string;
}

export function parseKind(kind: string | undefined): EntityKind | undefined {
  if (kind === undefined) return undefined;
  if (!(ENTITY_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--kind must be actor or place (got "${kind}")`);
  return kind as EntityKind;
}

/**
 * `spanwise entities` and its subcommands (import, export, suggest): the registry from the command
 * line, with the JSON shapes of DESIGN.md.
 */
export async function entitiesCommand(db: Db, args: string[], out: Output, flags: EntitiesFlags): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'import') return entitiesImportCommand(db, rest, out, flags);
  if (sub === 'export') return entitiesExportCommand(db, rest, out, flags);
  if (sub === 'suggest') return entitiesSuggestCommand(db, rest, out, flags);
  if (sub !== undefined) throw new UsageError(`unknown entities command "${sub}" (import, export or suggest, or none to list)`);
  const kind = parseKind(flags.kind);
  let count = 0;
  for (const e of allEntities(db, kind)) {
    const s = summarize(db, e);
    out.result(
      { type: 'entity', id: s.id, kind: s.kind, name: s.name, actor_kind: s.actorKind, aliases: s.aliases, external_ids: s.externalIds, mentions: s.mentions, articles: s.articles },
      `${s.kind.padEnd(6)} ${s.name}${s.aliases.length ? ` (${s.aliases.join(', ')})` : ''}  ${s.mentions} mention(s) in ${s.articles} article(s)  ${s.id}`,
    );
    count += 1;
  }
  if (!out.json) out.result({}, `${count} entit${count === 1 ? 'y' : 'ies'}`);
  return EXIT.ok;
}
