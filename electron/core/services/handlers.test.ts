import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/model';
import { useTmpDir } from '../testing/tmp';
import { startBackend, type Backend } from './app';
import { quietPlatform } from '../testing/platform';
import { ok, importText } from '../testing/backend';

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

const TEXT = 'Title line\n\nThe minister 👩‍💼 said 80 drones were shot down.\n\nOfficials disputed it.';

describe('annotation handlers', () => {
  it('create trims whitespace, stores the quote, and refuses a span that splits a character', async () => {
    const b = await open();
    const id = await importText(b, TEXT);
    const start = TEXT.indexOf('80 drones');
    const a = await ok<Annotation>(b, 'annotations/create', { articleId: id, label: 'figure', start: start - 1, end: start + 10, attrs: { value: 80 } });
    expect(a.quote).toBe('80 drones');
    expect(a.author).toBe('tester');
    const emoji = TEXT.indexOf('👩');
    const split = await b.dispatch('annotations/create', { articleId: id, label: 'actor', start: emoji + 1, end: emoji + 4 });
    expect(split).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('createMany is all or nothing', async () => {
    const b = await open();
    const id = await importText(b, TEXT);
    const bad = await b.dispatch('annotations/createMany', {
      articleId: id,
      items: [
        { label: 'event', start: 0, end: 5 },
        { label: 'event', start: 0, end: 9999 },
      ],
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const article = await ok<{ annotations: Annotation[] }>(b, 'articles/get', { id });
    expect(article.annotations).toEqual([]);
  });

  it('refuses a second annotation with the same span and label, naming the first', async () => {
    const b = await open();
    const id = await importText(b, TEXT);
    const [first] = await ok<Annotation[]>(b, 'annotations/createMany', { articleId: id, items: [{ label: 'actor', start: 0, end: 5 }] });
    const again = await b.dispatch('annotations/create', { articleId: id, label: 'actor', start: 0, end: 5 });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(again.ok ? '' : again.error.message).toContain(first!.id);
    // Another label on the same span, or the same label on another span, is a different annotation.
    await ok(b, 'annotations/create', { articleId: id, label: 'event', start: 0, end: 5 });
    await ok(b, 'annotations/create', { articleId: id, label: 'actor', start: 0, end: 4 });
    const twice = await b.dispatch('annotations/createMany', {
      articleId: id,
      items: [
        { label: 'claim', start: 6, end: 9 },
        { label: 'claim', start: 6, end: 9 },
      ],
    });
    expect(twice).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await ok<{ annotations: Annotation[] }>(b, 'articles/get', { id })).annotations).toHaveLength(3);
    // Once the first is deleted, the span can be tagged again.
    await ok(b, 'annotations/delete', { ids: [first!.id] });
    await ok(b, 'annotations/create', { articleId: id, label: 'actor', start: 0, end: 5 });
  });

  it('delete then restore puts back the same annotation, ids and timestamps included', async () => {
    const b = await open();
    const id = await importText(b, TEXT);
    const [a] = await ok<Annotation[]>(b, 'annotations/createMany', { articleId: id, items: [{ label: 'claim', start: 12, end: 40, note: 'n' }] });
    const removed = await ok<Annotation[]>(b, 'annotations/delete', { ids: [a!.id] });
    expect(removed).toEqual([a]);
    await ok(b, 'annotations/restore', { annotations: removed });
    expect((await ok<{ annotations: Annotation[] }>(b, 'articles/get', { id })).annotations).toEqual([a]);
    const again = await b.dispatch('annotations/restore', { annotations: removed });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('retagging drops attributes that do not belong to the new label', async () => {
    const b = await open();
    const id = await importText(b, TEXT);
    const start = TEXT.indexOf('80 drones');
    const a = await ok<Annotation>(b, 'annotations/create', { articleId: id, label: 'figure', start, end: start + 9, attrs: { value: 80, unit: 'drones' } });
    const retagged = await ok<Annotation>(b, 'annotations/update', { id: a.id, label: 'claim' });
    expect(retagged.label).toBe('claim');
    expect(retagged.attrs).toEqual({});
    const invalid = await b.dispatch('annotations/update', { id: a.id, attrs: { status: 'probably' } });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('correcting the text moves annotations, orphans deleted ones, keeps the original, and undoes exactly', async () => {
    const b = await open();
    const id = await importText(b, TEXT);
    const officials = TEXT.indexOf('Officials');
    const drones = TEXT.indexOf('80 drones');
    const [kept, lost] = await ok<Annotation[]>(b, 'annotations/createMany', {
      articleId: id,
      items: [
        { label: 'actor', start: officials, end: officials + 9 },
        { label: 'figure', start: drones, end: drones + 9 },
      ],
    });
    const corrected = TEXT.replace('Title line', 'A longer title line').replace(' 80 drones were', ' were');
    const result = await ok<{ article: { text: string; originalText: string }; annotations: Annotation[] }>(b, 'articles/correctText', { id, text: corrected });
    expect(result.article.originalText).toBe(TEXT);
    const byId = new Map(result.annotations.map((a) => [a.id, a]));
    const moved = byId.get(kept!.id)!;
    expect(corrected.slice(moved.start, moved.end)).toBe('Officials');
    expect(byId.get(lost!.id)).toMatchObject({ status: 'orphaned', quote: '80 drones' });

    const back = await ok<{ article: { text: string }; annotations: Annotation[] }>(b, 'articles/correctText', {
      id,
      text: TEXT,
      positions: [kept!, lost!].map((a) => ({ id: a.id, start: a.start, end: a.end, status: 'ok' as const })),
    });
    expect(back.article.text).toBe(TEXT);
    // Back at the imported text, nothing is corrected any more.
    expect(back.article).toMatchObject({ originalText: null });
    expect(back.annotations.map((a) => [a.id, a.start, a.end, a.status, a.quote]).sort()).toEqual(
      [kept!, lost!].map((a) => [a.id, a.start, a.end, 'ok', a.quote]).sort(),
    );
  });

  it('re-attaches an orphaned annotation to new text, and puts the orphan back exactly', async () => {
    const b = await open();
    const id = await importText(b, TEXT);
    const drones = TEXT.indexOf('80 drones');
    const figure = await ok<Annotation>(b, 'annotations/create', { articleId: id, label: 'figure', start: drones, end: drones + 9 });
    const corrected = TEXT.replace(' 80 drones were', ' were');
    const { annotations } = await ok<{ annotations: Annotation[] }>(b, 'articles/correctText', { id, text: corrected });
    const orphan = annotations.find((a) => a.id === figure.id)!;
    expect(orphan).toMatchObject({ status: 'orphaned', quote: '80 drones' });
    const at = corrected.indexOf('shot');
    const placed = await ok<Annotation>(b, 'annotations/update', { id: figure.id, span: { start: at, end: at + 5 } });
    // Trimmed like any new span, the quote read from the text.
    expect(placed).toMatchObject({ status: 'ok', start: at, end: at + 4, quote: 'shot' });
    const back = await ok<Annotation>(b, 'annotations/update', {
      id: figure.id,
      span: { start: orphan.start, end: orphan.end, status: 'orphaned', quote: orphan.quote },
    });
    expect(back).toMatchObject({ status: 'orphaned', start: orphan.start, end: orphan.end, quote: '80 drones' });
    const whitespace = await b.dispatch('annotations/update', { id: figure.id, span: { start: at - 1, end: at } });
    expect(whitespace).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const noQuote = await b.dispatch('annotations/update', { id: figure.id, span: { start: 0, end: 0, status: 'orphaned' } });
    expect(noQuote).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('links a claimant only to an actor annotation of the same article, and keeps a link that broke later', async () => {
    const b = await open();
    const id = await importText(b, TEXT);
    const other = await importText(b, 'Elsewhere\n\nThe mayor spoke.');
    const at = (text: string) => TEXT.indexOf(text);
    const [actor, figure, claim] = await ok<Annotation[]>(b, 'annotations/createMany', {
      articleId: id,
      items: [
        { label: 'actor', start: at('The minister'), end: at('The minister') + 12 },
        { label: 'figure', start: at('80'), end: at('80') + 2 },
        { label: 'claim', start: at('Officials'), end: at('Officials') + 21 },
      ],
    });
    const [stranger] = await ok<Annotation[]>(b, 'annotations/createMany', { articleId: other, items: [{ label: 'actor', start: 11, end: 20 }] });
    for (const wrong of [figure!.id, stranger!.id, claim!.id, 'no-such-annotation']) {
      const refused = await b.dispatch('annotations/update', { id: claim!.id, attrs: { claimantId: wrong } });
      expect(refused, wrong).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/not an actor annotation/) } });
    }
    const refusedNew = await b.dispatch('annotations/createMany', {
      articleId: id,
      items: [{ label: 'claim', start: at('said'), end: at('said') + 4, attrs: { claimantId: figure!.id } }],
    });
    expect(refusedNew).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const linked = await ok<Annotation>(b, 'annotations/update', { id: claim!.id, attrs: { claimant: 'The minister', claimantId: actor!.id } });
    expect(linked.attrs).toEqual({ claimant: 'The minister', claimantId: actor!.id });
    await ok(b, 'annotations/delete', { ids: [actor!.id] });
    // Editing the claim's status keeps the now broken link for the analyst to see and mend.
    const edited = await ok<Annotation>(b, 'annotations/update', { id: claim!.id, attrs: { ...linked.attrs, status: 'disputed' } });
    expect(edited.attrs).toMatchObject({ claimantId: actor!.id, status: 'disputed' });
  });
});

describe('export/dialog', () => {
  it('refuses an export that cannot be made as asked before the save dialog, with the reason', async () => {
    let asked = 0;
    backend = await startBackend(join(tmp(), 'library.db'), quietPlatform('tester', { pickExportTarget: async () => (asked++, null) }));
    const b = backend;
    const id = await importText(b, TEXT);
    for (const [request, reason] of [
      [{ format: 'plover', scope: { ids: [id] } }, /plover exports every event of the library/],
      [{ format: 'acled', labels: ['event'] }, /acled exports every event/],
      [{ format: 'jsonl', spreadsheetSafe: true }, /spreadsheet-safe applies to CSV only/],
    ] as const) {
      expect(await b.dispatch('export/dialog', request)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(reason) } });
    }
    expect(asked).toBe(0);
    expect(await ok(b, 'export/dialog', { format: 'plover' })).toEqual({ job: null });
    expect(asked).toBe(1);
  });
});

describe('dispatch', () => {
  it('answers malformed input on every channel with a coded error and never throws', async () => {
    const b = await open();
    const junk: unknown[] = [null, 42, 'text', [], { id: {} }, { ids: 'x' }, { extra: true, id: 'a' }, { items: [{}] }, { annotation: 1 }];
    const { CHANNELS } = await import('../../../shared/ipc/channels');
    const { contract } = await import('../../../shared/ipc/contract');
    for (const channel of CHANNELS) {
      for (const input of junk) {
        // An absent argument is the empty object, which is valid where a channel takes no input.
        if (input === null && contract[channel].input.safeParse({}).success) continue;
        const envelope = await b.dispatch(channel, input);
        expect(envelope.ok, `${channel} ${JSON.stringify(input)}`).toBe(false);
        if (!envelope.ok) expect(['invalid_input', 'not_found']).toContain(envelope.error.code);
      }
    }
  });
});

describe('editing article metadata', () => {
  it('refuses a date, URL or language that is not in its stored form, with a coded error naming the field', async () => {
    const b = await open();
    const id = await importText(b, TEXT);
    for (const [meta, message] of [
      [{ publishedAt: '26/11/2024' }, /^published date: "26\/11\/2024" is not an ISO date: write it as YYYY, YYYY-MM or YYYY-MM-DD \(2024-11-26\?\)$/],
      [{ url: 'javascript:alert(1)' }, /^URL: "javascript:" links are not kept/],
      [{ language: 'not a language!!' }, /^language: "not a language!!" is not a language tag/],
    ] as const) {
      expect(await b.dispatch('articles/updateMeta', { id, meta })).toEqual({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(message) } });
    }
    const got = await ok<{ article: { publishedAt: string | null; url: string | null } }>(b, 'articles/get', { id });
    expect(got.article).toMatchObject({ publishedAt: null, url: null });
  });

  it('stores valid values in canonical form and empty ones as none', async () => {
    const b = await open();
    const id = await importText(b, TEXT);
    const saved = await ok(b, 'articles/updateMeta', { id, meta: { publishedAt: '2024-11', url: 'https://ledger.example/a', language: 'pt_br', source: 'Ledger' } });
    expect(saved).toMatchObject({ publishedAt: '2024-11', url: 'https://ledger.example/a', language: 'pt-BR', source: 'Ledger' });
    expect(await ok(b, 'articles/updateMeta', { id, meta: { publishedAt: '', url: ' ' } })).toMatchObject({ publishedAt: null, url: null, language: 'pt-BR' });
  });
});
