import { writeFile } from 'node:fs/promises';
import type { Db } from '../store/db';
import { allEntities, type StoredEntity } from '../store/entities';
import { joinList, REGISTRY_COLUMNS } from '../import/registry-file';
import { csvRecord } from './csv';
import { commitFile, discard, prepareDestination } from './output';
import { ExportError } from './types';

/**
 * The registry as a file `spanwise entities import` reads back: CSV (with a BOM, as the spans
 * CSV) or JSONL by the file's ending, each standing entity once, with its id so a re-import
 * matches it. Entities merged into others are not written: their names are their survivors' aliases.
 */
export const REGISTRY_EXPORT_COLUMNS = [...REGISTRY_COLUMNS, 'id'] as const;

export function registryRecord(e: StoredEntity): Record<(typeof REGISTRY_EXPORT_COLUMNS)[number], string | string[]> {
  return { name: e.name, kind: e.kind, actor_kind: e.actorKind ?? '', aliases: e.aliases, external_ids: e.externalIds, note: e.note, id: e.id };
}

export async function exportRegistry(db: Db, out: string, library: string | null): Promise<{ entities: number; out: string }> {
  const format = /\.jsonl$/i.test(out) ? 'jsonl' : /\.csv$/i.test(out) ? 'csv' : null;
  if (!format) throw new ExportError('destination', `${out}: the registry is written as .csv or .jsonl`);
  const tmp = await prepareDestination(out, 'file', library);
  const parts: string[] = format === 'csv' ? [`\uFEFF${csvRecord(REGISTRY_EXPORT_COLUMNS)}`] : [];
  let entities = 0;
  for (const e of allEntities(db)) {
    const r = registryRecord(e);
    parts.push(
      format === 'csv'
        ? csvRecord(REGISTRY_EXPORT_COLUMNS.map((c) => (Array.isArray(r[c]) ? joinList(r[c]) : (r[c] as string))))
        : `${JSON.stringify({ ...r, actor_kind: e.actorKind })}\n`,
    );
    entities += 1;
  }
  try {
    await writeFile(tmp, parts.join(''), 'utf8');
    await commitFile(tmp, out);
  } catch (err) {
    await discard(tmp);
    throw err;
  }
  return { entities, out };
}
