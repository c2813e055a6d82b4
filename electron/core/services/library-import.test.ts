import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportCorpus } from '../export/index';
import { buildCorpus } from '../export/test-support/corpus';
import { inlineParser } from '../import/pool';
import { openStore } from '../store/db';
import { useTmpDir } from '../testing/tmp';
import { bundleSummary, importPaths } from './library-import';

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

describe('bundleSummary', () => {
  const empty = { articlesAdded: 0, articlesMatched: 0, annotationsAdded: 0, annotationsUpdated: 0, annotationsUnchanged: 0, annotationsKeptDeleted: 0, conflicts: [], unplaced: [], revived: [] };
  const ref = { articleId: 'a', annotationId: 'n', quote: 'q' };

  it('says what was merged, what was kept, and what conflicted, with each count in words', () => {
    expect(
      bundleSummary({
        ...empty,
        articlesAdded: 1,
        articlesMatched: 2,
        annotationsAdded: 3,
        annotationsUpdated: 1,
        annotationsUnchanged: 4,
        annotationsKeptDeleted: 1,
        conflicts: [{ articleId: 'a', localId: 'l', copyId: 'c', label: 'claim' }],
        unplaced: [ref, ref],
        revived: [ref],
      }),
    ).toBe(
      "merged: 1 new article, 3 new annotations, 1 annotation updated to the other machine's later edit, 1 annotation deleted here but edited there since, brought back; " +
        'kept: 2 articles already here, 4 annotations already the same here, 1 annotation deleted here, still deleted; ' +
        'conflicts: 1 annotation edited on both machines: both versions kept, to choose between; ' +
        'not imported: 2 annotations whose text is no longer in the corrected article',
    );
  });

  it('says a bundle that brought nothing new merged nothing, and leaves out empty parts', () => {
    expect(bundleSummary({ ...empty, articlesMatched: 1, annotationsUnchanged: 2 })).toBe('merged: nothing new; kept: 1 article already here, 2 annotations already the same here');
  });
});
