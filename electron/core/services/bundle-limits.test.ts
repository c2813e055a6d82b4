import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openStore } from '../store/db';
import { useTmpDir } from '../testing/tmp';
import { BUNDLE_LIMITS, importBundle } from './bundle';
import { importPaths } from './library-import';
import { inlineParser } from '../import/pool';

const tmp = useTmpDir();
const HEADER = JSON.stringify({ format: 'spanwise-bundle', version: 1, exported_at: '2024-12-01T00:00:00Z', offset_unit: 'codepoint' });

function bundleOf(dir: string, body: Buffer | string): string {
  const file = join(dir, 'hostile.spanwise');
  writeFileSync(file, gzipSync(Buffer.concat([Buffer.from(`${HEADER}\n`), Buffer.from(body)]), { level: 1 }));
  return file;
}

const count = (db: ReturnType<typeof openStore>) => db.prepare('SELECT count(*) FROM articles').pluck().get();

describe('a bundle beyond what a bundle may hold', () => {
  it('is refused at the first line longer than the limit, naming the bundle, the line and the limit; nothing is merged', async () => {
    const dir = tmp();
    const db = openStore(join(dir, 'library.db'));
    const file = bundleOf(dir, Buffer.alloc(3 << 20, 0x61));
    await expect(importBundle(db, file, { limits: { ...BUNDLE_LIMITS, maxLineBytes: 1 << 20 } })).rejects.toMatchObject({
      code: 'invalid',
      message: `${file} is refused: line 2 is longer than 1 MB, the limit for one line`,
    });
    expect(count(db)).toBe(0);
  });

  it('reads a 64 MB line that never ends once, not again at every chunk, and refuses it for what it is', async () => {
    const dir = tmp();
    const db = openStore(join(dir, 'library.db'));
    // Within the line limit, so it is read to its end: it is not JSON.
    const file = bundleOf(dir, Buffer.alloc(64 << 20, 0x61));
    await expect(importBundle(db, file)).rejects.toMatchObject({ code: 'invalid', message: 'line 2: not valid JSON' });
  }, 60_000);

  it('is refused once it inflates past the limit for the whole (a small file of blank lines included)', async () => {
    const dir = tmp();
    const db = openStore(join(dir, 'library.db'));
    const file = bundleOf(dir, Buffer.alloc(8 << 20, 0x0a));
    await expect(importBundle(db, file, { limits: { ...BUNDLE_LIMITS, maxTotalBytes: 4 << 20 } })).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(new RegExp(`^${file} is refused: it holds more than 4 MB, the limit for the whole file \\(reached on line \\d+\\)$`)),
    });
    expect(BUNDLE_LIMITS).toEqual({ maxLineBytes: 256 << 20, maxTotalBytes: 8 * 2 ** 30 });
  });

  it.runIf(process.platform !== 'win32')('is a regular file: a named pipe given as a bundle is refused at once, not waited on', async () => {
    const dir = tmp();
    const db = openStore(join(dir, 'library.db'));
    const pipe = join(dir, 'stuck.spanwise');
    execFileSync('mkfifo', [pipe]);
    await expect(importBundle(db, pipe)).rejects.toMatchObject({ message: `${pipe}: not a regular file: a named pipe (FIFO), which is never read` });
    const report = await importPaths(db, [pipe], { parser: inlineParser() });
    expect(report.outcomes).toEqual([{ file: pipe, status: 'failed', articleIds: [], message: `${pipe}: not a regular file: a named pipe (FIFO), which is never read` }]);
  });
});
