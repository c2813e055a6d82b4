import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startBackend } from '../../electron/core/services/app';
import { libraryStats } from '../../electron/core/store/articles';
import { openStore } from '../../electron/core/store/db';
import { quietPlatform } from '../../electron/core/testing/platform';
import { LIBRARY_PAGE_SIZE } from '../../shared/ipc/contract';
import type { Config } from '../lib/config';
import { generateArticle } from '../lib/corpus';
import { ROOT, runNode } from '../lib/proc';
import { rawInserts } from '../lib/raw-rows';
import { emit, median, note } from '../lib/report';

/**
 * Start-up at scale: opening a library of 100,000 short articles (80 words and two spans each,
 * about 0.5 GB with its search index, built in about six minutes; --quick: 2,000) for what
 * `spanwise stats` and the app's first screen need, against the same on a library a hundredth
 * of its size in the same run: a ratio near 1 is an open whose cost does not grow with the
 * library. Alongside, what the open used to pay on the large library (quick_check over every
 * page) and `spanwise stats` as a whole process. Runs are interleaved, large and small, on a
 * warm page cache (the bench cannot drop the system's cache; a cold first open reads more).
 */
const WORDS = 80;
const SPANS = 2;

function build(file: string, articles: number): void {
  const db = openStore(file);
  const insert = rawInserts(db);
  const at = new Date('2025-01-01T00:00:00Z').toISOString();
  for (let from = 0; from < articles; from += 5000) {
    db.transaction(() => {
      for (let i = from; i < Math.min(articles, from + 5000); i++) {
        const a = generateArticle('spanwise-startup-bench', i, { words: WORDS, spans: SPANS });
        insert.article.run({ ...a, published_at: a.publishedAt, text_hash: `h${i}`, at });
        for (const s of a.spans) insert.annotation.run({ ...s, article_id: a.id, quote: a.text.slice(s.start, s.end), attrs: JSON.stringify(s.attrs), at });
      }
    })();
  }
  db.close();
}

function timed(run: () => void): number {
  const t = performance.now();
  run();
  return performance.now() - t;
}

const openForStats = (file: string) => () => {
  const db = openStore(file);
  libraryStats(db);
  db.close();
};

async function appStart(file: string): Promise<number> {
  const t = performance.now();
  const backend = await startBackend(file, quietPlatform('bench'));
  const page = await backend.dispatch('articles/list', { sort: 'imported', descending: true, limit: LIBRARY_PAGE_SIZE, offset: 0 });
  const ms = performance.now() - t;
  backend.close();
  if (!page.ok) throw new Error(`articles/list failed: ${page.error.message}`);
  return ms;
}

export async function startupSuite(cfg: Config): Promise<void> {
  const large = cfg.quick ? 2_000 : 100_000;
  const small = large / 100;
  const bigFile = join(cfg.work, 'startup-large.db');
  const smallFile = join(cfg.work, 'startup-small.db');
  note(`startup: building ${large} and ${small} short articles`);
  const buildMs = timed(() => build(bigFile, large));
  build(smallFile, small);
  const bytes = statSync(bigFile).size;
  note(`startup: ${large} articles, ${(bytes / 1e6).toFixed(0)} MB, built in ${(buildMs / 1000).toFixed(0)} s`);

  // What every open paid before: quick_check over the whole library.
  const raw = openStore(bigFile);
  const quickCheckMs = timed(() => raw.pragma('quick_check'));
  raw.close();

  const runs = cfg.quick ? 3 : 7;
  const stats = { large: [] as number[], small: [] as number[] };
  const app = { large: [] as number[], small: [] as number[] };
  openForStats(bigFile)();
  openForStats(smallFile)();
  for (let i = 0; i < runs; i++) {
    stats.large.push(timed(openForStats(bigFile)));
    stats.small.push(timed(openForStats(smallFile)));
    app.large.push(await appStart(bigFile));
    app.small.push(await appStart(smallFile));
  }
  const size = { articles: large, baselineArticles: small, megabytes: Math.round(bytes / 1e6) };
  const figure = (name: string, samples: { large: number[]; small: number[] }, target: string, extra: Record<string, unknown> = {}) =>
    emit({
      suite: 'startup',
      figure: name,
      scale: '100x',
      size,
      value: median(samples.large),
      unit: 'ms',
      baseline: median(samples.small),
      baselineIs: `the same on a library of ${small} articles`,
      ratio: median(samples.large) / median(samples.small),
      target,
      extra: { samples: samples.large.map(Math.round), baselineSamples: samples.small.map(Math.round), ...extra },
    });
  figure('open for stats (open, counts, close)', stats, 'value <= 1000', { quickCheckMs: Math.round(quickCheckMs), buildS: Math.round(buildMs / 1000) });
  figure('app start (open, first library page)', app, 'value <= 1000');

  // The command as a whole, as a user runs it: bin/spanwise.js on the bundle `npm run build:cli`
  // makes (built here first, so the run measures the current source), against a Node process that
  // opens the same library with the same binding and counts its articles.
  const bundled = spawnSync(process.execPath, [resolve(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '-c', 'vite.cli.config.ts', '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8' });
  if (bundled.status !== 0) throw new Error(`the command's bundle did not build: ${bundled.stderr.slice(-2000)}`);
  const cli = { large: [] as number[], small: [] as number[] };
  const bare = { large: [] as number[], small: [] as number[] };
  const open = (file: string) =>
    `const D = require('better-sqlite3-multiple-ciphers'); const db = new D(${JSON.stringify(file)}); db.prepare('SELECT count(*) FROM articles').get(); db.close();`;
  for (let i = 0; i < 5; i++) {
    for (const [file, into, baseline] of [[bigFile, cli.large, bare.large], [smallFile, cli.small, bare.small]] as const) {
      const r = await runNode(['bin/spanwise.js', 'stats', '--db', file, '--json']);
      if (r.code !== 0) throw new Error(`spanwise stats exited with ${r.code}: ${r.stderr.slice(-2000)}`);
      into.push(r.wallMs);
      const b = await runNode(['-e', open(file)]);
      if (b.code !== 0) throw new Error(`node -e exited with ${b.code}: ${b.stderr.slice(-2000)}`);
      baseline.push(b.wallMs);
    }
  }
  figure('spanwise stats (whole process)', cli, 'ratio <= 1.3');
  emit({
    suite: 'startup',
    figure: 'spanwise stats (whole process) against node -e',
    scale: '100x',
    size,
    value: median(cli.large),
    unit: 'ms',
    baseline: median(bare.large),
    baselineIs: 'node -e opening the same library with the same binding and counting its articles',
    ratio: median(cli.large) / median(bare.large),
    target: 'value <= 1000',
    extra: { samples: cli.large.map(Math.round), baselineSamples: bare.large.map(Math.round), smallLibrary: cli.small.map(Math.round), smallBaseline: bare.small.map(Math.round) },
  });
}
