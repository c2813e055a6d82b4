import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../lib/config';
import { runChild } from '../lib/proc';
import { summariseProfile } from '../lib/profile';
import { emit, note } from '../lib/report';

/**
 * Export: throughput (MB written per second) and peak RSS of each format, each export alone in a
 * fresh process, against the raw read-and-serialise baseline in the same kind of process. The
 * ratio is Spanwise's time over the baseline's for the same store (both write the same articles
 * and spans; their byte counts differ a little, so MB/s are given for each side as measured).
 */
const FORMATS = ['jsonl', 'csv', 'brat', 'w3c', 'bundle'] as const;

interface ChildResult {
  ms: number;
  bytes: number;
  articles: number;
  spans: number;
  maxRssMB: number;
  rssBeforeMB: number;
}

export async function exportSuite(cfg: Config, stores: string[]): Promise<void> {
  for (const [rung, scale] of cfg.scales.entries()) {
    const db = stores[rung] as string;
    for (const format of FORMATS) {
      note(`export ${scale}: ${format}`);
      const out = (side: string) => join(cfg.work, `export-${scale}-${side}.${format === 'brat' ? 'd' : format}`);
      const raw = await runChild<ChildResult>('export-child.ts', ['raw', format, db, out('raw')]);
      rmSync(out('raw'), { recursive: true, force: true });
      const app = await runChild<ChildResult>('export-child.ts', ['app', format, db, out('app')]);
      rmSync(out('app'), { recursive: true, force: true });
      if (app.articles !== raw.articles || app.spans !== raw.spans) {
        note(`export ${scale} ${format}: WARNING Spanwise wrote ${app.articles}/${app.spans}, the baseline ${raw.articles}/${raw.spans}`);
      }
      const size = { articles: app.articles, spans: app.spans, megabytes: Math.round(app.bytes / 1e5) / 10 };
      const rate = (r: ChildResult) => r.bytes / 1e6 / (r.ms / 1000);
      const throughput = emit({
        suite: 'export',
        figure: `${format}_mb_per_s`,
        scale,
        size,
        value: rate(app),
        unit: 'MB/s',
        baseline: rate(raw),
        baselineIs: 'raw read-and-serialise of the same store (ratio: time over baseline time)',
        ratio: app.ms / raw.ms,
        target: 'ratio <= 2',
        extra: { ms: Math.round(app.ms), baselineMs: Math.round(raw.ms), baselineMegabytes: Math.round(raw.bytes / 1e5) / 10 },
      });
      const memory = emit({
        suite: 'export',
        figure: `${format}_peak_rss_mb`,
        scale,
        size,
        value: app.maxRssMB,
        unit: 'MB',
        baseline: raw.maxRssMB,
        baselineIs: 'peak RSS of the raw baseline process',
        ratio: app.maxRssMB / raw.maxRssMB,
        target: 'value <= 300',
        extra: { rssBeforeExportMB: app.rssBeforeMB },
      });
      if (cfg.profile && rung === cfg.scales.length - 1 && (!throughput.met || !memory.met)) {
        const dir = join(cfg.work, `profile-export-${format}`);
        await runChild<ChildResult>('export-child.ts', ['app', format, db, out('prof')], ['--cpu-prof', '--cpu-prof-dir', dir]);
        rmSync(out('prof'), { recursive: true, force: true });
        process.stderr.write(`${JSON.stringify({ profile: `export ${format}`, ...summariseProfile(dir) }, null, 1)}\n`);
      }
    }
  }
}
