import { join } from 'node:path';
import type { Db } from '../../store/db';
import { exportCorpus } from '../index';

/** Writes a library's bundle into `dir` under a new name each call, and returns its path: one machine's export for another. */
export function bundleWriter(dir: string): (db: Db) => Promise<string> {
  let n = 0;
  return async (db) => {
    const out = join(dir, `bundle-${++n}.spanwise`);
    await exportCorpus(db, { format: 'bundle', out });
    return out;
  };
}
