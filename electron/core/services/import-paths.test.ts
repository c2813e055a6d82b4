import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../store/db';
import { inlineParser } from '../import/pool';
import { useTmpDir } from '../testing/tmp';
import { expandPaths } from './import-paths';
import { importPaths } from './library-import';

const tmp = useTmpDir();

/** A folder to import, a file beside it that is not to be imported, and links of every kind. */
function linkedFolder(dir: string) {
  const folder = join(dir, 'in');
  const secret = join(dir, 'secret.txt');
  mkdirSync(join(folder, 'sub'), { recursive: true });
  mkdirSync(join(dir, 'elsewhere'));
  writeFileSync(join(folder, 'real.txt'), 'A real article about the harbour.');
  writeFileSync(join(folder, 'sub', 'deep.md'), 'A deeper article about the bridge.');
  writeFileSync(secret, 'Not for the library.');
  symlinkSync(join(folder, 'sub', 'deep.md'), join(folder, 'alias.md'));
  symlinkSync(join(folder, 'real.txt'), join(folder, 'twin.txt'));
  symlinkSync(secret, join(folder, 'outside.txt'));
  symlinkSync(join(dir, 'nowhere.txt'), join(folder, 'broken.txt'));
  symlinkSync(join(folder, 'loop-b.txt'), join(folder, 'loop-a.txt'));
  symlinkSync(join(folder, 'loop-a.txt'), join(folder, 'loop-b.txt'));
  symlinkSync(folder, join(folder, 'sub', 'up'));
  symlinkSync(join(dir, 'elsewhere'), join(folder, 'away'));
  return { folder, secret };
}

// Symbolic links and named pipes as POSIX has them (Windows needs privileges to make links).
describe.runIf(process.platform !== 'win32')('links and special files inside an imported folder', () => {
  it('follows links to files inside the folder once, and names every other link as skipped with the reason', () => {
    const dir = tmp();
    const { folder, secret } = linkedFolder(dir);
    const { files, outcomes } = expandPaths([folder]);
    // alias.md comes first in the walk and leads to sub/deep.md: imported under its own name, once.
    expect(files).toEqual([join(folder, 'alias.md'), join(folder, 'real.txt')]);
    const skipped = Object.fromEntries(outcomes.map((o) => [o.file.slice(folder.length + 1), `${o.status}: ${o.message}`]));
    expect(skipped).toEqual({
      away: `skipped: symbolic link to a folder (${join(dir, 'elsewhere')}), not followed`,
      'broken.txt': 'skipped: broken symbolic link: what it names does not exist',
      'loop-a.txt': 'skipped: symbolic link in a loop of links, not followed',
      'loop-b.txt': 'skipped: symbolic link in a loop of links, not followed',
      'outside.txt': `skipped: symbolic link to a file outside the imported folder (${secret}), not followed`,
      'sub/deep.md': `skipped: the same file as ${join(folder, 'alias.md')}, imported there`,
      'sub/up': `skipped: symbolic link to a folder (${folder}), not followed`,
      'twin.txt': `skipped: the same file as ${join(folder, 'real.txt')}, imported there`,
    });
  });

  it('lists a named pipe in a folder as skipped and imports the rest without waiting on it', async () => {
    const dir = tmp();
    const folder = join(dir, 'in');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.txt'), 'An article beside a pipe.');
    execFileSync('mkfifo', [join(folder, 'pipe.txt')]);
    const db = openStore(join(dir, 'library.db'));
    const report = await importPaths(db, [folder, '/dev/zero'], { parser: inlineParser() });
    expect(report.outcomes.map((o) => [o.file, o.status, o.message])).toEqual([
      [join(folder, 'pipe.txt'), 'skipped', 'not a regular file: a named pipe (FIFO), which is never read'],
      [join(folder, 'a.txt'), 'imported', null],
      ['/dev/zero', 'failed', 'not a regular file: a device, which is never read'],
    ]);
  });

  it('imports what a followed link leads to, and never the file outside the folder', async () => {
    const dir = tmp();
    const { folder } = linkedFolder(dir);
    const db = openStore(join(dir, 'library.db'));
    const report = await importPaths(db, [folder], { parser: inlineParser() });
    expect(report.imported).toBe(2);
    const texts = db.prepare('SELECT text FROM articles ORDER BY text').pluck().all();
    expect(texts).toEqual(['A deeper article about the bridge.', 'A real article about the harbour.']);
    expect(report.skipped).toBe(8);
  });
});
