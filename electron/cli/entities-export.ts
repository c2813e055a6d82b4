import { resolve } from 'node:path';
import { exportRegistry } from '../core/export/registry-file';
import { ExportError } from '../core/export/types';
import type { Db } from '../core/store/db';
import type { EntitiesFlags } from './entities';
import { EXIT, UsageError, type Output } from './output';

/** `spanwise entities export --db F --out FILE.csv|FILE.jsonl`: the registry in the form import reads. */
export async function entitiesExportCommand(db: Db, args: string[], out: Output, flags: EntitiesFlags): Promise<number> {
  if (args.length > 0) throw new UsageError(`entities export takes no arguments besides --db and --out (got "${args[0]}")`);
  if (!flags.out) throw new UsageError('entities export needs --out FILE.csv or FILE.jsonl');
  try {
    const done = await exportRegistry(db, resolve(flags.out), flags.dbFile ?? null);
    out.result({ type: 'export', entities: done.entities, out: done.out }, `wrote ${done.entities} entit${done.entities === 1 ? 'y' : 'ies'} to ${done.out}`);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof ExportError && err.code === 'destination') throw new UsageError(err.message, false);
    throw err;
  }
}
