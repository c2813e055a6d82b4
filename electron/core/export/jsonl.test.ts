import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSource, importBatch } from '../services/importer';
import { openStore } from '../store/db';
import { useTmpDir } from '../testing/tmp';
import { exportCorpus } from './index';
import { buildCorpus } from './test-support/corpus';
import { cpOf, cpSlice, readJsonl } from './test-support/readers';

describe('JSONL export', () => {
  const tmp = useTmpDir();

  function setup() {
    const dir = tmp();
    const db = openStore(join(dir, 'x.db'));
    return { dir, db, corpus: buildCorpus(db) };
  }

  it('writes one article per line whose spans slice the exported text at code point offsets', async () => {
    const { dir, db, corpus } = setup();
    const out = join(dir, 'corpus.jsonl');
    const result = await exportCorpus(db, { format: 'jsonl', out });
    const lines = readJsonl(readFileSync(out, 'utf8'));
    const live = corpus.annotations.filter((a) => a.status === 'ok');

    expect(lines.map((l) => l.id)).toEqual(corpus.articles.map((a) => a.id));
    expect(result).toMatchObject({ articles: corpus.articles.length, spans: live.length, out });
    for (const line of lines) {
      const article = corpus.articles.find((a) => a.id === line.id);
      expect(line).toMatchObject({
        title: article?.title,
        source: article?.source,
        url: article?.url,
        author: article?.author,
        published_at: article?.publishedAt,
        language: article?.language,
        text: article?.text,
        meta: { offset_unit: 'codepoint', attribute_keys: 'snake_case' },
      });
      const text = line.text as string;
      const spans = line.spans as { id: string; start: number; end: number; label: string; text: string; note: string; attrs: Record<string, unknown> }[];
      expect(spans.map((s) => s.id).sort()).toEqual(live.filter((a) => a.articleId === line.id).map((a) => a.id).sort());
      for (const span of spans) {
        const source = corpus.annotations.find((a) => a.id === span.id);
        expect(cpSlice(text, span.start, span.end)).toBe(span.text);
        expect(span.text).toBe(source?.quote);
        expect(span.start).toBe(cpOf(text, source?.start ?? -1));
        expect(span.label).toBe(source?.label.toUpperCase());
        expect(span.note).toBe(source?.note);
        const snake = Object.fromEntries(Object.entries(source?.attrs ?? {}).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]));
        expect(span.attrs).toEqual(snake);
      }
    }
  });

  it('places a span after a flag and an emoji where Python would, not where UTF-16 would', async () => {
    const { dir, db, corpus } = setup();
    const out = join(dir, 'corpus.jsonl');
    await exportCorpus(db, { format: 'jsonl', out });
    const kyiv = readJsonl(readFileSync(out, 'utf8')).find((l) => l.id === 'kyiv');
    const figure = (kyiv?.spans as { id: string; start: number }[]).find((s) => s.id === corpus.byQuote('80 drones').id);
    // The flag is 2 code points but 4 UTF-16 units, so UTF-16 offsets would be 2 too far.
    expect(corpus.byQuote('80 drones').start - (figure?.start ?? 0)).toBe(2);
    const actor = (kyiv?.spans as { id: string; start: number }[]).find((s) => s.id === corpus.byQuote('Віталій Кличко').id);
    // The flag and the toned thumbs-up (2 code points, 4 units) lie before it.
    expect(corpus.byQuote('Віталій Кличко').start - (actor?.start ?? 0)).toBe(4);
  });

  it('writes the same bytes for the same corpus, so exports can be compared', async () => {
    const { dir, db } = setup();
    await exportCorpus(db, { format: 'jsonl', out: join(dir, 'a.jsonl') });
    await exportCorpus(db, { format: 'jsonl', out: join(dir, 'b.jsonl'), pageSize: 1 });
    expect(readFileSync(join(dir, 'b.jsonl'))).toEqual(readFileSync(join(dir, 'a.jsonl')));
  });

  it('round-trips: importing the export into an empty store and exporting again gives the same file', async () => {
    const { dir, db } = setup();
    const first = join(dir, 'first.jsonl');
    await exportCorpus(db, { format: 'jsonl', out: first });

    const empty = openStore(join(dir, 'empty.db'));
    const report = await importBatch(empty, [fileSource(first)]);
    expect(report).toMatchObject({ failed: 0, partial: 0, imported: 1 });
    const second = join(dir, 'second.jsonl');
    await exportCorpus(empty, { format: 'jsonl', out: second });
    // The same articles and spans; where they came from is now the export they were imported from.
    const before = readJsonl(readFileSync(first, 'utf8'));
    const after = readJsonl(readFileSync(second, 'utf8'));
    expect(before.map((r) => r.original)).toEqual(before.map(() => null));
    expect(after.map((r) => (r.original as { file_name: string; importer: string }).file_name)).toEqual(after.map(() => 'first.jsonl'));
    const withoutOriginal = (records: Record<string, unknown>[]) => records.map(({ original: _, ...rest }) => rest);
    expect(withoutOriginal(after)).toEqual(withoutOriginal(before));
  });

  it('keeps where an article first came from through an export and a re-import, and leaves out an unsound record with a warning', async () => {
    const dir = tmp();
    const db = openStore(join(dir, 'a.db'));
    const report = join(dir, 'report.txt');
    writeFileSync(report, 'Harbour fire\n\nA fire broke out at the terminal overnight, the port authority said.\n');
    expect(await importBatch(db, [fileSource(report)])).toMatchObject({ imported: 1, failed: 0 });
    const first = join(dir, 'first.jsonl');
    await exportCorpus(db, { format: 'jsonl', out: first });
    const [exported] = readJsonl(readFileSync(first, 'utf8'));
    expect(exported?.original).toMatchObject({ file_name: 'report.txt', importer: 'txt', size: readFileSync(report).length });

    const other = openStore(join(dir, 'b.db'));
    expect(await importBatch(other, [fileSource(first)])).toMatchObject({ imported: 1, failed: 0 });
    const second = join(dir, 'second.jsonl');
    await exportCorpus(other, { format: 'jsonl', out: second });
    expect(readJsonl(readFileSync(second, 'utf8'))[0]?.original).toEqual(exported?.original);

    const broken = join(dir, 'broken.jsonl');
    writeFileSync(broken, `${JSON.stringify({ ...exported, id: undefined, text: 'Another text entirely, about a ceasefire.', spans: [], original: { sha256: 'not-a-hash' } })}\n`);
    const third = openStore(join(dir, 'c.db'));
    const outcome = await importBatch(third, [fileSource(broken)]);
    expect(outcome).toMatchObject({ imported: 1, failed: 0 });
    expect(outcome.outcomes[0]?.message).toContain('"original" left out (sha256: a sha256 is 64 lowercase hex digits)');
    const out3 = join(dir, 'third.jsonl');
    await exportCorpus(third, { format: 'jsonl', out: out3 });
    expect(readJsonl(readFileSync(out3, 'utf8'))[0]?.original).toMatchObject({ file_name: 'broken.jsonl', importer: 'jsonl' });
  });
});
