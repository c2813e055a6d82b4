import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { MAX_REGISTRY_BYTES } from '../core/import/registry-file';
import { importRegistry } from '../core/services/registry-import';
import type { Db } from '../core/store/db';
import type { EntitiesFlags } from './entities';
import { EXIT, UsageError, type Output } from './output';

/** `spanwise entities import --db F FILE`: all or nothing, every refused line reported with its reason. */
export async function entitiesImportCommand(db: Db, args: string[], out: Output, flags: EntitiesFlags): Promise<number> {
  if (args.length !== 1) throw new UsageError('entities import needs one FILE (.csv or .jsonl)');
  const file = resolve(args[0] as string);
  let content: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_REGISTRY_BYTES) throw new Error(`larger than ${MAX_REGISTRY_BYTES / 1024 / 1024} MB`);
    content = readFileSync(file, 'utf8');
  } catch (err) {
    out.error({ type: 'error', kind: 'input', file, line: null, message: (err as Error).message }, `${file}: ${(err as Error).message}`);
    return EXIT.someFailed;
  }
  const report = importRegistry(db, file, content, flags.author);
  for (const e of report.errors) out.error({ type: 'error', kind: 'input', file, line: e.line, message: e.message }, `${file}:${e.line}: ${e.message}`);
  if (report.errors.length > 0) {
    out.error({ type: 'summary', file, created: 0, updated: 0, merged: 0, refused: report.errors.length }, `nothing imported from ${file}: ${report.errors.length} line(s) refused`);
    return EXIT.someFailed;
  }
  out.result(
    { type: 'summary', file, created: report.created, updated: report.updated, merged: report.merged, refused: 0 },
    `${file}: ${report.created} entit${report.created === 1 ? 'y' : 'ies'} created, ${report.updated} updated, ${report.merged} merged`,
  );
  return EXIT.ok;
}
