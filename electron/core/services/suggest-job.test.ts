import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertAnnotation } from '../store/annotations';
import { insertArticle, getArticle } from '../store/articles';
import { openStore, type Db } from '../store/db';
import { getStoredEntity, updateEntity } from '../store/entities';
import { useTmpDir } from '../testing/tmp';
import { correctText } from './correct';
import { createEntity, deleteEntities, mergeEntities } from './entities';
import { suggestLibrary } from './suggest-job';
import { acceptSuggestions, loadRegistry, proposalsFor, rejectSuggestions, suggestFor, type Proposal } from './suggestions';

const tmp = useTmpDir();

/** A small deterministic generator, so a failing round can be run again as it was. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    s ^= s >>> 13;
    return (s >>> 0) / 2 ** 32;
  };
}

// Names in several scripts and spellings the fold treats as one (case, marks, ß, full width).
const NAMES = [
  'Zelensky', 'Zelenskyy', 'ZELENSKY', 'Зеленський', 'Зеленськии', 'Erdoğan', 'ERDOGAN', 'Russia', 'Russian', 'Росія', 'Kyiv', 'Київ',
  'New York', 'New York Times', 'York', 'Strauß', 'Strauss', 'Ｋｙｉｖ', 'Ankara', 'Анкара', 'Jean-Pierre', 'Müller', 'Muller', 'Ёлкин', 'Елкин',
  '习近平', '北京', '近平',
];
const WORDS = ['the', 'said', 'talks', 'on', 'Monday', 'officials', 'report', 'drones', 'and', 'met', 'in', 'after', 'заявив', 'що', 'мовчали', "Russia's", 'Times', '习近平在北京说', '北京时间'];

function sentence(r: () => number, length: number): string {
  const out: string[] = [];
  for (let i = 0; i < length; i++) out.push(r() < 0.35 ? (NAMES[Math.floor(r() * NAMES.length)] as string) : (WORDS[Math.floor(r() * WORDS.length)] as string));
  return `${out.join(' ')}.`;
}

const draft = (title: string, text: string) => ({ title, source: 'test', url: null, author: null, publishedAt: null, language: null, text });
const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;

/** Every article's proposals by a fresh scan of each (no stored scan read), keyed by article. */
function fullScan(db: Db): Map<string, Proposal[]> {
  const registry = loadRegistry(db);
  const out = new Map<string, Proposal[]>();
  for (const id of db.prepare('SELECT id FROM articles ORDER BY rowid').pluck().all() as string[]) {
    const found = proposalsFor(db, id, registry);
    if (found.length > 0) out.set(id, found);
  }
  return out;
}

async function libraryPass(db: Db, signal?: AbortSignal): Promise<{ byArticle: Map<string, Proposal[]>; summary: Awaited<ReturnType<typeof suggestLibrary>> }> {
  const byArticle = new Map<string, Proposal[]>();
  const summary = await suggestLibrary(db, { author: 'tester', signal, onArticle: (a, found) => byArticle.set(a.id, [...found]) });
  return { byArticle, summary };
}

describe('library-wide suggestions from stored scans', () => {
  it.each([12, 7, 2026])('finds exactly what a full scan finds after random edits to the registry, the texts, the annotations and the library (seed %i)', async (seed) => {
    const db = openStore(join(tmp(), 'lib.db'));
    const r = rng(seed);
    for (let i = 0; i < 60; i++) insertArticle(db, draft(`a${i}`, `${sentence(r, 12)} ${sentence(r, 8)}`));
    const entities: string[] = [];
    const used = new Set<string>();
    const freshName = () => {
      for (;;) {
        const n = r() < 0.6 ? pick(r, NAMES) : `${pick(r, NAMES)} ${pick(r, NAMES)}`;
        if (!used.has(n)) return n;
      }
    };
    const addEntity = () => {
      const name = freshName();
      try {
        entities.push(createEntity(db, { kind: r() < 0.8 ? 'actor' : 'place', name, aliases: r() < 0.5 ? [freshName()] : [], author: 'tester' }).id);
        used.add(name);
      } catch {
        // Two names folding to one key: refused, as the registry refuses duplicate aliases.
      }
    };
    for (let i = 0; i < 8; i++) addEntity();

    const edits: (() => void)[] = [
      addEntity,
      () => {
        const id = pick(r, entities);
        const e = getStoredEntity(db, id);
        if (e && !e.mergedInto && e.aliases.length > 0) updateEntity(db, id, { aliases: e.aliases.slice(1) });
      },
      () => {
        const id = pick(r, entities);
        const e = getStoredEntity(db, id);
        if (!e || e.mergedInto) return;
        try {
          updateEntity(db, id, { aliases: [...e.aliases, freshName()] });
        } catch {
          // A duplicate key: refused.
        }
      },
      () => {
        const id = pick(r, entities);
        const e = getStoredEntity(db, id);
        if (e && !e.mergedInto) updateEntity(db, id, { name: `${e.name} ${pick(r, WORDS)}`, aliases: [...e.aliases, e.name] });
      },
      () => {
        const [a, b] = [pick(r, entities), pick(r, entities)];
        const ea = getStoredEntity(db, a);
        const eb = getStoredEntity(db, b);
        if (ea && eb && a !== b && !ea.mergedInto && !eb.mergedInto && ea.kind === eb.kind) mergeEntities(db, a, b);
      },
      () => {
        const id = pick(r, entities);
        const e = getStoredEntity(db, id);
        if (e && !e.mergedInto) deleteEntities(db, [id]);
      },
      () => {
        const id = pick(r, db.prepare('SELECT id FROM articles').pluck().all() as string[]);
        const text = (getArticle(db, id) as { text: string }).text;
        correctText(db, id, r() < 0.5 ? `${text} ${sentence(r, 6)}` : text.replace(/\S+/, pick(r, NAMES)), undefined);
      },
      () => void insertArticle(db, draft(`new ${r()}`, sentence(r, 15))),
      () => {
        const id = pick(r, db.prepare('SELECT id FROM articles').pluck().all() as string[]);
        const s = suggestFor(db, id, loadRegistry(db));
        const one = s.length > 0 ? pick(r, s) : null;
        if (!one) return;
        if (r() < 0.5) rejectSuggestions(db, id, [one.id], 'tester');
        else acceptSuggestions(db, id, [one.id], 'tester');
      },
      () => {
        const id = pick(r, db.prepare('SELECT id FROM articles').pluck().all() as string[]);
        const text = (getArticle(db, id) as { text: string }).text;
        const at = text.indexOf(' ') + 1;
        const end = text.indexOf(' ', at);
        if (at > 0 && end > at) insertAnnotation(db, { articleId: id, label: r() < 0.7 ? 'actor' : 'event', start: at, end, quote: text.slice(at, end) });
      },
    ];

    const first = await libraryPass(db);
    expect(first.byArticle).toEqual(fullScan(db));
    expect(first.summary.suggestions).toBeGreaterThan(0);
    for (let round = 0; round < 25; round++) {
      const n = 1 + Math.floor(r() * 4);
      for (let k = 0; k < n; k++) pick(r, edits)();
      // Now and then a pass is cancelled halfway: what it stored must not mislead the next one.
      if (round % 7 === 3) {
        const stop = new AbortController();
        const partial = suggestLibrary(db, { author: 'tester', onProgress: (done) => done >= 50 && stop.abort(), signal: stop.signal });
        expect((await partial).cancelled).toBe(true);
        pick(r, edits)();
      }
      const pass = await libraryPass(db);
      const expected = fullScan(db);
      expect(pass.byArticle, `round ${round}`).toEqual(expected);
      expect(pass.summary.suggestions).toBe([...expected.values()].reduce((s, l) => s + l.length, 0));
      expect(pass.summary.byArticle.map((a) => [a.articleId, a.suggestions]).sort()).toEqual([...expected].map(([id, l]) => [id, l.length]).sort());
      // The pass that only counts (the app's job) counts the same.
      const counted = await suggestLibrary(db, { author: 'tester' });
      expect(counted.suggestions).toBe(pass.summary.suggestions);
    }
    db.close();
  });

  it('uses an article\'s stored scan while nothing it depends on changed, and scans it again when something did', async () => {
    const db = openStore(join(tmp(), 'lib.db'));
    const a = insertArticle(db, draft('a', 'Zelensky met Erdoğan in Kyiv.'));
    const b = insertArticle(db, draft('b', 'Ankara said nothing.'));
    createEntity(db, { kind: 'actor', name: 'Zelensky', author: 'tester' });
    expect((await suggestLibrary(db, { author: 'tester' })).suggestions).toBe(1);
    // A stored scan altered behind the pass's back is what the next pass reports: it was not scanned again.
    db.prepare('UPDATE suggestion_scans SET count = 7 WHERE article_id = ?').run(a.id);
    expect((await suggestLibrary(db, { author: 'tester' })).suggestions).toBe(7);
    // A name only the other article holds leaves this one's stored scan alone...
    createEntity(db, { kind: 'place', name: 'Ankara', author: 'tester' });
    expect((await suggestLibrary(db, { author: 'tester' })).suggestions).toBe(7);
    // ...one it holds has it scanned again.
    createEntity(db, { kind: 'actor', name: 'Erdogan', author: 'tester' });
    expect((await suggestLibrary(db, { author: 'tester' })).byArticle).toEqual([{ articleId: a.id, title: 'a', suggestions: 2 }]);
    // An annotation in it too.
    db.prepare('UPDATE suggestion_scans SET count = 7 WHERE article_id = ?').run(a.id);
    insertAnnotation(db, { articleId: a.id, label: 'claim', start: 0, end: 8, quote: 'Zelensky' });
    expect((await suggestLibrary(db, { author: 'tester' })).suggestions).toBe(2);
    expect(b.id).not.toBe(a.id);
    db.close();
  });
});
