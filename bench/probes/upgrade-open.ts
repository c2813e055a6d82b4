/**
 * Opening a library left at schema version 14 (before the four- and five-character search
 * prefixes) with this Spanwise, against opening it as the releases before migration 0019 did
 * (0015 rebuilding the index inside the migration), on two copies of the same store; then the
 * background rebuild the new open leaves, run as the app runs it (services/search-index.ts):
 * its slices' times, the one that swaps the new index in, the ones that wipe the old index's
 * pages after it, and the total. The store is generated from the bench corpus (articles only) and kept with --keep.
 *
 * usage: npx tsx bench/probes/upgrade-open.ts [--articles 10000] [--keep FILE]
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { insertArticle } from '../../electron/core/store/articles';
import { loadMigrations, openStore, type Db } from '../../electron/core/store/db';
import { createSearchIndex } from '../../electron/core/services/search-index';
import { searchRebuildPending } from '../../electron/core/store/search-rebuild';
import { CORPUS_SEED, generateArticle } from '../lib/corpus';
import { percentile } from '../lib/report';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '10000' }, keep: { type: 'string' } } });
const count = Number(values.articles);
const work = mkdtempSync(join(tmpdir(), 'spanwise-upgrade-'));
const source = values.keep ?? join(work, 'v14.db');
const ALL = loadMigrations();

function build(file: string): void {
  const db = openStore(file, { migrations: ALL.slice(0, 14) });
  const add = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const a = generateArticle(CORPUS_SEED, i);
      insertArticle(db, { title: a.title, source: a.source, url: a.url, author: a.author, publishedAt: a.publishedAt, language: a.language, text: a.text });
    }
  });
  for (let i = 0; i < count; i += 500) add(i, Math.min(count, i + 500));
  db.close();
}

const timed = <T>(f: () => T): [T, number] => {
  const t0 = performance.now();
  const out = f();
  return [out, performance.now() - t0];
};

try {
  if (!existsSync(source)) {
    const [, ms] = timed(() => build(source));
    process.stderr.write(`built ${count} articles at version 14 in ${(ms / 1000).toFixed(1)} s\n`);
  }
  const before = join(work, 'before.db');
  const after = join(work, 'after.db');
  copyFileSync(source, before);
  copyFileSync(source, after);
  const [, blockingMs] = timed(() => openStore(before, { migrations: ALL.slice(0, 16) }).close());
  const [db, openMs] = timed((): Db => openStore(after));
  const slices: { ms: number; articles: number }[] = [];
  const t0 = performance.now();
  await new Promise<void>((done) => {
    const index = createSearchIndex(db, { onSlice: (ms, articles) => slices.push({ ms, articles }) });
    const poll = setInterval(() => {
      // Until the wipe after the swap is done too (the status says ready as soon as the new index is in).
      if (index.status().state !== 'rebuilding' && !searchRebuildPending(db)) {
        clearInterval(poll);
        done();
      }
    }, 50);
  });
  const rebuildMs = performance.now() - t0;
  db.close();
  // The first slice to index nothing swaps the new index in; those after it wipe the old one's pages.
  const swap = slices.findIndex((s) => s.articles === 0);
  const times = slices.map((s) => s.ms);
  console.log(
    JSON.stringify({
      articles: count,
      open_before_ms: Math.round(blockingMs),
      open_after_ms: Math.round(openMs),
      rebuild_total_ms: Math.round(rebuildMs),
      slices: slices.length,
      slice_p50_ms: Math.round(percentile(times, 50)),
      slice_p95_ms: Math.round(percentile(times, 95)),
      slice_max_ms: Math.round(Math.max(...times)),
      swap_ms: Math.round(slices[swap]?.ms ?? 0),
      wipe_slices: swap < 0 ? 0 : slices.length - swap - 1,
      wipe_max_ms: Math.round(Math.max(0, ...slices.slice(swap + 1).map((s) => s.ms))),
    }),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
