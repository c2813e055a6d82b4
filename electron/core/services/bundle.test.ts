import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bundleWriter } from '../export/test-support/bundles';
import { buildCorpus } from '../export/test-support/corpus';
import { insertArticle, textHash } from '../store/articles';
import { getAnnotation, insertAnnotation, listAnnotations, updateAnnotation } from '../store/annotations';
import { openStore, type Db } from '../store/db';
import { listConflicts } from '../store/merge';
import { useTmpDir } from '../testing/tmp';
import { BundleError, importBundle, sniffBundle } from './bundle';

describe('importBundle', () => {
  const tmp = useTmpDir();

  function machines() {
    const dir = tmp();
    const a = openStore(join(dir, 'a.db'));
    const corpus = buildCorpus(a);
    const b = openStore(join(dir, 'b.db'));
    const bundle = bundleWriter(dir);
    return { dir, a, b, corpus, bundle };
  }

  const counts = (db: Db) => ({
    articles: db.prepare('SELECT count(*) FROM articles').pluck().get(),
    annotations: db.prepare('SELECT count(*) FROM annotations').pluck().get(),
  });

  it('brings every article and annotation into an empty store with ids, authors, timestamps and status', async () => {
    const { a, b, corpus, bundle } = machines();
    const report = await importBundle(b, await bundle(a));
    expect(report).toEqual({
      articlesAdded: corpus.articles.length,
      articlesMatched: 0,
      annotationsAdded: corpus.annotations.length,
      annotationsUpdated: 0,
      annotationsUnchanged: 0,
      annotationsKeptDeleted: 0,
      conflicts: [],
      unplaced: [],
      revived: [],
      events: { rolesAdded: 0, rolesLeftOut: 0, eventsJoined: 0, incidentConflicts: [] },
      entities: { added: 0, updated: 0, unchanged: 0, offers: [], keptApart: 0, conflicts: [] },
      resolutions: { added: 0, unchanged: 0, conflicts: [], leftOut: 0 },
    });
    for (const source of corpus.annotations) {
      const copy = getAnnotation(b, source.id);
      expect(copy).toEqual(source);
    }
  });

  it('adds nothing when the same bundle is imported again', async () => {
    const { a, b, corpus, bundle } = machines();
    const file = await bundle(a);
    await importBundle(b, file);
    const before = counts(b);
    const again = await importBundle(b, file);
    expect(again).toEqual({
      articlesAdded: 0,
      articlesMatched: corpus.articles.length,
      annotationsAdded: 0,
      annotationsUpdated: 0,
      annotationsUnchanged: corpus.annotations.length,
      annotationsKeptDeleted: 0,
      conflicts: [],
      unplaced: [],
      revived: [],
      events: { rolesAdded: 0, rolesLeftOut: 0, eventsJoined: 0, incidentConflicts: [] },
      entities: { added: 0, updated: 0, unchanged: 0, offers: [], keptApart: 0, conflicts: [] },
      resolutions: { added: 0, unchanged: 0, conflicts: [], leftOut: 0 },
    });
    expect(counts(b)).toEqual(before);
    // Into the store it came from, too.
    expect((await importBundle(a, file)).annotationsAdded).toBe(0);
  });

  it('matches an article the other store imported on its own, and adds the annotations with their authors', async () => {
    const { a, b, corpus, bundle } = machines();
    const kyiv = corpus.articles.find((x) => x.id === 'kyiv');
    if (!kyiv) throw new Error('fixture');
    const mine = insertArticle(b, { ...kyiv, title: 'My own title' }, { id: 'b-kyiv' });
    insertAnnotation(b, { articleId: mine.id, label: 'event', start: 0, end: 4, quote: kyiv.text.slice(0, 4), author: 'dave' });

    const report = await importBundle(b, await bundle(a));
    expect(report.articlesMatched).toBe(1);
    expect(report.articlesAdded).toBe(corpus.articles.length - 1);
    expect(counts(b).articles).toBe(corpus.articles.length);
    const merged = listAnnotations(b, 'b-kyiv');
    const incoming = corpus.annotations.filter((x) => x.articleId === 'kyiv');
    expect(merged.map((x) => x.author).sort()).toEqual([...incoming.map((x) => x.author), 'dave'].sort());
    expect(new Set(merged.map((x) => x.author))).toEqual(new Set(['alice', 'bob', 'dave']));
    const bobs = merged.find((x) => x.author === 'bob');
    expect(bobs?.quote).toBe(corpus.annotations.find((x) => x.author === 'bob')?.quote);
    // The local article's own metadata is not overwritten.
    expect(b.prepare("SELECT title FROM articles WHERE id = 'b-kyiv'").pluck().get()).toBe('My own title');
  });

  it('keeps both versions of an annotation edited on both machines, and merges back without piling up copies', async () => {
    const { a, b, bundle } = machines();
    await importBundle(b, await bundle(a));

    updateAnnotation(a, 'kyiv-s3', { attrs: { value: 80, unit: 'drones', qualifier: 'exact' }, note: 'checked by alice' });
    updateAnnotation(b, 'kyiv-s3', { label: 'claim', attrs: {}, note: 'bob thinks this is a claim' });
    insertAnnotation(b, { id: 'bob-new', articleId: 'arabic', label: 'actor', start: 5, end: 13, quote: 'الوزارةُ', author: 'bob', note: 'second opinion' });
    const fromB = await bundle(b);

    const report = await importBundle(a, fromB, { author: 'unknown' });
    expect(report.annotationsAdded).toBe(1);
    expect(report.conflicts).toEqual([{ articleId: 'kyiv', localId: 'kyiv-s3', copyId: expect.any(String), label: 'claim' }]);
    const copyId = report.conflicts[0]?.copyId ?? '';
    expect(getAnnotation(a, 'kyiv-s3')).toMatchObject({ label: 'figure', note: 'checked by alice' });
    expect(getAnnotation(a, copyId)).toMatchObject({ label: 'claim', note: 'bob thinks this is a claim', start: getAnnotation(a, 'kyiv-s3')?.start });
    expect(listConflicts(a).map((c) => [c.id, c.conflictOf])).toEqual([[copyId, 'kyiv-s3']]);
    expect(getAnnotation(a, 'bob-new')).toMatchObject({ author: 'bob', note: 'second opinion' });

    const before = counts(a);
    const again = await importBundle(a, fromB);
    expect(again.annotationsAdded).toBe(0);
    expect(again.conflicts).toEqual([]);
    expect(counts(a)).toEqual(before);

    // Back to B: B gains A's version as its conflict copy; A's copy of B's own version adds nothing.
    const backToB = await importBundle(b, await bundle(a));
    expect(backToB.annotationsAdded).toBe(0);
    expect(backToB.conflicts).toEqual([{ articleId: 'kyiv', localId: 'kyiv-s3', copyId: expect.any(String), label: 'figure' }]);
    expect(listConflicts(b)).toHaveLength(1);
    expect(getAnnotation(b, 'kyiv-s3')).toMatchObject({ label: 'claim' });

    // A deleted original leaves its copy as an ordinary annotation.
    a.prepare("DELETE FROM annotations WHERE id = 'kyiv-s3'").run();
    expect(listConflicts(a)).toEqual([]);
    expect(getAnnotation(a, copyId)).not.toBeNull();
  });

  it('matches an article corrected on one side by id and places annotations by their quote', async () => {
    const { a, b, bundle } = machines();
    await importBundle(b, await bundle(a));
    // B corrects the text: a prefix shifts every span, and one span's text disappears.
    const old = b.prepare("SELECT text FROM articles WHERE id = 'kyiv'").pluck().get() as string;
    const prefix = 'Correction: ';
    const corrected = prefix + old.replace('Residents sheltered', 'People sheltered');
    b.prepare("UPDATE articles SET text = ?, original_text = ?, text_hash = ? WHERE id = 'kyiv'").run(corrected, old, textHash(corrected));
    b.prepare("UPDATE annotations SET start = start + ?, \"end\" = \"end\" + ? WHERE article_id = 'kyiv' AND id <> 'kyiv-s8'").run(prefix.length, prefix.length);
    b.prepare("UPDATE annotations SET status = 'orphaned', start = 0, \"end\" = 0 WHERE id = 'kyiv-s8'").run();

    const text = a.prepare("SELECT text FROM articles WHERE id = 'kyiv'").pluck().get() as string;
    const at = text.indexOf('drones overnight');
    insertAnnotation(a, { id: 'late', articleId: 'kyiv', label: 'event', start: at, end: at + 'drones overnight'.length, quote: 'drones overnight', author: 'alice' });

    const report = await importBundle(b, await bundle(a));
    expect(report.articlesAdded).toBe(0);
    expect(report.annotationsAdded).toBe(1);
    expect(report.unplaced).toEqual([{ articleId: 'kyiv', annotationId: 'kyiv-s8', quote: 'debris fell on two districts.\nResidents sheltered' }]);
    expect(report.conflicts).toEqual([]);
    const late = getAnnotation(b, 'late');
    expect(corrected.slice(late?.start, late?.end)).toBe('drones overnight');
    expect(late?.start).toBe(at + prefix.length);
    expect(b.prepare("SELECT text FROM articles WHERE id = 'kyiv'").pluck().get()).toBe(corrected);
  });

  describe('refuses a damaged or foreign file and changes nothing', () => {
    async function rejectsWith(lines: string[] | Buffer, code: BundleError['code'], message: RegExp) {
      const { dir, b, a, bundle } = machines();
      await importBundle(b, await bundle(a));
      const before = counts(b);
      const file = join(dir, 'bad.spanwise');
      writeFileSync(file, Buffer.isBuffer(lines) ? lines : gzipSync(lines.join('\n')));
      const run = importBundle(b, file);
      await expect(run).rejects.toBeInstanceOf(BundleError);
      await expect(importBundle(b, file)).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
      expect(counts(b)).toEqual(before);
    }

    const header = JSON.stringify({ format: 'spanwise-bundle', version: 1, exported_at: '2024-12-01T00:00:00Z', offset_unit: 'codepoint' });
    const article = (over: Record<string, unknown> = {}) =>
      JSON.stringify({
        type: 'article',
        id: 'new-one',
        title: 'New',
        source: null,
        url: null,
        author: null,
        published_at: null,
        language: null,
        text: '😀 New text',
        original_text: null,
        text_hash: textHash('😀 New text'),
        imported_at: '2024-12-01T00:00:00Z',
        updated_at: '2024-12-01T00:00:00Z',
        annotations: [
          { id: 'n1', label: 'EVENT', start: 2, end: 5, quote: 'New', note: '', attrs: {}, author: 'x', status: 'ok', created_at: '2024-11-26T10:00:00.000Z', updated_at: '2024-11-26T10:00:00.000Z', conflict_of: null },
        ],
        ...over,
      });

    it('a bundle cut short', async () => {
      const { a, bundle } = machines();
      const whole = readFileSync(await bundle(a));
      await rejectsWith(whole.subarray(0, Math.floor(whole.length / 2)), 'invalid', /cut short/);
      const lines = gunzipSync(whole).toString('utf8').trimEnd().split('\n');
      await rejectsWith(lines.slice(0, -1), 'invalid', /cut short|no end record/);
    });

    it('an import cancelled while the file is read', async () => {
      const { a, b, bundle } = machines();
      const before = counts(b);
      await expect(importBundle(b, await bundle(a), { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'cancelled' });
      expect(counts(b)).toEqual(before);
    });

    it('a file that is not a bundle', async () => {
      await rejectsWith(Buffer.from('id,title\n1,x\n'), 'invalid', /not a Spanwise bundle/);
      await rejectsWith(['{"hello":"world"}'], 'invalid', /not a Spanwise bundle/);
    });

    it('a bundle from a newer version', async () => {
      await rejectsWith([JSON.stringify({ format: 'spanwise-bundle', version: 2, exported_at: 'x', offset_unit: 'codepoint' })], 'newer_version', /newer Spanwise/);
    });

    it('an annotation outside its text, or with attributes its label does not have', async () => {
      const end = JSON.stringify({ type: 'end', articles: 1, annotations: 1 });
      await rejectsWith([header, article(), end].map((l) => l.replace('"end":5', '"end":50')), 'invalid', /line 2, annotation n1: offsets 2-50/);
      const badAttrs = article({
        annotations: [{ id: 'n1', label: 'FIGURE', start: 2, end: 5, quote: 'New', note: '', attrs: { value: 'many' }, author: '', status: 'ok', created_at: '2024-11-26T10:00:00.000Z', updated_at: '2024-11-26T10:00:00.000Z', conflict_of: null }],
      });
      await rejectsWith([header, badAttrs, end], 'invalid', /line 2, annotation n1: value/);
      await rejectsWith([header, article(), JSON.stringify({ type: 'end', articles: 2, annotations: 1 })], 'invalid', /damaged/);
    });

    it('an article with no text (found by the mutation fuzz: it was stored, with nothing to tag)', async () => {
      const end = JSON.stringify({ type: 'end', articles: 1, annotations: 0 });
      for (const text of ['', ' \n\n\u3000']) {
        await rejectsWith([header, article({ text, text_hash: textHash(text), annotations: [] }), end], 'invalid', /line 2.*the article has no text/);
      }
    });
  });

  it('makes an escaped lone surrogate one replacement character, so the spans after it stay on their text', async () => {
    const { dir, b } = machines();
    const text = 'Drones \ud83dver Ostrivka: Russia launched 112 drones.';
    const header = JSON.stringify({ format: 'spanwise-bundle', version: 1, exported_at: '2024-12-01T00:00:00Z', offset_unit: 'codepoint' });
    const at = [...text].join('').indexOf('Russia');
    const line = JSON.stringify({
      type: 'article', id: 'lone', title: 'Drones', source: null, url: null, author: null, published_at: null, language: null, text, original_text: null,
      text_hash: textHash(text), imported_at: '2024-12-01T00:00:00Z', updated_at: '2024-12-01T00:00:00Z',
      annotations: [{ id: 'r1', label: 'actor', start: at, end: at + 6, quote: 'Russia', note: '', attrs: {}, author: 'x', status: 'ok', created_at: '2024-11-26T10:00:00.000Z', updated_at: '2024-11-26T10:00:00.000Z', conflict_of: null }],
    });
    expect(line).toContain('\\ud83d');
    const file = join(dir, 'lone.spanwise');
    writeFileSync(file, gzipSync([header, line, JSON.stringify({ type: 'end', articles: 1, annotations: 1 })].join('\n')));
    await importBundle(b, file);
    const stored = b.prepare("SELECT text FROM articles WHERE id = 'lone'").pluck().get() as string;
    expect(stored).toBe('Drones \ufffdver Ostrivka: Russia launched 112 drones.');
    const [russia] = listAnnotations(b, 'lone');
    expect(stored.slice(russia?.start, russia?.end)).toBe('Russia');
    expect(russia?.quote).toBe('Russia');
  });

  it('recognises a bundle by its first bytes whatever its name, and nothing else', async () => {
    const { dir, a, bundle } = machines();
    const file = await bundle(a);
    const renamed = join(dir, 'from-colleague.gz');
    writeFileSync(renamed, readFileSync(file));
    expect(sniffBundle(file)).toBe(true);
    expect(sniffBundle(renamed)).toBe(true);
    writeFileSync(join(dir, 'other.gz'), gzipSync('{"format":"something-else"}\n'));
    writeFileSync(join(dir, 'plain.txt'), 'format spanwise-bundle');
    writeFileSync(join(dir, 'broken.gz'), Buffer.from([0x1f, 0x8b, 1, 2, 3]));
    for (const name of ['other.gz', 'plain.txt', 'broken.gz', 'missing.gz']) expect(sniffBundle(join(dir, name)), name).toBe(false);
    expect(sniffBundle(dir)).toBe(false);
    expect((await importBundle(openStore(join(dir, 'c.db')), renamed)).articlesAdded).toBe(3);
  });
});
