import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/model';
import { exportCorpus } from '../export';
import { insertArticle } from '../store/articles';
import { getAnnotation, insertAnnotation, listAnnotations } from '../store/annotations';
import { openStore } from '../store/db';
import { dumpTables } from '../testing/dump';
import { importText, ok } from '../testing/backend';
import { libraryProblems } from '../testing/library-check';
import { quietPlatform } from '../testing/platform';
import { useTmpDir } from '../testing/tmp';
import { startBackend, type Backend } from './app';
import { importBundle } from './bundle';
import { importBatch, textSource } from './importer';

/*
 * Every path that writes an annotation keeps the library's invariants (annotation-invariants.ts):
 * what was reproduced against the library (a correction leaving annotations on stale offsets, an
 * undo putting back anything it was given, a bundle's quote stored as written) is refused or
 * put right, and the library still passes its checks and re-imports its own bundle.
 */

const tmp = useTmpDir();
let backend: Backend | null = null;
afterEach(() => {
  backend?.close();
  backend = null;
});

async function open(): Promise<Backend> {
  backend = await startBackend(join(tmp(), 'library.db'), quietPlatform('tester'));
  return backend;
}

const TEXT = 'The minister 👩‍💼 said 80 drones were shot down.\n\nOfficials in Kyiv disputed it later.';
const at = (s: string) => ({ start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length });

async function library(b: Backend) {
  const articleId = await importText(b, TEXT);
  const other = await importText(b, 'A second report, about something else entirely.');
  const figure = await ok<Annotation>(b, 'annotations/create', { articleId, label: 'figure', ...at('80 drones'), attrs: { value: 80 } });
  const actor = await ok<Annotation>(b, 'annotations/create', { articleId, label: 'actor', ...at('Officials'), attrs: { kind: 'state' } });
  const claim = await ok<Annotation>(b, 'annotations/create', { articleId, label: 'claim', ...at('disputed it'), attrs: { claimantId: actor.id } });
  const elsewhere = await ok<Annotation>(b, 'annotations/create', { articleId: other, label: 'event', start: 2, end: 8 });
  return { articleId, other, figure, actor, claim, elsewhere };
}

describe('articles/correctText', () => {
  it('moves the annotations a positions list leaves out with their text, so none stays on offsets of the old text', async () => {
    const b = await open();
    const { articleId, figure, actor, claim } = await library(b);
    const corrected = `BREAKING. ${TEXT}`;
    const shift = 'BREAKING. '.length;
    const result = await ok<{ annotations: Annotation[] }>(b, 'articles/correctText', {
      id: articleId,
      text: corrected,
      positions: [{ id: figure.id, start: figure.start + shift, end: figure.end + shift, status: 'ok' }],
    });
    const byId = new Map(result.annotations.map((a) => [a.id, a]));
    expect(byId.get(figure.id)?.quote).toBe('80 drones');
    expect(byId.get(actor.id)).toMatchObject({ start: actor.start + shift, quote: 'Officials', status: 'ok' });
    expect(byId.get(claim.id)).toMatchObject({ start: claim.start + shift, quote: 'disputed it' });
    expect(await libraryProblems(b.db, tmp())).toEqual([]);
  });

  it('refuses positions that name an annotation twice, split a character or cover only whitespace, and changes nothing', async () => {
    const b = await open();
    const { articleId, figure } = await library(b);
    const before = dumpTables(b.db);
    const emoji = TEXT.indexOf('👩');
    const space = TEXT.indexOf(' said');
    for (const positions of [
      [
        { id: figure.id, start: figure.start, end: figure.end, status: 'ok' },
        { id: figure.id, start: 0, end: 3, status: 'ok' },
      ],
      [{ id: figure.id, start: emoji + 1, end: emoji + 5, status: 'ok' }],
      [{ id: figure.id, start: space, end: space + 1, status: 'ok' }],
    ]) {
      const answer = await b.dispatch('articles/correctText', { id: articleId, text: `${TEXT} More.`, positions });
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(dumpTables(b.db)).toBe(before);
  });
});

describe('annotations/restore', () => {
  it('puts back what a delete took, links included, whatever the order', async () => {
    const b = await open();
    const { actor, claim } = await library(b);
    const deleted = await ok<Annotation[]>(b, 'annotations/delete', { ids: [actor.id, claim.id] });
    await ok(b, 'annotations/restore', { annotations: [...deleted].reverse() });
    expect(getAnnotation(b.db, claim.id)?.attrs).toEqual({ claimantId: actor.id });
    // A link its actor's delete broke is put back too: undo restores exactly.
    const [onlyClaim] = await ok<Annotation[]>(b, 'annotations/delete', { ids: [claim.id] });
    await ok(b, 'annotations/delete', { ids: [actor.id] });
    await ok(b, 'annotations/restore', { annotations: [onlyClaim] });
    expect(getAnnotation(b.db, claim.id)?.attrs).toEqual({ claimantId: actor.id });
    expect(await libraryProblems(b.db, tmp())).toEqual([]);
  });

  it('refuses every annotation that would break the library, with the reason, and changes nothing', async () => {
    const b = await open();
    const { articleId, figure, elsewhere } = await library(b);
    const [gone] = await ok<Annotation[]>(b, 'annotations/delete', { ids: [figure.id] });
    const base = gone as Annotation;
    const emoji = TEXT.indexOf('👩');
    const space = TEXT.indexOf(' said');
    const cases: [string, Partial<Annotation>, RegExp][] = [
      ['a start inside a surrogate pair', { start: emoji + 1, end: emoji + 8 }, /split a character/],
      ['an empty span', { start: 4, end: 4 }, /empty/],
      ['a whitespace-only span', { start: space, end: space + 1 }, /only whitespace/],
      ['attributes of another label', { attrs: { value: 80, kind: 'state' } }, /"kind" are not attributes of figure/],
      ['a dangling claimant', { label: 'claim', attrs: { claimantId: 'no-such-annotation' } }, /claimant no-such-annotation is not an annotation of this article/],
      ['a claimant in another article', { label: 'claim', attrs: { claimantId: elsewhere.id } }, /is not an annotation of this article/],
      ['a time that is not ISO', { createdAt: 'yesterday' }, /createdAt "yesterday" is not an ISO 8601 time/],
      ['a conflict copy of another article', { conflictOf: elsewhere.id }, /conflict copy of .* not an annotation of this article/],
      ['a 10 KB author', { author: 'x'.repeat(10_000) }, /author must be text of at most 500/],
      ['an orphan without its text', { status: 'orphaned', quote: ' ', start: 3, end: 3 }, /must keep the text/],
    ];
    const before = dumpTables(b.db);
    for (const [what, change, reason] of cases) {
      const answer = await b.dispatch('annotations/restore', { annotations: [{ ...base, ...change }] });
      expect(answer, what).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(reason) } });
    }
    expect(dumpTables(b.db)).toBe(before);
    // The quote given is never stored: it is read from the text.
    await ok(b, 'annotations/restore', { annotations: [{ ...base, quote: 'something else' }] });
    expect(getAnnotation(b.db, base.id)?.quote).toBe('80 drones');
    expect(listAnnotations(b.db, articleId)).toHaveLength(3);
    expect(await libraryProblems(b.db, tmp())).toEqual([]);
  });

  it('refuses an update that would leave attributes of another label or a claimant elsewhere', async () => {
    const b = await open();
    const { claim, elsewhere } = await library(b);
    const answer = await b.dispatch('annotations/update', { id: claim.id, attrs: { claimantId: elsewhere.id } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('bundle merge', () => {
  it('stores a quote read from the text, never the one the bundle gives', async () => {
    const b = await open();
    await library(b);
    const out = join(tmp(), 'doctored.spanwise');
    await exportCorpus(b.db, { format: 'bundle', out });
    const doctored = gunzipSync(readFileSync(out)).toString('utf8').replaceAll('"quote":"80 drones"', '"quote":"800 drones"');
    expect(doctored).toContain('800 drones');
    writeFileSync(out, gzipSync(doctored));
    const fresh = openStore(join(tmp(), 'fresh.db'));
    try {
      await importBundle(fresh, out);
      const quotes = fresh.prepare("SELECT quote FROM annotations WHERE label = 'figure'").pluck().all();
      expect(quotes).toEqual(['80 drones']);
      expect(await libraryProblems(fresh, tmp())).toEqual([]);
    } finally {
      fresh.close();
    }
  });

  it('refuses a bundle with a time that is not ISO or an outsized author, naming the line and the annotation', async () => {
    const b = await open();
    const { figure } = await library(b);
    const out = join(tmp(), 'doctored.spanwise');
    await exportCorpus(b.db, { format: 'bundle', out });
    const text = gunzipSync(readFileSync(out)).toString('utf8');
    const fresh = openStore(join(tmp(), 'fresh.db'));
    try {
      writeFileSync(out, gzipSync(text.replace(`"created_at":"${figure.createdAt}"`, '"created_at":"yesterday"')));
      await expect(importBundle(fresh, out)).rejects.toThrow(new RegExp(`line \\d+, annotation ${figure.id}: createdAt "yesterday"`));
      writeFileSync(out, gzipSync(text.replace('"author":"tester"', `"author":"${'x'.repeat(10_000)}"`)));
      await expect(importBundle(fresh, out)).rejects.toThrow(/author must be text of at most 500/);
      expect(fresh.prepare('SELECT count(*) FROM annotations').pluck().get()).toBe(0);
    } finally {
      fresh.close();
    }
  });

  it("points a claim's link at its actor's new id when the id is taken here by another article's annotation", async () => {
    const b = await open();
    const { actor, claim } = await library(b);
    const out = join(tmp(), 'a.spanwise');
    await exportCorpus(b.db, { format: 'bundle', out });
    const fresh = openStore(join(tmp(), 'fresh.db'));
    try {
      const other = insertArticle(fresh, { title: 't', source: null, url: null, author: null, publishedAt: null, language: null, text: 'Unrelated words here.' });
      insertAnnotation(fresh, { id: actor.id, articleId: other.id, label: 'actor', start: 0, end: 9, quote: 'Unrelated' });
      await importBundle(fresh, out);
      const link = getAnnotation(fresh, claim.id)?.attrs.claimantId;
      expect(link).not.toBe(actor.id);
      expect(getAnnotation(fresh, String(link))).toMatchObject({ label: 'actor', quote: 'Officials', articleId: getAnnotation(fresh, claim.id)?.articleId });
      expect(await libraryProblems(fresh, tmp())).toEqual([]);
    } finally {
      fresh.close();
    }
  });
});

describe('import', () => {
  it("leaves out, with the reason, a dataset's span over whitespace, and keeps claimant links inside their article", async () => {
    const b = await open();
    const { actor } = await library(b);
    const record = {
      id: 'r1',
      title: 'Dataset article',
      text: 'Officials in Lviv said it. Then   nothing.',
      spans: [
        { id: actor.id, start: 0, end: 9, label: 'ACTOR', text: 'Officials' },
        { id: 's2', start: 10, end: 25, label: 'CLAIM', text: 'in Lviv said it', attrs: { claimant_id: actor.id } },
        { id: 's3', start: 31, end: 33, label: 'EVENT', text: '  ' },
        { id: 's4', start: 0, end: 4, label: 'CLAIM', text: 'Offi', attrs: { claimant_id: 'nowhere' } },
      ],
    };
    const report = await importBatch(b.db, [textSource('data.jsonl', `${JSON.stringify(record)}\n`)]);
    expect(report.outcomes[0]).toMatchObject({ status: 'partial', message: expect.stringMatching(/span s3: offsets 31-33 hold only whitespace; left out/) });
    const s2 = getAnnotation(b.db, 's2');
    const linked = getAnnotation(b.db, String(s2?.attrs.claimantId));
    expect(linked).toMatchObject({ articleId: s2?.articleId, quote: 'Officials' });
    expect(getAnnotation(b.db, 's4')?.attrs).toEqual({});
    expect(await libraryProblems(b.db, tmp())).toEqual([]);
  });
});
