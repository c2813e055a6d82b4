import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../lib/config';
import { runChild } from '../lib/proc';
import { emit, note, percentile } from '../lib/report';

/**
 * Disagreements among figures (bench/lib/figures-library.ts: ten figures an article, incidents of
 * three articles), each figure against a baseline of the same run. Every step runs in a fresh
 * process of its own (bench/children/figures-child.ts), so the library's build never counts in
 * the computation's memory and each step starts with an empty SQLite cache:
 * - every figure compared from nothing (an upgrade: every figure read into its facts, no result
 *   yet), and again over the facts and results already there (a new spread), against a bare scan
 *   of every live figure's attributes, parsed: the least any computation must do. The issue's
 *   target is 10 s at 1,000,000 figures, with flat memory: the computing process's peak RSS
 *   <= 300 MB, against the scanning process's;
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

interface Timed {
  ms: number;
  cpuMs: number;
  maxRssMB: number;
  rssBeforeMB: number;
}
interface Full extends Timed {
  done: { articles: number; incidents: number };
  found: { kind: string; scope: string; n: number }[];
}

export async function figuresSuite(cfg: Config): Promise<void> {
  await figuresRun(cfg, cfg.quick ? { articles: 2_000, perArticle: 10, samples: 20 } : { articles: 100_000, perArticle: 10, samples: 50 });
}

export async function figuresRun(cfg: Config, size: FiguresSize): Promise<void> {
  const file = size.db ?? join(cfg.work, 'figures.db');
  const figures = size.articles * size.perArticle;
  const atScale = figures >= 1_000_000;
  const scale = cfg.quick ? 'quick' : atScale ? '1x' : 'probe';
  if (size.db && existsSync(file) && existsSync(`${file}.sample.json`)) {
    note(`figures: reusing ${file}`);
  } else {
    const built = await runChild<{ ms: number }>('figures-child.ts', ['build', file, String(size.articles), String(size.perArticle)]);
    note(`figures: ${size.articles} articles, ${figures} figures built in ${(built.ms / 1000).toFixed(0)} s`);
  }
  // The scan runs in a fresh process after one scan has warmed the system's file cache, as the
  // computation does: best of two.
  await runChild('figures-child.ts', ['prepare', file, 'over']);
  await runChild<Timed>('figures-child.ts', ['scan', file]);
  const scans = [await runChild<Timed>('figures-child.ts', ['scan', file]), await runChild<Timed>('figures-child.ts', ['scan', file])].sort((a, b) => a.ms - b.ms);
  const scan = scans[0] as Timed;

  const full = async (fromNothing: boolean): Promise<Full> => {
    await runChild('figures-child.ts', ['prepare', file, fromNothing ? 'nothing' : 'over']);
    return runChild<Full>('figures-child.ts', ['full', file]);
  };
  const empty = await full(true);
  const again = await full(false);
  const sizeOf = { articles: size.articles, figures, disagreements: empty.found.reduce((s, r) => s + r.n, 0) };
  for (const [name, run, what] of [['full-from-nothing-ms', empty, 'an upgrade: no facts, no results yet'], ['full-over-results-ms', again, 'a new spread: every fact and result there already']] as const) {
    emit({
      suite: 'figures',
      figure: name,
      scale,
      size: sizeOf,
      value: run.ms,
      unit: 'ms',
      baseline: scan.ms,
      baselineIs: 'a bare scan of every live figure, its attributes parsed (best of two, each a fresh process)',
      ratio: run.ms / scan.ms,
      ...(atScale ? { target: 'value <= 10000' } : {}),
      extra: { what, cpuMs: run.cpuMs, baselineCpuMs: scan.cpuMs, scopes: run.done, found: run.found },
    });
  }
  const peak = Math.max(empty.maxRssMB, again.maxRssMB);
  emit({
    suite: 'figures',
    figure: 'full-peak-rss-mb',
    scale,
    size: sizeOf,
    value: peak,
    unit: 'MB',
    baseline: scan.maxRssMB,
    baselineIs: 'peak RSS of the process of the bare scan',
    ratio: peak / scan.maxRssMB,
    target: 'value <= 300',
    extra: { fromNothingMB: empty.maxRssMB, overResultsMB: again.maxRssMB, rssAtStartMB: empty.rssBeforeMB },
  });

  const { writes, refreshes } = await runChild<{ writes: number[]; refreshes: number[] }>('figures-child.ts', ['changes', file, String(size.samples)]);
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
}
