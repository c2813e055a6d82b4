import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../core/store/db';
import { finishSearchRebuild, searchRebuildProgress } from '../core/store/search-rebuild';
import { writeLibraryBeforePrefixes } from '../core/testing/old-library';
import { useTmpDir } from '../core/testing/tmp';
import { run } from './index';
import type { Output } from './output';

const tmp = useTmpDir();

async function search(file: string, query: string): Promise<string[]> {
  const out: string[] = [];
  const o: Output = { json: true, result: (v) => out.push(JSON.stringify(v)), error: (v) => out.push(JSON.stringify(v)) };
  expect(await run(['search', '--db', file, '--json', query], o)).toBe(0);
  return out;
}

describe('spanwise search on a library whose search index is being rebuilt', () => {
  it('answers from the old index without rebuilding it, as the new one answers once done', async () => {
    const file = join(tmp(), 'library.db');
    writeLibraryBeforePrefixes(file, 300);
    const during = await search(file, 'ment*');
    expect(during.length).toBeGreaterThan(10);
    const db = openStore(file);
    // The command left the rebuild to the app: it touched none of it.
    expect(searchRebuildProgress(db)).toEqual({ done: 0, total: 300 });
    finishSearchRebuild(db);
    db.close();
    expect(await search(file, 'ment*')).toEqual(during);
  });
});
