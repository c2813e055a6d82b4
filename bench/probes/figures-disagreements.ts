/**
 * Disagreements over a large library: every figure compared from scratch (the first read after an
 * upgrade, or after the spread changes) and the incremental recomputation after one figure
 * changes, each against a baseline measured in the same run: a bare read of every figure's
 * attributes (the least any computation must do) and a one-row update with its read back.
 *
 * The library is built straight in SQL (articles, one event each, ten figures per article given to
 * the event, incidents of three articles each), so its build costs minutes, not hours; the triggers
 * of migration 0012 run as they do for the app's writes.
 *
 * usage: npx tsx bench/probes/figures-disagreements.ts [--articles 100000] [--figures 10] [--samples 50]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openStore, type Db } from '../../electron/core/store/db';
import { markAllDirty, refreshDisagreements } from '../../electron/core/store/disagreements';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '100000' }, figures: { type: 'string', default: '10' }, samples: { type: 'string', default: '50' } } });
const ARTICLES = Number(values.articles);
const PER = Number(values.figures);
const SAMPLES = Number(values.samples);

const COUNTS = ['killed', 'injured', 'intercepted', 'launched', 'arrested'];
const QUALIFIERS = ['exact', 'exact', 'approximate', 'at least', 'at most'];

function build(db: Db): string[] {
  const now = new Date().toISOString();
  const article = db.prepare('INSERT INTO articles (id, title, text, text_hash, imported_at, updated_at, source, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const annotation = db.prepare('INSERT INTO annotations (id, article_id, label, start, "end", quote, attrs, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const role = db.prepare(`INSERT INTO event_roles (event_id, role, span_id, article_id, position) VALUES (?, 'figure', ?, ?, ?)`);
  const incident = db.prepare('INSERT INTO incidents (id, created_at, updated_at) VALUES (?, ?, ?)');
  const member = db.prepare('INSERT INTO incident_events (event_id, incident_id, article_id) VALUES (?, ?, ?)');
  const figureIds: string[] = [];
  let seed = 1;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = `a${String(i).padStart(7, '0')}`;
      const text = `Report ${i}\n\nDrones attacked overnight; officials gave counts of the dead and the wounded.`;
      article.run(id, `Report ${i}`, text, `h${i}`, now, now, `Source ${i % 50}`, `2024-11-${String(1 + (i % 28)).padStart(2, '0')}`);
      const eventId = `${id}-e`;
      annotation.run(eventId, id, 'event', 12, 30, 'Drones attacked overnight'.slice(0, 18), '{}', now, now);
      const incidentId = `i${i - (i % 3)}`;
      if (i % 3 === 0) incident.run(incidentId, now, now);
      member.run(eventId, incidentId, id);
      for (let k = 0; k < PER; k++) {
        const figureId = `${id}-f${k}`;
        const value = 50 + Math.floor(rand() * 40);
        const attrs = { value, unit: 'drone', counts: COUNTS[k % COUNTS.length], qualifier: QUALIFIERS[Math.floor(rand() * QUALIFIERS.length)] };
        annotation.run(figureId, id, 'figure', 0, 6, 'Report', JSON.stringify(attrs), now, now);
        role.run(eventId, figureId, id, k);
        if (figureIds.length < 10_000) figureIds.push(figureId);
      }
    }
  });
  for (let i = 0; i < ARTICLES; i += 1000) batch(i, Math.min(ARTICLES, i + 1000));
  return figureIds;
}

const time = (f: () => void): number => {
  const t = performance.now();
  f();
  return performance.now() - t;
};
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))] as number;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

const work = mkdtempSync(join(tmpdir(), 'spanwise-figures-probe-'));
try {
  const db = openStore(join(work, 'library.db'));
  const built = performance.now();
  const ids = build(db);
  console.log(`built ${ARTICLES} articles, ${ARTICLES * PER} figures in ${Math.round((performance.now() - built) / 1000)} s`);
  // The build left every scope dirty, as an upgrade does; start from the same state for the timing.
  refreshDisagreements(db);
  db.pragma('wal_checkpoint(TRUNCATE)');

  const baseline = time(() => {
    let n = 0;
    for (const row of db.prepare(`SELECT attrs FROM annotations WHERE label = 'figure' AND status = 'ok' AND conflict_of IS NULL`).iterate() as Iterable<{ attrs: string }>) {
      if ((JSON.parse(row.attrs) as { value?: number }).value !== undefined) n++;
    }
    if (n === 0) throw new Error('no figures');
  });
  let peak = process.memoryUsage().rss;
  const rssBefore = peak;
  db.transaction(() => markAllDirty(db))();
  const full = time(() => {
    refreshDisagreements(db, () => {
      peak = Math.max(peak, process.memoryUsage().rss);
    });
  });
  peak = Math.max(peak, process.memoryUsage().rss);
  const found = db.prepare('SELECT kind, scope, count(*) AS n FROM figure_disagreements GROUP BY kind, scope').all();

  const update = db.prepare(`UPDATE annotations SET attrs = json_set(attrs, '$.value', ?) WHERE id = ?`);
  const read = db.prepare('SELECT attrs FROM annotations WHERE id = ?');
  const base: number[] = [];
  const incremental: number[] = [];
  for (let s = 0; s < SAMPLES; s++) {
    const id = ids[(s * 7919) % ids.length] as string;
    base.push(time(() => db.transaction(() => {
      update.run(60 + (s % 20), id);
      read.get(id);
    })()));
    update.run(61 + (s % 20), id);
    incremental.push(time(() => refreshDisagreements(db)));
  }
  console.log(JSON.stringify({
    articles: ARTICLES,
    figures: ARTICLES * PER,
    disagreements: found,
    full_ms: Math.round(full),
    baseline_scan_ms: Math.round(baseline),
    full_vs_scan: Number((full / baseline).toFixed(2)),
    rss_mb_before: mb(rssBefore),
    rss_mb_peak: mb(peak),
    incremental_p95_ms: Number(p95(incremental).toFixed(2)),
    baseline_update_p95_ms: Number(p95(base).toFixed(2)),
    incremental_vs_update: Number((p95(incremental) / p95(base)).toFixed(2)),
    targets: { full_ms: 10_000, rss_mb: 300, incremental_ms: 50 },
  }));
  db.close();
} finally {
  rmSync(work, { recursive: true, force: true });
}
