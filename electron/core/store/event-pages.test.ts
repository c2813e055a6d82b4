import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventsQuery } from '../../../shared/ipc/events';
import { useTmpDir } from '../testing/tmp';
import { eventLibrary } from '../testing/event-library';
import type { Db } from './db';
import { eventPage } from './event-pages';
import { eventFilters, listEvents } from './events';

const tmp = useTmpDir();
let db: Db | null = null;
afterEach(() => {
  db?.close();
  db = null;
});

/**
 * The order the table has always had, written straight over annotations and articles with
 * OFFSET paging: what every keyset page must give, row for row.
 */
const REFERENCE_ORDER: Record<NonNullable<EventsQuery['sort']>, (dir: string) => string> = {
  date: (d) => `json_extract(n.attrs, '$.date') ${d}`,
  type: (d) => `json_extract(n.attrs, '$.type') ${d}, json_extract(n.attrs, '$.date') ${d}`,
  location: (d) => `json_extract(n.attrs, '$.location') ${d}`,
  source: (d) => `a.source ${d}`,
  article: (d) => `a.title ${d}`,
};

function reference(d: Db, query: EventsQuery): string[] {
  const { where, params } = eventFilters(query);
  const dir = query.descending === false ? 'ASC' : 'DESC';
  return d
    .prepare(`SELECT n.id FROM annotations n JOIN articles a ON a.id = n.article_id WHERE ${where.join(' AND ')} ORDER BY ${REFERENCE_ORDER[query.sort ?? 'date'](dir)}, n.rowid ${dir}`)
    .pluck()
    .all(params) as string[];
}

const build = (events: number): Db => eventLibrary(join(tmp(), 'library.db'), events);

const QUERIES: EventsQuery[] = [
  {},
  { type: 'Battles' },
  { source: 'Вісті Острівки' },
  { dateFrom: '2024-06-10' },
  { dateTo: '2024-06-15' },
  { dateFrom: '2024-06-01', dateTo: '2024-08-31' },
  { actor: 'russia' },
  { type: 'Protests', source: 'Harbour Wire' },
];

/** The whole list read a page at a time: forwards, backwards from the end, and in a scattered order. */
function pagesOf(d: Db, query: EventsQuery, limit: number, total: number, order: 'forward' | 'backward' | 'scattered'): string[] {
  const offsets = Array.from({ length: Math.ceil(total / limit) }, (_, i) => i * limit);
  const visit = order === 'forward' ? offsets : order === 'backward' ? [...offsets].reverse() : offsets.map((_, i) => offsets[(i * 7) % offsets.length] as number);
  const got = new Map<number, string[]>();
  for (const offset of visit) {
    const page = eventPage(d, { ...query, offset, limit });
    expect(page.total).toBe(total);
    got.set(offset, page.ids);
  }
  return offsets.flatMap((o) => got.get(o) ?? []);
}

describe('the Events table by keyset', () => {
  it('gives every sort and filter row for row as the OFFSET order did, across page boundaries and ties, read in any order', () => {
    db = build(1_400);
    for (const sort of ['date', 'type', 'location', 'source', 'article'] as const) {
      for (const descending of [true, false]) {
        for (const filter of QUERIES) {
          const query = { ...filter, sort, descending };
          const want = reference(db, query);
          expect(want.length).toBeGreaterThan(0);
          expect(eventPage(db, { ...query, offset: 0, limit: 1 }).total).toBe(want.length);
          for (const [limit, order] of [[37, 'forward'], [100, 'backward'], [23, 'scattered']] as const) {
            expect(pagesOf(db, query, limit, want.length, order), `${JSON.stringify(query)} by ${limit} ${order}`).toEqual(want);
          }
        }
      }
    }
  });

  it('a page far from any row read before seeks from an anchor and still matches', () => {
    db = build(2_400);
    const want = reference(db, { sort: 'type', descending: false });
    for (const offset of [1_207, 613, 1_999, 0, 2_350]) {
      expect(eventPage(db, { sort: 'type', descending: false, offset, limit: 50 }).ids).toEqual(want.slice(offset, offset + 50));
    }
    expect(eventPage(db, { offset: 2_400, limit: 50 })).toEqual({ total: 2_400, ids: [] });
  });

  it('follows every change of the library: an event retyped, deleted, orphaned, a merge copy, a source renamed', () => {
    db = build(300);
    const d = db;
    const check = () => {
      for (const query of [{ sort: 'date' as const }, { sort: 'source' as const, descending: false }, { sort: 'type' as const, type: 'Battles' }]) {
        const want = reference(d, query);
        expect(pagesOf(d, query, 40, want.length, 'scattered')).toEqual(want);
      }
    };
    check();
    d.prepare(`UPDATE annotations SET attrs = json_set(attrs, '$.type', 'Battles', '$.date', '2030-01-01') WHERE id IN ('e1', 'e2', 'e50')`).run();
    check();
    d.prepare(`DELETE FROM annotations WHERE id IN ('e3', 'e4')`).run();
    d.prepare(`UPDATE annotations SET status = 'orphaned' WHERE id = 'e5'`).run();
    d.prepare(`INSERT INTO annotations (id, article_id, label, start, "end", quote, attrs, conflict_of, created_at, updated_at) VALUES ('copy', 'a0', 'event', 0, 7, 'struck', '{"type":"Battles"}', 'e0', 'x', 'x')`).run();
    check();
    d.prepare(`UPDATE articles SET source = 'Aardvark Post', title = 'Zulu' WHERE id = 'a7'`).run();
    check();
    d.prepare(`DELETE FROM articles WHERE id = 'a8'`).run();
    check();
    const renamed = listEvents(d, { source: 'Aardvark Post' });
    expect(renamed.total).toBe(4);
    expect(renamed.items.map((r) => [r.source, r.articleTitle])).toEqual(Array.from({ length: 4 }, () => ['Aardvark Post', 'Zulu']));
  });

  it('filters by actor folding every script: Ukrainian and Russian names in any case and without their ё, Latin ones in any case', () => {
    db = build(40);
    const total = (actor: string) => eventPage(db as Db, { actor, limit: 1 }).total;
    expect(total('росія')).toBe(10);
    expect(total('Росія')).toBe(10);
    expect(total('УКРАЇНА')).toBe(10);
    expect(total('україна')).toBe(10);
    expect(total('RUSSIA')).toBe(10);
    expect(total('вооруженные СИЛЫ')).toBe(10);
    expect(total('nobody')).toBe(0);
    // The Timeline's and Network's filter over annotations folds the same way.
    expect(reference(db, { actor: 'росія' })).toHaveLength(10);
  });
});
