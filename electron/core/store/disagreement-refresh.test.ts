import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../testing/tmp';
import { insertArticle } from './articles';
import { deleteAnnotation, insertAnnotation, updateAnnotation } from './annotations';
import { openStore, type Db } from './db';
import { disagreementId, keyOfId, markAllDirty, refreshDisagreements } from './disagreement-refresh';
import { assignIncident, ensureIncident } from './incidents';
import { insertRoles } from './roles';

const tmp = useTmpDir();

const COUNTS = ['killed', 'Killed ', 'injured', 'intercepted', ''];
const UNITS = ['drone', 'Drone', 'person', ''];
const QUALIFIERS = ['exact', 'approximate', 'at least', 'at most', null];

/** A seeded generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function figureAttrs(rand: () => number): Record<string, string | number | null> {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const value = 60 + Math.floor(rand() * 25);
  const attrs: Record<string, string | number | null> = { counts: pick(COUNTS), unit: pick(UNITS), qualifier: pick(QUALIFIERS) };
  if (rand() < 0.15) Object.assign(attrs, { min: value, max: value + Math.floor(rand() * 10) });
  else attrs.value = rand() < 0.05 ? 'many' : value;
  return attrs;
}

interface Library {
  db: Db;
  articles: { id: string; eventId: string }[];
  figures: { id: string; articleId: string; eventId: string }[];
  incidents: string[];
}

function build(file: string, seed: number): Library {
  const db = openStore(file);
  const rand = rng(seed);
  const lib: Library = { db, articles: [], figures: [], incidents: [] };
  for (let i = 0; i < 24; i++) {
    const text = `Air defence shot down 62 drones overnight, the ministry said (report ${i}).`;
    const article = insertArticle(db, { title: `Report ${i}`, source: `Wire ${i % 4}`, url: null, author: null, publishedAt: '2024-11-26', language: 'en', text });
    const event = insertAnnotation(db, { articleId: article.id, label: 'event', start: 0, end: 11, quote: 'Air defence', attrs: {} });
    lib.articles.push({ id: article.id, eventId: event.id });
    const figures = 2 + Math.floor(rand() * 5);
    for (let k = 0; k < figures; k++) {
      const f = insertAnnotation(db, { articleId: article.id, label: 'figure', start: 22, end: 31, quote: '62 drones', attrs: figureAttrs(rand) });
      lib.figures.push({ id: f.id, articleId: article.id, eventId: event.id });
      if (rand() < 0.8) insertRoles(db, event.id, article.id, [{ role: 'figure', spanId: f.id }]);
    }
    if (i % 3 === 0) lib.incidents.push(ensureIncident(db, undefined));
    if (rand() < 0.9) assignIncident(db, event.id, article.id, lib.incidents[lib.incidents.length - 1] as string);
  }
  return lib;
}

const snapshot = (db: Db) => db.prepare('SELECT id, scope, scope_id, counts, unit, kind, span_ids FROM figure_disagreements ORDER BY id').all();

class Rollback extends Error {}

/** What a recomputation of everything from nothing gives (in pages of five scopes), the library left as it was. */
function fromScratch(db: Db): unknown[] {
  let all: unknown[] = [];
  try {
    db.transaction(() => {
      db.prepare('DELETE FROM figure_disagreements').run();
      markAllDirty(db);
      refreshDisagreements(db, { pageSize: 5 });
      all = snapshot(db);
      throw new Rollback();
    })();
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  return all;
}

describe('refreshDisagreements', () => {
  it('gives after each one-figure change what a recomputation from nothing gives, recomputing only the scopes the change touched', () => {
    const lib = build(join(tmp(), 'lib.db'), 7);
    const { db } = lib;
    refreshDisagreements(db);
    const first = snapshot(db);
    expect(first.length).toBeGreaterThan(10);
    expect(first).toEqual(fromScratch(db));
    const rand = rng(11);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
    for (let step = 0; step < 60; step++) {
      const f = pick(lib.figures);
      const what = step % 6;
      if (what === 5 && lib.figures.length > 40) {
        deleteAnnotation(db, f.id);
        lib.figures.splice(lib.figures.indexOf(f), 1);
      } else if (what === 4) {
        const a = pick(lib.articles);
        const added = insertAnnotation(db, { articleId: a.id, label: 'figure', start: 22, end: 31, quote: '62 drones', attrs: figureAttrs(rand) });
        insertRoles(db, a.eventId, a.id, [{ role: 'figure', spanId: added.id }]);
        lib.figures.push({ id: added.id, articleId: a.id, eventId: a.eventId });
      } else if (what === 3) {
        const a = pick(lib.articles);
        assignIncident(db, a.eventId, a.id, rand() < 0.2 ? null : pick(lib.incidents));
      } else {
        updateAnnotation(db, f.id, { attrs: figureAttrs(rand) });
      }
      const done = refreshDisagreements(db);
      expect(done.articles).toBeLessThanOrEqual(1);
      expect(done.incidents).toBeLessThanOrEqual(2);
      expect(snapshot(db)).toEqual(fromScratch(db));
    }
    expect(snapshot(db)).not.toEqual(first);
    db.close();
  });

  it('reads counts and units as the analyst means them: case and surrounding spaces aside', () => {
    const db = openStore(join(tmp(), 'words.db'));
    const text = 'Officials said 62 were killed; others said 76.';
    const article = insertArticle(db, { title: 'Words', source: 'Wire', url: null, author: null, publishedAt: null, language: 'en', text });
    for (const [value, counts, unit] of [[62, 'Killed ', 'Person'], [76, 'killed', 'person']] as const) {
      insertAnnotation(db, { articleId: article.id, label: 'figure', start: 15, end: 17, quote: String(value), attrs: { value, counts, unit, qualifier: 'exact' } });
    }
    refreshDisagreements(db);
    expect(snapshot(db)).toMatchObject([{ id: disagreementId('article', article.id, 'killed', 'person'), scope: 'article', counts: 'killed', unit: 'person', kind: 'conflict' }]);
    db.close();
  });

  it('gives ids that sort as their keys do, the same ids migration 0014 computes in SQL', () => {
    const db = openStore(':memory:');
    const keys: [('article' | 'incident'), string, string, string][] = [
      ['article', 'a1', 'killed', 'drone'],
      ['article', 'a1', 'killed', 'drones'],
      ['article', 'a10', 'injured', ''],
      ['article', 'a1', 'injured', 'дрон'],
      ['incident', 'a1', 'killed', 'drone'],
    ];
    const sql = db.prepare(`SELECT 'fd-' || lower(hex(? || char(0) || ? || char(0) || ? || char(0) || ?))`).pluck();
    for (const k of keys) {
      expect(disagreementId(...k)).toBe(sql.get(...k));
      expect(keyOfId(disagreementId(...k))).toEqual({ scope: k[0], scopeId: k[1], counts: k[2], unit: k[3] });
    }
    for (const bad of ['fd-', 'fd-zz', 'x', `fd-${Buffer.from('article\u0000a1').toString('hex')}`]) expect(keyOfId(bad)).toBeNull();
    const byKey = db.prepare('SELECT value FROM json_each(?) ORDER BY value ->> 0, value ->> 1, value ->> 2, value ->> 3').pluck().all(JSON.stringify(keys)) as string[];
    const byId = [...keys].sort((a, b) => (disagreementId(...a) < disagreementId(...b) ? -1 : 1));
    expect(byId.map((k) => JSON.stringify(k))).toEqual(byKey);
    db.close();
  });
});
