import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HIT_CLOSE, HIT_OPEN, type Label } from '../../../shared/model';
import type { ListInput } from '../../../shared/ipc/contract';
import { useTmpDir } from '../testing/tmp';
import { insertArticle } from './articles';
import { listArticles } from './list';
import { deleteAnnotation, insertAnnotation } from './annotations';
import { openStore, type Db } from './db';

const tmp = useTmpDir();
let db: Db | null = null;
afterEach(() => {
  db?.close();
  db = null;
});

interface Seed {
  title: string;
  source?: string;
  published?: string | null;
  text?: string;
  labels?: Label[];
}

/** Articles imported in the order given (a second apart), with one annotation per label listed. */
function seed(articles: Seed[]): Db {
  const store = openStore(join(tmp(), 'list.db'));
  articles.forEach((a, i) => {
    const text = a.text ?? `${a.title} body text.`;
    const article = insertArticle(
      store,
      { title: a.title, source: a.source ?? null, url: null, author: null, publishedAt: a.published ?? null, language: null, text },
      { importedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString() },
    );
    for (const label of a.labels ?? []) insertAnnotation(store, { articleId: article.id, label, start: 0, end: 4, quote: text.slice(0, 4) });
  });
  return store;
}

const list = (store: Db, input: Partial<ListInput> = {}) =>
  listArticles(store, { sort: 'imported', descending: true, limit: 50, offset: 0, ...input } as Parameters<typeof listArticles>[1]);
const titles = (store: Db, input: Partial<ListInput> = {}) => list(store, input).items.map((i) => i.title);

const LIBRARY: Seed[] = [
  { title: 'Bravo', source: 'Ledger', published: '2024-11-26', labels: ['event', 'claim'] },
  { title: 'alpha', source: 'Wire', published: null },
  { title: 'Charlie', source: 'Ledger', published: '2024-02', labels: ['figure'] },
  { title: 'Delta', source: 'Wire', published: '2023-05-01T10:00:00Z', labels: ['event', 'event', 'actor'] },
  { title: 'echo', published: '2024' },
];

describe('listArticles: sorting', () => {
  it('by imported date, newest first or oldest first', () => {
    db = seed(LIBRARY);
    expect(titles(db)).toEqual(['echo', 'Delta', 'Charlie', 'alpha', 'Bravo']);
    expect(titles(db, { descending: false })).toEqual(['Bravo', 'alpha', 'Charlie', 'Delta', 'echo']);
  });

  it('by published date with undated articles last in both directions, partial dates in their place', () => {
    db = seed(LIBRARY);
    expect(titles(db, { sort: 'published' })).toEqual(['Bravo', 'Charlie', 'echo', 'Delta', 'alpha']);
    expect(titles(db, { sort: 'published', descending: false })).toEqual(['Delta', 'echo', 'Charlie', 'Bravo', 'alpha']);
  });

  it('by title, ignoring case', () => {
    db = seed(LIBRARY);
    expect(titles(db, { sort: 'title', descending: false })).toEqual(['alpha', 'Bravo', 'Charlie', 'Delta', 'echo']);
    expect(titles(db, { sort: 'title' })).toEqual(['echo', 'Delta', 'Charlie', 'Bravo', 'alpha']);
  });

  it('by annotation count, ties in import order', () => {
    db = seed(LIBRARY);
    expect(titles(db, { sort: 'annotations' })).toEqual(['Delta', 'Bravo', 'Charlie', 'echo', 'alpha']);
    expect(titles(db, { sort: 'annotations', descending: false })).toEqual(['alpha', 'echo', 'Charlie', 'Bravo', 'Delta']);
  });

  it('pages through a sort without repeating or losing an article, equal keys included', () => {
    db = seed(Array.from({ length: 23 }, (_, i) => ({ title: `T${i % 3}`, text: `Article ${i}.`, published: i % 4 === 0 ? null : `2024-0${1 + (i % 3)}`, labels: i % 2 ? (['event'] as Label[]) : [] })));
    for (const sort of ['imported', 'published', 'title', 'annotations'] as const) {
      for (const descending of [true, false]) {
        const whole = list(db, { sort, descending }).items.map((i) => i.id);
        const paged = [0, 5, 10, 15, 20].flatMap((offset) => list(db as Db, { sort, descending, limit: 5, offset }).items.map((i) => i.id));
        expect(paged, `${sort} ${descending ? 'desc' : 'asc'}`).toEqual(whole);
        expect(new Set(whole).size).toBe(23);
      }
    }
  });
});

describe('listArticles: filters and totals', () => {
  it('filter by label present, not yet annotated, source and published range, alone and together', () => {
    db = seed(LIBRARY);
    expect(list(db, { label: 'event' })).toMatchObject({ total: 2, items: [{ title: 'Delta' }, { title: 'Bravo' }] });
    expect(titles(db, { label: 'figure' })).toEqual(['Charlie']);
    expect(list(db, { unannotated: true })).toMatchObject({ total: 2, items: [{ title: 'echo' }, { title: 'alpha' }] });
    expect(titles(db, { source: 'Ledger' })).toEqual(['Charlie', 'Bravo']);
    expect(titles(db, { publishedFrom: '2024', publishedTo: '2024-12-31' })).toEqual(['echo', 'Charlie', 'Bravo']);
    expect(titles(db, { publishedFrom: '2024-03-01' })).toEqual(['Bravo']);
    // "to 2024-02" takes in all of February (and a date known only to its year).
    expect(titles(db, { publishedTo: '2024-02' })).toEqual(['echo', 'Delta', 'Charlie']);
    expect(list(db, { source: 'Ledger', label: 'event', sort: 'annotations' })).toMatchObject({ total: 1, items: [{ title: 'Bravo' }] });
    expect(list(db, { source: 'Wire', unannotated: true })).toMatchObject({ total: 1, items: [{ title: 'alpha' }] });
  });

  it('give each article its counts per label', () => {
    db = seed(LIBRARY);
    expect(list(db, { source: 'Wire' }).items.map((i) => [i.title, i.counts])).toEqual([
      ['Delta', { event: 2, claim: 0, actor: 1, figure: 0 }],
      ['alpha', { event: 0, claim: 0, actor: 0, figure: 0 }],
    ]);
  });

  it('count again once the library changed, and only then', () => {
    db = seed(LIBRARY);
    expect(list(db, { unannotated: true }).total).toBe(2);
    const echo = list(db, { unannotated: true }).items[0]?.id as string;
    const added = insertAnnotation(db, { articleId: echo, label: 'claim', start: 0, end: 4, quote: 'echo' });
    expect(list(db, { unannotated: true }).total).toBe(1);
    deleteAnnotation(db, added.id);
    expect(list(db, { unannotated: true }).total).toBe(2);
    insertArticle(db, { title: 'Foxtrot', source: null, url: null, author: null, publishedAt: null, language: null, text: 'Foxtrot text.' });
    expect(list(db).total).toBe(6);
  });
});

describe('listArticles: search', () => {
  it('ranks matches and gives each a snippet with the hit marked', () => {
    db = seed([
      { title: 'Harbour', text: 'The harbour closed. Ships waited outside the harbour for a day.' },
      { title: 'Bridge', text: 'The bridge reopened; the harbour stayed shut.' },
      { title: 'Other', text: 'Nothing about ports.' },
    ]);
    const result = list(db, { query: 'harbour', sort: 'relevance' });
    expect(result.total).toBe(2);
    expect(result.items.map((i) => i.title)).toEqual(['Harbour', 'Bridge']);
    expect(result.items[0]?.snippet).toContain(`${HIT_OPEN}harbour${HIT_CLOSE}`);
    expect(titles(db, { query: '"stayed shut"' })).toEqual(['Bridge']);
    expect(titles(db, { query: 'harb*', sort: 'title', descending: false })).toEqual(['Bridge', 'Harbour']);
    expect(list(db, { query: '"' })).toEqual({ total: 0, capped: false, items: [] });
  });

  it('finds a word inside a Chinese, Japanese or Thai sentence, with a snippet in the text as written', () => {
    db = seed([
      { title: '中文', text: '乌克兰空军表示，俄罗斯无人机被击落。' },
      { title: '日本語', text: '日本の防衛省はドローンを撃墜したと発表した。' },
      { title: 'ไทย', text: 'กองทัพอากาศยูเครนกล่าวว่าโดรนถูกยิงตก' },
      { title: 'English', text: 'Drones were shot down.' },
    ]);
    expect(titles(db, { query: '无人机' })).toEqual(['中文']);
    expect(titles(db, { query: '击落' })).toEqual(['中文']);
    expect(titles(db, { query: 'ドローン' })).toEqual(['日本語']);
    expect(titles(db, { query: 'โดรน' })).toEqual(['ไทย']);
    expect(titles(db, { query: '撃' })).toEqual(['日本語']);
    const hit = list(db, { query: '无人机' }).items[0];
    expect(hit?.snippet).toBe(`乌克兰空军表示，俄罗斯${HIT_OPEN}无人机${HIT_CLOSE}被击落。`);
  });
});
