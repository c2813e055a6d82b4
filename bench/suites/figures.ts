import { existsSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, type Db } from '../../electron/core/store/db';
import { markAllDirty, refreshDisagreements } from '../../electron/core/store/disagreement-refresh';
import type { Config } from '../lib/config';
import { buildFiguresLibrary } from '../lib/figures-library';
import { emit, note, percentile } from '../lib/report';

/**
 * Disagreements among figures (bench/lib/figures-library.ts: ten figures an article, incidents of
 * three articles), in one process on one store, each figure against a baseline of the same run:
 * - every figure compared from nothing (an upgrade), and again over the results already there
 *   (a new spread), against a bare scan of every live figure's attributes, parsed: the least any
 *   computation must do. The target is 10 s at 1,000,000 figures, with flat memory
 *   (peak RSS <= 300 MB, sampled after every page of scopes);
 * - one figure changed, then its disagreements recomputed, against the change's own write and
 *   read back (both committed as the app commits). The target is 50 ms.
 */
export interface FiguresSize {
  articles: number;
  perArticle: number;
  samples: number;
  /** A library built by an earlier run, kept to measure again without the build. */
  db?: string;
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return Math.round((c.user + c.system) / 1000);
};
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

function scan(db: Db): { ms: number; cpu: number } {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  let n = 0;
  for (const row of db.prepare(`SELECT id, article_id, attrs FROM annotations WHERE label = 'figure' AND status = 'ok' AND conflict_of IS NULL`).iterate() as Iterable<{ attrs: string }>) {
    if ((JSON.parse(row.attrs) as { value?: unknown }).value !== undefined) n++;
  }
  if (n === 0) throw new Error('the figures library has no figures');
  return { ms: performance.now() - t0, cpu: cpuMs(cpu) };
}

export async function figuresSuite(cfg: Config): Promise<void> {
  await figuresRun(cfg, cfg.quick ? { articles: 2_000, perArticle: 10, samples: 20 } : { articles: 100_000, perArticle: 10, samples: 50 });
}

export async function figuresRun(cfg: Config, size: FiguresSize): Promise<void> {
  const file = size.db ?? join(cfg.work, 'figures.db');
  const figures = size.articles * size.perArticle;
  const atScale = figures >= 1_000_000;
  const scale = cfg.quick ? 'quick' : atScale ? '1x' : 'probe';
  let sample: string[];
  let db: Db;
  if (size.db && existsSync(file)) {
    db = openStore(file);
    sample = JSON.parse(readFileSync(`${file}.sample.json`, 'utf8')) as string[];
    note(`figures: reusing ${file}`);
  } else {
    db = openStore(file);
    const t0 = performance.now();
    // The build is not measured: only its speed is given up, never what it writes.
    db.pragma('synchronous = OFF');
    sample = buildFiguresLibrary(db, size.articles, size.perArticle, (done) => {
      if (done % 20_000 === 0) note(`figures: ${done} of ${size.articles} articles built`);
    });
    db.pragma('synchronous = FULL');
    writeFileSync(`${file}.sample.json`, JSON.stringify(sample));
    note(`figures: ${size.articles} articles, ${figures} figures built in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  try {
    refreshDisagreements(db);
    db.pragma('wal_checkpoint(TRUNCATE)');
    // Warm the page cache the same way for both sides: each reads every figure once first.
    scan(db);
    const scans = [scan(db), scan(db)].sort((a, b) => a.ms - b.ms);
    const baseline = (scans[0] as { ms: number }).ms;
    const baselineCpu = (scans[0] as { cpu: number }).cpu;
    const rssBefore = process.memoryUsage().rss;

    const full = (fromNothing: boolean) => {
      db.transaction(() => {
        if (fromNothing) db.prepare('DELETE FROM figure_disagreements').run();
        markAllDirty(db);
      })();
      db.pragma('wal_checkpoint(TRUNCATE)');
      let peak = process.memoryUsage().rss;
      const cpu = process.cpuUsage();
      const t0 = performance.now();
      const done = refreshDisagreements(db, { onProgress: () => (peak = Math.max(peak, process.memoryUsage().rss)) });
      const ms = performance.now() - t0;
      return { ms, cpu: cpuMs(cpu), peak: Math.max(peak, process.memoryUsage().rss), done };
    };
    const empty = full(true);
    const found = db.prepare('SELECT kind, scope, count(*) AS n FROM figure_disagreements GROUP BY kind, scope').all() as { kind: string; scope: string; n: number }[];
    const again = full(false);
    const sizeOf = { articles: size.articles, figures, disagreements: found.reduce((s, r) => s + r.n, 0) };
    for (const [name, run, what] of [['full-from-nothing-ms', empty, 'an upgrade: no results yet'], ['full-over-results-ms', again, 'a new spread: every result there already']] as const) {
      emit({
        suite: 'figures',
        figure: name,
        scale,
        size: sizeOf,
        value: run.ms,
        unit: 'ms',
        baseline,
        baselineIs: 'a bare scan of every live figure, its attributes parsed (best of two, warm)',
        ratio: run.ms / baseline,
        ...(atScale ? { target: 'value <= 10000' } : {}),
        extra: { what, cpuMs: run.cpu, baselineCpuMs: baselineCpu, scopes: run.done, found },
      });
    }
    const peak = Math.max(empty.peak, again.peak);
    emit({
      suite: 'figures',
      figure: 'full-peak-rss-mb',
      scale,
      size: sizeOf,
      value: mb(peak),
      unit: 'MB',
      baseline: mb(rssBefore),
      baselineIs: 'RSS of the same process, library open, before the recomputations',
      ratio: peak / rssBefore,
      target: 'value <= 300',
    });

    const update = db.prepare(`UPDATE annotations SET attrs = json_set(attrs, '$.value', ?) WHERE id = ?`);
    const read = db.prepare('SELECT attrs FROM annotations WHERE id = ?');
    const writes: number[] = [];
    const refreshes: number[] = [];
    for (let s = 0; s < size.samples; s++) {
      const id = sample[(s * 7919) % sample.length] as string;
      let t0 = performance.now();
      db.transaction(() => {
        update.run(60 + (s % 20), id);
        read.get(id);
      })();
      writes.push(performance.now() - t0);
      update.run(61 + (s % 20), id);
      t0 = performance.now();
      refreshDisagreements(db);
      refreshes.push(performance.now() - t0);
    }
    const p95 = percentile(refreshes, 95);
    const base = percentile(writes, 95);
    emit({
      suite: 'figures',
      figure: 'one-figure-changed-p95-ms',
      scale,
      size: sizeOf,
      value: p95,
      unit: 'ms',
      baseline: base,
      baselineIs: "p95 of the change's own write and read back, committed",
      ratio: p95 / base,
      ...(cfg.quick ? {} : { target: 'value <= 50' }),
      extra: { p50: percentile(refreshes, 50), samples: size.samples },
    });
  } finally {
    db.close();
  }
}
