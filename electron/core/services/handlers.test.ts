import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/model';
import { useTmpDir } from '../testing/tmp';
import { startBackend, type Backend } from './app';
import { quietPlatform } from '../testing/platform';

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

async function ok<T>(b: Backend, channel: string, input: unknown): Promise<T> {
  const envelope = await b.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value as T;
}

async function importText(b: Backend, content: string): Promise<string> {
  const job = await ok<{ id: string }>(b, 'import/texts', { items: [{ name: 'a.txt', content }] });
  for (;;) {
    const current = await ok<{ state: string; report: { outcomes: { articleIds: string[] }[] } | null }>(b, 'jobs/get', { id: job.id });
    if (current.state !== 'running') return current.report?.outcomes[0]?.articleIds[0] as string;
    await new Promise((r) => setTimeout(r, 5));
  }
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
    expect(back.annotations.map((a) => [a.id, a.start, a.end, a.status, a.quote]).sort()).toEqual(
      [kept!, lost!].map((a) => [a.id, a.start, a.end, 'ok', a.quote]).sort(),
    );
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
