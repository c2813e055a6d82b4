/**
 * One step of the figures suite (bench/suites/figures.ts) in a process of its own, so that what
 * one step holds (the build's million rows, a scan's strings) never counts in another's peak
 * memory, and each step starts with an empty SQLite cache, as the app does after a start.
 *
 * usage: figures-child.ts build DB ARTICLES PER_ARTICLE   prints {ms, figures}, writes DB.sample.json
 *        figures-child.ts prepare DB nothing|over         an upgrade (no facts, no results) or a new spread (both kept); every scope dirty
 *        figures-child.ts scan DB                         the baseline: every live figure read, its attributes parsed
 *        figures-child.ts full DB                         refreshDisagreements over the dirty library
 *        figures-child.ts changes DB SAMPLES              one figure changed, then recomputed, SAMPLES times
 * scan and full print {ms, cpuMs, maxRssMB, rssBeforeMB, ...}
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { openStore, type Db } from '../../electron/core/store/db';
import { markAllDirty, refreshDisagreements } from '../../electron/core/store/disagreement-refresh';
import { buildFiguresLibrary } from '../lib/figures-library';

const [step, file, ...rest] = process.argv.slice(2);
if (!step || !file) throw new Error('usage: figures-child.ts build|prepare|scan|full|changes DB ...');

const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
const rssBeforeMB = mb(process.memoryUsage().rss);
const print = (result: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(result)}\n`);
const cpuMs = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return Math.round((c.user + c.system) / 1000);
};
// maxRSS is the process's high-water mark in kilobytes (getrusage), start-up included.
const maxRssMB = () => mb(process.resourceUsage().maxRSS * 1024);

/** Times `work` after the store is open, as the app's recomputation runs in an open library. */
function measured<T extends Record<string, unknown>>(db: Db, work: () => T): void {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const result = work();
  const ms = performance.now() - t0;
  print({ ms, cpuMs: cpuMs(cpu), maxRssMB: maxRssMB(), rssBeforeMB, ...result });
  db.close();
}

const db = openStore(file);
switch (step) {
  case 'build': {
    const [articles, perArticle] = rest.map(Number) as [number, number];
    const t0 = performance.now();
    // The build is not measured: only its speed is given up, never what it writes.
    db.pragma('synchronous = OFF');
    const sample = buildFiguresLibrary(db, articles, perArticle, (done) => {
      if (done % 20_000 === 0) process.stderr.write(`figures: ${done} of ${articles} articles built\n`);
    });
    db.pragma('synchronous = FULL');
    writeFileSync(`${file}.sample.json`, JSON.stringify(sample));
    print({ ms: performance.now() - t0, figures: articles * perArticle });
    db.close();
    break;
  }
  case 'prepare': {
    refreshDisagreements(db);
    db.transaction(() => {
      if (rest[0] === 'nothing') {
        // What migration 0020 leaves: every figure to be read into its facts, no result yet.
        db.prepare('DELETE FROM figure_disagreements').run();
        db.prepare('DELETE FROM figure_facts').run();
        db.prepare(`INSERT OR IGNORE INTO figure_facts_dirty (article_id) SELECT DISTINCT article_id FROM annotations WHERE label = 'figure'`).run();
      }
      markAllDirty(db);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    print({ dirty: db.prepare('SELECT count(*) FROM figure_dirty').pluck().get() });
    db.close();
    break;
  }
  case 'scan':
    measured(db, () => {
      let n = 0;
      const live = db.prepare(`SELECT id, article_id, attrs FROM annotations WHERE label = 'figure' AND status = 'ok' AND conflict_of IS NULL`);
      for (const row of live.iterate() as Iterable<{ attrs: string }>) {
        if ((JSON.parse(row.attrs) as { value?: unknown }).value !== undefined) n++;
      }
      if (n === 0) throw new Error('the figures library has no figures');
      return { figures: n };
    });
    break;
  case 'full':
    measured(db, () => {
      // The log is checkpointed by the next step, outside the clock, as it was before the run.
      const done = refreshDisagreements(db);
      const found = db.prepare('SELECT kind, scope, count(*) AS n FROM figure_disagreements GROUP BY kind, scope ORDER BY kind, scope').all();
      return { done, found };
    });
    break;
  case 'changes': {
    const samples = Number(rest[0]);
    const sample = JSON.parse(readFileSync(`${file}.sample.json`, 'utf8')) as string[];
    refreshDisagreements(db);
    const update = db.prepare(`UPDATE annotations SET attrs = json_set(attrs, '$.value', ?) WHERE id = ?`);
    const read = db.prepare('SELECT attrs FROM annotations WHERE id = ?');
    const writes: number[] = [];
    const refreshes: number[] = [];
    for (let s = 0; s < samples; s++) {
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
    print({ writes, refreshes });
    db.close();
    break;
  }
  default:
    throw new Error(`unknown step "${step}"`);
}
