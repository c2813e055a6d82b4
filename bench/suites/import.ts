import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Config } from '../lib/config';
import type { Shards } from '../lib/files';
import { runChild, spanwise } from '../lib/proc';
import { summariseProfile } from '../lib/profile';
import { emit, median, note } from '../lib/report';

/**
 * Import: articles per second through `spanwise import` (the command, in its own process, over the
 * JSONL shards), against raw inserts of the same rows into the same schema (bench/children/
 * raw-insert.ts). The command's time is its wall time less its start-up (node, the TypeScript
 * loader, opening the store), which is measured on its own as an import of an empty folder; the
 * figure with start-up included is kept beside it.
 */
export async function importSuite(cfg: Config, shards: Shards): Promise<string[]> {
  const empty = join(cfg.work, 'empty');
  mkdirSync(empty, { recursive: true });
  const stores: string[] = [];
  for (const [rung, scale] of cfg.scales.entries()) {
    const n = cfg.articles[rung] as number;
    const files = shards.files.slice(0, n / cfg.shardSize);
    const startups: number[] = [];
    for (let k = 0; k < 3; k++) {
      const r = await spanwise(['import', '--db', join(cfg.work, `startup-${scale}-${k}.db`), empty, '--json']);
      if (r.code !== 0) throw new Error(`spanwise import of an empty folder failed: ${r.stderr}`);
      startups.push(r.wallMs);
    }
    const startupMs = median(startups);

    note(`import ${scale}: raw baseline, ${n} articles`);
    const rawDb = join(cfg.work, `raw-${scale}.db`);
    const raw = await runChild<{ articles: number; annotations: number; insertMs: number; prepMs: number }>('raw-insert.ts', [rawDb, ...files]);

    note(`import ${scale}: spanwise import, ${n} articles`);
    const appDb = join(cfg.work, `library-${scale}.db`);
    const app = await spanwise(['import', '--db', appDb, ...files, '--json', '--author', 'bench']);
    const summary = JSON.parse(app.stdout.trim().split('\n').pop() ?? '{}') as { imported?: number; failed?: number };
    if (app.code !== 0 || summary.imported !== files.length) {
      throw new Error(`spanwise import exited ${app.code} (${JSON.stringify(summary)}): ${app.stderr.slice(-2000)}`);
    }
    const same = digest(appDb) === digest(rawDb);
    if (!same) note(`import ${scale}: WARNING the command's rows differ from the baseline's`);
    rmSync(rawDb, { force: true });
    stores.push(appDb);

    const netMs = app.wallMs - startupMs;
    const rate = n / (netMs / 1000);
    const baseRate = n / (raw.insertMs / 1000);
    emit({
      suite: 'import',
      figure: 'articles_per_s',
      scale,
      size: { articles: n, spans: raw.annotations, megabytes: Math.round(files.reduce((t, f) => t + statSync(f).size, 0) / 1e5) / 10 },
      value: rate,
      unit: 'articles/s',
      baseline: baseRate,
      baselineIs: 'raw better-sqlite3 inserts of the same rows, same schema and FTS5 index, one transaction',
      ratio: baseRate / rate,
      target: 'ratio <= 1.5',
      extra: {
        commandWallMs: Math.round(app.wallMs),
        startupMs: Math.round(startupMs),
        articlesPerSWithStartup: Math.round(n / (app.wallMs / 1000)),
        baselineInsertMs: Math.round(raw.insertMs),
        sameRows: same,
      },
    });

    if (cfg.profile && rung === cfg.scales.length - 1) {
      const dir = join(cfg.work, 'profile-import');
      note(`import ${scale}: profiling the command (--cpu-prof)`);
      await spanwise(['import', '--db', join(cfg.work, 'profiled.db'), ...files, '--json'], ['--cpu-prof', '--cpu-prof-dir', dir]);
      process.stderr.write(`${JSON.stringify({ profile: 'import', ...summariseProfile(dir) }, null, 1)}\n`);
      rmSync(join(cfg.work, 'profiled.db'), { force: true });
    }
  }
  return stores;
}

/**
 * A digest of every stored column that the import decides (not the import time or the author),
 * so the command's store and the baseline's can be shown to hold the same rows.
 */
function digest(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const h = createHash('sha256');
    for (const r of db.prepare('SELECT id, title, source, url, author, published_at, language, text_hash FROM articles ORDER BY id').iterate()) {
      h.update(JSON.stringify(r));
    }
    for (const r of db.prepare('SELECT id, article_id, label, start, "end", quote, note, attrs FROM annotations ORDER BY id').iterate() as Iterable<{ attrs: string }>) {
      const attrs = JSON.parse(r.attrs) as Record<string, unknown>;
      const sorted = Object.fromEntries(Object.keys(attrs).sort().map((k) => [k, attrs[k]]));
      h.update(JSON.stringify({ ...r, attrs: sorted }));
    }
    return h.digest('hex');
  } finally {
    db.close();
  }
}
