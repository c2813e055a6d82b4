import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportCorpus } from '../export/index';
import { buildCorpus } from '../export/test-support/corpus';
import { inlineParser } from '../import/pool';
import { openStore } from '../store/db';
import { useTmpDir } from '../testing/tmp';
import { importPaths } from './library-import';

const tmp = useTmpDir();

describe('importPaths', () => {
  it('merges a bundle found inside a folder, as one given on its own, and still skips a hidden one', async () => {
    const dir = tmp();
    const a = openStore(join(dir, 'a.db'));
    const corpus = buildCorpus(a);
    const folder = join(dir, 'in');
    mkdirSync(join(folder, 'sub'), { recursive: true });
    await exportCorpus(a, { format: 'bundle', out: join(folder, 'sub', 'from-laptop.spanwise') });
    a.close();
    // A renamed bundle is known by its first bytes, as at the top level.
    copyFileSync(join(folder, 'sub', 'from-laptop.spanwise'), join(folder, 'renamed.bin'));
    copyFileSync(join(folder, 'sub', 'from-laptop.spanwise'), join(folder, '.hidden.spanwise'));
    writeFileSync(join(folder, 'note.txt'), 'Quay closure\n\nThe quay closed on Friday after a crane failure.');

    const b = openStore(join(dir, 'b.db'));
    const report = await importPaths(b, [folder], { parser: inlineParser() });
    const byFile = Object.fromEntries(report.outcomes.map((o) => [o.file.slice(folder.length + 1), o.status]));
    expect(byFile).toEqual({ '.hidden.spanwise': 'skipped', 'note.txt': 'imported', 'renamed.bin': 'imported', [join('sub', 'from-laptop.spanwise')]: 'duplicate' });
    expect(b.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(corpus.articles.length + 1);
    expect(b.prepare('SELECT count(*) FROM annotations').pluck().get()).toBe(corpus.annotations.length);
    b.close();
  });
});
