import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importBundle } from '../services/bundle';
import { openStore } from '../store/db';
import { useTmpDir } from '../testing/tmp';
import { exportCorpus } from './index';
import { buildCorpus } from './test-support/corpus';
import { cpOf, cpSlice, readBundleLines } from './test-support/readers';

interface BundleAnnotationLine {
  id: string;
  label: string;
  start: number;
  end: number;
  quote: string;
  note: string;
  attrs: Record<string, unknown>;
  author: string;
  status: string;
  created_at: string;
  updated_at: string;
  conflict_of: string | null;
}

describe('bundle export', () => {
  const tmp = useTmpDir();

  it('is gzip JSON lines: a header, every article with every annotation, and an end record', async () => {
    const dir = tmp();
    const db = openStore(join(dir, 'x.db'));
    const corpus = buildCorpus(db);
    const out = join(dir, 'work.spanwise');
    const result = await exportCorpus(db, { format: 'bundle', out });
    const lines = readBundleLines(readFileSync(out));

    expect(lines[0]).toMatchObject({ format: 'spanwise-bundle', version: 1, offset_unit: 'codepoint' });
    expect(Number.isNaN(Date.parse(String(lines[0]?.exported_at)))).toBe(false);
    expect(lines[lines.length - 1]).toEqual({ type: 'end', articles: corpus.articles.length, annotations: corpus.annotations.length });
    expect(result.spans).toBe(corpus.annotations.length);

    const articles = lines.slice(1, -1);
    expect(articles.map((a) => a.id)).toEqual(corpus.articles.map((a) => a.id));
    for (const line of articles) {
      const article = corpus.articles.find((a) => a.id === line.id);
      expect(line).toMatchObject({
        type: 'article',
        title: article?.title,
        text: article?.text,
        original_text: null,
        imported_at: article?.importedAt,
        updated_at: article?.updatedAt,
      });
      expect(line.text_hash).toMatch(/^[0-9a-f]{64}$/);
      for (const a of line.annotations as BundleAnnotationLine[]) {
        const source = corpus.annotations.find((x) => x.id === a.id);
        expect(a).toMatchObject({
          label: source?.label.toUpperCase(),
          quote: source?.quote,
          note: source?.note,
          author: source?.author,
          status: source?.status,
          created_at: source?.createdAt,
          updated_at: source?.updatedAt,
          conflict_of: null,
        });
        expect(a.attrs).toEqual(source?.attrs);
        expect(a.start).toBe(cpOf(String(line.text), source?.start ?? -1));
        if (a.status === 'ok') expect(cpSlice(String(line.text), a.start, a.end)).toBe(a.quote);
      }
    }
    // Unlike the dataset formats, the bundle keeps orphaned annotations.
    const orphan = (articles.find((a) => a.id === 'arabic')?.annotations as BundleAnnotationLine[]).find((a) => a.id === 'arabic-orphan');
    expect(orphan).toMatchObject({ status: 'orphaned', quote: '13', author: 'carol' });
  });

  it('round-trips: importing into an empty store and exporting again gives the same lines apart from the export time', async () => {
    const dir = tmp();
    const db = openStore(join(dir, 'x.db'));
    buildCorpus(db);
    const first = join(dir, 'first.spanwise');
    await exportCorpus(db, { format: 'bundle', out: first });

    const other = openStore(join(dir, 'other.db'));
    const report = await importBundle(other, first);
    expect(report.articlesAdded).toBe(3);
    const second = join(dir, 'second.spanwise');
    await exportCorpus(other, { format: 'bundle', out: second });

    const withoutTime = (file: string) => {
      const lines = readBundleLines(readFileSync(file));
      const { exported_at: _ignored, ...header } = lines[0] as Record<string, unknown>;
      return [header, ...lines.slice(1)];
    };
    expect(withoutTime(second)).toEqual(withoutTime(first));
    const rawLines = (file: string) => gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    expect(rawLines(second).slice(1)).toEqual(rawLines(first).slice(1));
  });
});
