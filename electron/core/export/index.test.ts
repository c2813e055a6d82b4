import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertArticle } from '../store/articles';
import { insertAnnotation } from '../store/annotations';
import { openStore, type Db } from '../store/db';
import { useTmpDir } from '../testing/tmp';
import { EXPORT_FORMATS, ExportError, exportCorpus, type ExportFormat } from './index';
import { buildCorpus } from './test-support/corpus';
import { readAnn, readBundleLines, readCsv, readJsonl } from './test-support/readers';

const outName = (format: ExportFormat) => (format === 'brat' ? 'brat-out' : `out.${format}`);

describe('exportCorpus', () => {
  const tmp = useTmpDir();

  function setup() {
    const dir = tmp();
    const db = openStore(join(dir, 'x.db'));
    const corpus = buildCorpus(db);
    return { dir, db, corpus };
  }

  /** Many small articles, so exports span several pages. */
  function bulk(db: Db, n: number) {
    db.transaction(() => {
      for (let i = 0; i < n; i++) {
        const a = insertArticle(db, { title: `A${i}`, source: 'Bulk', url: null, author: null, publishedAt: null, language: 'en', text: `🇺🇦 Article ${i} about drones.` }, { id: `bulk-${String(i).padStart(4, '0')}` });
        insertAnnotation(db, { articleId: a.id, label: 'event', start: 5, end: 12 + String(i).length, quote: a.text.slice(5, 12 + String(i).length) });
      }
    })();
  }

  const idsIn = async (db: Db, dir: string, scope: Parameters<typeof exportCorpus>[1]['scope']) => {
    const out = join(dir, 'scoped.jsonl');
    await exportCorpus(db, { format: 'jsonl', out, ...(scope ? { scope } : {}) });
    return readJsonl(readFileSync(out, 'utf8')).map((l) => l.id);
  };

  it('exports what a library filter matches, or the given ids in the given order', async () => {
    const { dir, db } = setup();
    expect(await idsIn(db, dir, undefined)).toEqual(['kyiv', 'arabic', 'plain']);
    expect(await idsIn(db, dir, { unannotated: true })).toEqual(['plain']);
    expect(await idsIn(db, dir, { source: 'Al-Madina' })).toEqual(['arabic']);
    expect(await idsIn(db, dir, { query: 'Кличко' })).toEqual(['kyiv']);
    expect(await idsIn(db, dir, { query: '"' })).toEqual([]);
    expect(await idsIn(db, dir, { publishedFrom: '2024-11-27', publishedTo: '2024-12' })).toEqual(['arabic']);
    expect(await idsIn(db, dir, { label: 'claim' })).toEqual(['kyiv', 'arabic']);
    expect(await idsIn(db, dir, { ids: ['plain', 'missing', 'kyiv', 'plain'] })).toEqual(['plain', 'kyiv']);
  });

  it('pages through a corpus larger than a page, reporting progress up to the total', async () => {
    const dir = tmp();
    const db = openStore(join(dir, 'x.db'));
    bulk(db, 1234);
    const calls: [number, number][] = [];
    const result = await exportCorpus(db, { format: 'csv', out: join(dir, 'a.csv'), pageSize: 100 }, { onProgress: (d, t) => calls.push([d, t]) });
    expect(result).toMatchObject({ articles: 1234, spans: 1234 });
    expect(calls[0]).toEqual([0, 1234]);
    expect(calls[calls.length - 1]).toEqual([1234, 1234]);
    expect(calls.length).toBeLessThanOrEqual(202);
    for (let i = 1; i < calls.length; i++) expect((calls[i] as [number, number])[0]).toBeGreaterThan((calls[i - 1] as [number, number])[0]);

    await exportCorpus(db, { format: 'jsonl', out: join(dir, 'paged.jsonl'), pageSize: 7 });
    await exportCorpus(db, { format: 'jsonl', out: join(dir, 'whole.jsonl'), pageSize: 5000 });
    const paged = readJsonl(readFileSync(join(dir, 'paged.jsonl'), 'utf8'));
    expect(new Set(paged.map((l) => l.id)).size).toBe(1234);
    expect(readFileSync(join(dir, 'paged.jsonl'))).toEqual(readFileSync(join(dir, 'whole.jsonl')));
  });

  it('reports bytes as they are on disk', async () => {
    const { dir, db } = setup();
    const csv = await exportCorpus(db, { format: 'csv', out: join(dir, 'a.csv') });
    expect(csv.bytes).toBe(readFileSync(join(dir, 'a.csv')).length);
    const brat = await exportCorpus(db, { format: 'brat', out: join(dir, 'brat') });
    const total = readdirSync(join(dir, 'brat')).reduce((n, f) => n + readFileSync(join(dir, 'brat', f)).length, 0);
    expect(brat.bytes).toBe(total);
  });

  for (const format of EXPORT_FORMATS) {
    it(`${format}: an error midway leaves no partial output and no temporary behind`, async () => {
      const { dir, db } = setup();
      bulk(db, 40);
      const before = readdirSync(dir).sort();
      const failure = new Error('disk on fire');
      const run = exportCorpus(db, { format, out: join(dir, outName(format)), pageSize: 3 }, {
        onProgress: (done) => {
          if (done >= 10) throw failure;
        },
      });
      await expect(run).rejects.toBe(failure);
      expect(readdirSync(dir).sort()).toEqual(before);
    });

    it(`${format}: cancelling leaves no partial output and keeps an earlier export intact`, async () => {
      const { dir, db } = setup();
      bulk(db, 40);
      const out = join(dir, outName(format));
      if (format !== 'brat') writeFileSync(out, 'the previous export');
      const before = readdirSync(dir).sort();
      const controller = new AbortController();
      const run = exportCorpus(db, { format, out, pageSize: 3 }, { signal: controller.signal, onProgress: (done) => done >= 5 && controller.abort() });
      await expect(run).rejects.toMatchObject({ name: 'ExportError', code: 'cancelled' });
      expect(readdirSync(dir).sort()).toEqual(before);
      if (format !== 'brat') expect(readFileSync(out, 'utf8')).toBe('the previous export');
    });
  }

  it('leaves nothing behind when the store fails between pages', async () => {
    const { dir, db } = setup();
    bulk(db, 20);
    const run = exportCorpus(db, { format: 'jsonl', out: join(dir, 'a.jsonl'), pageSize: 2 }, { onProgress: (done) => done === 4 && db.close() });
    await expect(run).rejects.toThrow(/not open/);
    // Closing the store removes its -wal and -shm files; nothing else may have appeared.
    expect(readdirSync(dir)).toEqual(['x.db']);
  });

  it('refuses a missing folder, a non-empty brat folder and an already cancelled signal before writing anything', async () => {
    const { dir, db } = setup();
    await expect(exportCorpus(db, { format: 'csv', out: join(dir, 'nope', 'a.csv') })).rejects.toMatchObject({ code: 'destination' });
    mkdirSync(join(dir, 'full'));
    writeFileSync(join(dir, 'full', 'keep.txt'), 'mine');
    await expect(exportCorpus(db, { format: 'brat', out: join(dir, 'full') })).rejects.toMatchObject({ code: 'destination' });
    expect(readdirSync(join(dir, 'full'))).toEqual(['keep.txt']);
    await expect(exportCorpus(db, { format: 'jsonl', out: join(dir, 'full') })).rejects.toBeInstanceOf(ExportError);
    await expect(exportCorpus(db, { format: 'jsonl', out: join(dir, 'a.jsonl') }, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'cancelled' });
    expect(existsSync(join(dir, 'a.jsonl'))).toBe(false);
  });

  it('exports brat into an existing empty folder', async () => {
    const { dir, db, corpus } = setup();
    mkdirSync(join(dir, 'empty'));
    const result = await exportCorpus(db, { format: 'brat', out: join(dir, 'empty') });
    expect(result.articles).toBe(corpus.articles.length);
    expect(readdirSync(join(dir, 'empty'))).toContain('annotation.conf');
  });

  it('refuses an unknown format or label', async () => {
    const { dir, db } = setup();
    const format = 'xml' as ExportFormat;
    await expect(exportCorpus(db, { format, out: join(dir, 'a.xml') })).rejects.toMatchObject({ code: 'invalid' });
    const labels = ['quote'] as unknown as ('event' | 'claim')[];
    await expect(exportCorpus(db, { format: 'csv', out: join(dir, 'a.csv'), labels })).rejects.toMatchObject({ code: 'invalid' });
    expect(readdirSync(dir).filter((f) => !f.startsWith('x.db'))).toEqual([]);
  });

  it('refuses to write over the library, its -wal, -shm or journal, however the path is spelled', async () => {
    const { dir, db } = setup();
    const library = join(dir, 'x.db');
    const before = readFileSync(library);
    mkdirSync(join(dir, 'sub'));
    symlinkSync(dir, join(dir, 'link'));
    linkSync(library, join(dir, 'hard.db'));
    const targets = [library, `${library}-wal`, `${library}-shm`, `${library}-journal`, join(dir, 'sub', '..', 'x.db'), join(dir, 'link', 'x.db'), join(dir, 'hard.db')];
    for (const out of targets) {
      for (const format of ['jsonl', 'bundle', 'brat'] as const) {
        await expect(exportCorpus(db, { format, out }), `${format} ${out}`).rejects.toMatchObject({ code: 'destination', message: expect.stringMatching(/library/) });
      }
    }
    expect(readFileSync(library)).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(3);
    // Beside the library is fine.
    await expect(exportCorpus(db, { format: 'jsonl', out: join(dir, 'x.db.jsonl') })).resolves.toMatchObject({ articles: 3 });
  });

  it('writes only the local version of a conflicted annotation to datasets, says how many it left out, and keeps both in a bundle', async () => {
    const { dir, db, corpus } = setup();
    const local = corpus.byQuote('80 drones');
    insertAnnotation(db, { ...local, id: 'incoming-copy', note: 'their version', conflictOf: local.id, author: 'zoe' });
    const live = corpus.annotations.filter((a) => a.status === 'ok').length;
    const spanIds: Record<string, (out: string) => string[]> = {
      jsonl: (out) => readJsonl(readFileSync(out, 'utf8')).flatMap((l) => (l.spans as { id: string }[]).map((s) => s.id)),
      csv: (out) => readCsv(readFileSync(out)).map((r) => r.span_id as string),
      w3c: (out) => ((JSON.parse(readFileSync(out, 'utf8')) as { first: { items: { id: string }[] } }).first.items).map((a) => a.id.replace('urn:spanwise:annotation:', '')),
      brat: (out) => readAnn(readFileSync(join(out, 'kyiv.ann'), 'utf8')).notes.filter((n) => n.type === 'AnnotatorNotes').map((n) => n.text),
    };
    for (const [format, read] of Object.entries(spanIds)) {
      const out = join(dir, outName(format as ExportFormat));
      const result = await exportCorpus(db, { format: format as ExportFormat, out });
      expect(result, format).toMatchObject({ spans: live, conflictsLeftOut: 1 });
      const written = read(out);
      expect(written, format).not.toContain(format === 'brat' ? 'their version' : 'incoming-copy');
      if (format !== 'brat') expect(written, format).toContain(local.id);
    }
    const bundle = await exportCorpus(db, { format: 'bundle', out: join(dir, 'all.spanwise') });
    expect(bundle.conflictsLeftOut).toBe(0);
    const kyiv = readBundleLines(readFileSync(join(dir, 'all.spanwise'))).find((l) => l.id === 'kyiv') as { annotations: { id: string; conflict_of: string | null }[] };
    expect(kyiv.annotations.find((a) => a.id === 'incoming-copy')?.conflict_of).toBe(local.id);
    // A label subset counts only the copies it would have written.
    expect((await exportCorpus(db, { format: 'jsonl', out: join(dir, 'events.jsonl'), labels: ['event'] })).conflictsLeftOut).toBe(0);
  });
});
