import { join } from 'node:path';
import { nameKey } from '../../shared/fold';
import { suggestLibrary } from '../../electron/core/services/suggest-job';
import { openStore, type Db } from '../../electron/core/store/db';
import { getStoredEntity, insertEntity, updateEntity } from '../../electron/core/store/entities';
import { searchEntities } from '../../electron/core/store/entity-search';
import { changedKeysSince, registryVersion, scanState } from '../../electron/core/store/suggestion-scans';
import { touchedBy } from '../../electron/core/services/suggest-scan';
import type { Config } from '../lib/config';
import { generateArticle } from '../lib/corpus';
import { rawInserts } from '../lib/raw-rows';
import { emit, median, note, percentile } from '../lib/report';
import { rngFor } from '../lib/rng';
import { vocabulary, type Language } from '../lib/vocab';

/**
 * The actor and place registry, in one process on one store:
 * - type-ahead (`entities/search`) over 10,000 entities with two aliases each, queries being
 *   prefixes of 1 to 6 characters of their names; p95 against an exact-name lookup of the same
 *   names' keys in the same run (the primary-key probe the type-ahead's range scan extends);
 * - library-wide suggestions over 100,000 articles with those 10,000 entities, against a plain
 *   FTS5 phrase lookup of every name and alias over the same articles, timed in the same run.
 *   The registry pass reads every article and checks word boundaries, folds and overlaps; the
 *   lookup only finds which articles hold each name. The target is at least half its speed.
 *   Two passes: the first over a library never scanned (every article read and scanned, its scan
 *   stored), then one after a day's work: 1% of the articles corrected, 1% more imported, 100
 *   entities added and 100 aliases removed; that one against the lookup of the names then.
 */
const LANGUAGES: Language[] = ['en', 'ru', 'uk', 'fr'];

function registryNames(count: number): string[][] {
  const rng = rngFor('spanwise-registry-bench', 'names');
  const seen = new Set<string>();
  const out: string[][] = [];
  for (let attempt = 0; out.length < count && attempt < count * 50; attempt++) {
    const v = vocabulary(LANGUAGES[attempt % LANGUAGES.length] as Language);
    // Mostly the corpus's own names (so they are found), some with a content word for variety.
    const name = rng() < 0.7 ? v.name(rng) : `${v.name(rng)} ${v.content(rng)}`;
    const aliases = [v.name(rng), `${v.content(rng)} ${v.name(rng)}`];
    const names = [name, ...aliases].filter((n) => {
      const k = nameKey(n);
      if (k === '' || seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    if (names[0] === name) out.push(names);
  }
  return out;
}

function makeStore(file: string, articles: number, names: string[][]): Db {
  const db = openStore(file);
  const insert = rawInserts(db);
  const at = new Date('2025-01-01T00:00:00Z').toISOString();
  db.transaction(() => {
    for (let i = 0; i < articles; i++) {
      const a = generateArticle('spanwise-registry-bench', i);
      insert.article.run({ ...a, published_at: a.publishedAt, text_hash: `h${i}`, at });
    }
    names.forEach(([name, ...aliases], i) => insertEntity(db, { kind: i % 5 === 4 ? 'place' : 'actor', name: name as string, aliases, author: 'bench' }));
  })();
  return db;
}

function typeAhead(db: Db, names: string[][], samples: number): { value: number; baseline: number; p50: number } {
  const rng = rngFor('spanwise-registry-bench', 'queries');
  const queries = Array.from({ length: samples }, () => {
    const all = names[Math.floor(rng() * names.length)] as string[];
    const n = all[Math.floor(rng() * all.length)] as string;
    return n.slice(0, 1 + Math.floor(rng() * Math.min(6, n.length)));
  });
  const exact = db.prepare('SELECT entity_id FROM entity_names WHERE kind = ? AND key = ?');
  const keys = queries.map((q) => nameKey(q));
  // Warm both paths first, so neither pays for the first page reads.
  for (const q of queries.slice(0, 50)) searchEntities(db, { query: q, limit: 20 });
  for (const k of keys.slice(0, 50)) exact.get('actor', k);
  const search: number[] = [];
  const lookup: number[] = [];
  for (const [i, q] of queries.entries()) {
    let t0 = performance.now();
    searchEntities(db, { query: q, limit: 20 });
    search.push(performance.now() - t0);
    t0 = performance.now();
    exact.get('actor', keys[i]);
    lookup.push(performance.now() - t0);
  }
  return { value: percentile(search, 95), baseline: percentile(lookup, 95), p50: median(search) };
}

const ADDED = 100;

/**
 * A day's work between two passes: 1% of the articles corrected (a sentence added), 1% more
 * imported, the held-back entities added and one alias taken off as many others. Returns the
 * registry's names after it.
 */
function dayOfWork(db: Db, names: string[][], added: string[][], articles: number): string[][] {
  const insert = rawInserts(db);
  const at = new Date('2025-01-02T00:00:00Z').toISOString();
  const extra = Math.ceil(articles / 100);
  const now = names.map((n) => [...n]);
  const byName = new Map(names.map((n, i) => [n[0] as string, i]));
  db.transaction(() => {
    const correct = db.prepare("UPDATE articles SET text = text || ' ' || ?, updated_at = ? WHERE rowid = ?");
    for (let i = 0; i < extra; i++) correct.run(generateArticle('spanwise-registry-bench', articles + extra + i).text.slice(0, 300), at, 1 + i * 100);
    for (let i = 0; i < extra; i++) {
      const a = generateArticle('spanwise-registry-bench', articles + i);
      insert.article.run({ ...a, published_at: a.publishedAt, text_hash: `h${articles + i}`, at });
    }
    added.forEach(([name, ...aliases], i) => insertEntity(db, { kind: i % 5 === 4 ? 'place' : 'actor', name: name as string, aliases, author: 'bench' }));
    // Every hundredth entity, from across the registry (the first ones hold its most frequent names).
    const ids = db.prepare('SELECT id FROM entities ORDER BY rowid').all().filter((_e, i) => i % Math.floor(names.length / ADDED) === 0).slice(0, ADDED) as { id: string }[];
    for (const { id } of ids) {
      const e = getStoredEntity(db, id);
      if (!e || e.aliases.length === 0) continue;
      updateEntity(db, id, { aliases: e.aliases.slice(1) });
      const i = byName.get(e.name);
      if (i !== undefined) now[i] = [e.name, ...e.aliases.slice(1)];
    }
  })();
  return [...now, ...added];
}

/** A phrase query per name and alias, as FTS5 spells one: each word quoted, so nothing is an operator. */
function ftsPhrase(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export async function registrySuite(cfg: Config): Promise<void> {
  await registryRun(cfg, { entities: cfg.quick ? 1_000 : 10_000, articles: cfg.quick ? 2_000 : 100_000, samples: cfg.quick ? 500 : 2_000 });
}

/** The suite at any size (bench/probes/registry-scale.ts runs it at others than the ladder's). */
export async function registryRun(cfg: Config, size: { entities: number; articles: number; samples: number }): Promise<void> {
  const { entities, articles } = size;
  const all = registryNames(entities + ADDED);
  const names = all.slice(0, entities);
  const added = all.slice(entities);
  note(`registry: ${names.length} entities, ${articles} articles`);
  const t0Build = performance.now();
  const db = makeStore(join(cfg.work, 'registry.db'), articles, names);
  note(`registry: store built in ${((performance.now() - t0Build) / 1000).toFixed(1)} s`);
  try {
    const t = typeAhead(db, names, size.samples);
    emit({
      suite: 'registry',
      figure: 'type-ahead-p95',
      scale: cfg.quick ? 'quick' : '1x',
      size: { entities: names.length },
      value: t.value,
      unit: 'ms',
      baseline: t.baseline,
      baselineIs: 'p95 of an exact-name primary-key lookup of the same queries',
      ratio: t.value / t.baseline,
      ...(cfg.quick ? {} : { target: 'value <= 8' }),
      extra: { p50: Math.round(t.p50 * 1000) / 1000 },
    });

    const fts = db.prepare('SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?').pluck();
    const lookup = (list: string[][]) => {
      const t0 = performance.now();
      let hits = 0;
      for (const n of list.flat()) hits += fts.all(ftsPhrase(n)).length;
      return { ms: performance.now() - t0, hits };
    };
    const { ms: baseline, hits } = lookup(names);
    let t0 = performance.now();
    const summary = await suggestLibrary(db, { author: 'bench' });
    const value = performance.now() - t0;
    emit({
      suite: 'registry',
      figure: 'library-suggestions',
      scale: cfg.quick ? 'quick' : '1x',
      size: { entities: names.length, articles },
      value,
      unit: 'ms',
      baseline,
      baselineIs: 'an FTS5 phrase lookup of every name and alias over the same articles',
      // Time over the lookup's time: at most 2 is at least half its speed.
      ratio: value / baseline,
      ...(cfg.quick ? {} : { target: 'ratio <= 2' }),
      extra: { suggestions: summary.suggestions, articlesWithSuggestions: summary.byArticle.length, ftsHits: hits, pass: 'first' },
    });

    const state = scanState(db);
    const now = dayOfWork(db, names, added, articles);
    const again = lookup(now);
    // Not timed: how many articles the pass will scan again (no stored scan, or one the changes reach).
    const stale = touchedBy(changedKeysSince(db, state?.version ?? 0, registryVersion(db)).map((c) => c.key));
    const stored = db.prepare('SELECT words FROM suggestion_scans').pluck().all() as Buffer[];
    const rescanned = articles + Math.ceil(articles / 100) - stored.length + stored.filter((w) => stale(w)).length;
    t0 = performance.now();
    const next = await suggestLibrary(db, { author: 'bench' });
    const nextValue = performance.now() - t0;
    emit({
      suite: 'registry',
      figure: 'library-suggestions-again',
      scale: cfg.quick ? 'quick' : '1x',
      size: { entities: now.length, articles: articles + Math.ceil(articles / 100) },
      value: nextValue,
      unit: 'ms',
      baseline: again.ms,
      baselineIs: 'an FTS5 phrase lookup of every name and alias over the same articles, after the edits',
      ratio: nextValue / again.ms,
      ...(cfg.quick ? {} : { target: 'ratio <= 2' }),
      extra: { suggestions: next.suggestions, articlesWithSuggestions: next.byArticle.length, ftsHits: again.hits, rescanned, pass: 'after 1% corrected, 1% imported, 100 entities added, 100 aliases removed' },
    });
  } finally {
    db.close();
  }
}
