import { createWriteStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { SHIPPED_TYPES } from '../../shared/codebook';
import { exportCorpus } from '../../electron/core/export/index';
import { ACLED_COLUMNS } from '../../electron/core/export/acled';
import { openStore, type Db } from '../../electron/core/store/db';
import { listEvents } from '../../electron/core/store/events';
import type { EventsQuery } from '../../shared/ipc/events';
import type { Config } from '../lib/config';
import { generateArticle } from '../lib/corpus';
import { rawInserts } from '../lib/raw-rows';
import { emit, median, note, percentile } from '../lib/report';
import { rngFor } from '../lib/rng';

/**
 * Events as records, in one process on one store of 120,000 events (40,000 articles with three
 * events each, every event with an actor span and its actor role; the first events of 40,000
 * articles paired into 20,000 incidents, so the library has 100,000 incidents and lone events):
 * - a page of the Events table (`events/list`: sorted by date at a random depth, by type, filtered
 *   by type, by a date range), p95 against the page's row ids read from the date index alone in
 *   the same run (the walk no page can skip); the target is 50 ms;
 * - the ACLED export of those 100,000 rows against a raw read-and-serialise baseline: one plain
 *   SELECT of the same events with their articles and incidents, written as 31-cell CSV records
 *   with the same CSV writer. The target is twice the baseline.
 */
const SEED = 'spanwise-events-bench';
const LOCATIONS = ['Ostrivka', 'Kharkiv', 'Odesa', 'Dnipro', 'Lviv', 'Sumy', 'Kherson', 'Zaporizhzhia'];

export function buildStore(file: string, articles: number): { db: Db; events: number; incidents: number } {
  const db = openStore(file);
  const insert = rawInserts(db);
  const role = db.prepare('INSERT INTO event_roles (event_id, role, span_id, article_id, position) VALUES (?, ?, ?, ?, 0)');
  const incident = db.prepare('INSERT INTO incidents (id, title, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  const member = db.prepare('INSERT INTO incident_events (event_id, incident_id, article_id) VALUES (?, ?, ?)');
  const types = SHIPPED_TYPES.flatMap((t) => t.subTypes.map((s) => ({ type: t.type, subType: s })));
  const rng = rngFor(SEED, 'events');
  const at = '2026-01-01T00:00:00.000Z';
  let events = 0;
  let incidents = 0;
  let previousArticle = '';
  db.transaction(() => {
    for (let i = 0; i < articles; i++) {
      const a = generateArticle(SEED, i, { spans: 0, words: 120 });
      insert.article.run({ ...a, published_at: a.publishedAt, text_hash: `h${i}`, at });
      const words = [...a.text.matchAll(/\p{L}+/gu)];
      for (let k = 0; k < 3; k++) {
        const w = words[(k * 7) % words.length] as RegExpMatchArray;
        const actor = words[(k * 7 + 3) % words.length] as RegExpMatchArray;
        const kind = types[Math.floor(rng() * types.length)] as { type: string; subType: string };
        const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(rng() * 730) * 86_400_000).toISOString().slice(0, 10);
        const eventId = `e${i}-${k}`;
        const attrs = { date: day, location: LOCATIONS[Math.floor(rng() * LOCATIONS.length)], type: kind.type, subType: kind.subType };
        insert.annotation.run({ id: eventId, article_id: a.id, label: 'event', start: w.index ?? 0, end: (w.index ?? 0) + w[0].length, quote: w[0], note: '', attrs: JSON.stringify(attrs), at });
        insert.annotation.run({
          id: `a${i}-${k}`,
          article_id: a.id,
          label: 'actor',
          start: actor.index ?? 0,
          end: (actor.index ?? 0) + actor[0].length,
          quote: actor[0],
          note: '',
          attrs: JSON.stringify({ canonicalName: `Actor ${Math.floor(rng() * 500)}` }),
          at,
        });
        role.run(eventId, 'actor', `a${i}-${k}`, a.id);
        events++;
        if (k === 0 && i % 2 === 1) {
          const id = `inc${i}`;
          incident.run(id, '', '', at, at);
          member.run(`e${i - 1}-0`, id, previousArticle);
          member.run(eventId, id, a.id);
          incidents++;
        }
      }
      previousArticle = a.id;
    }
  })();
  db.pragma('optimize');
  return { db, events, incidents };
}

function eventPages(db: Db, total: number, samples: number): { value: number; baseline: number; p50: number; byKind: Record<string, number> } {
  const rng = rngFor(SEED, 'pages');
  const types = SHIPPED_TYPES.map((t) => t.type);
  const kinds: { name: string; query: () => EventsQuery }[] = [
    { name: 'date', query: () => ({ sort: 'date', offset: Math.floor(rng() * (total - 100)), limit: 100 }) },
    { name: 'type', query: () => ({ sort: 'type', descending: false, offset: Math.floor(rng() * (total - 100)), limit: 100 }) },
    { name: 'type-filter', query: () => ({ sort: 'date', type: types[Math.floor(rng() * types.length)], offset: Math.floor(rng() * 1000), limit: 100 }) },
    { name: 'date-range', query: () => ({ sort: 'date', dateFrom: '2024-06-01', dateTo: '2024-08-31', offset: Math.floor(rng() * 1000), limit: 100 }) },
  ];
  const baselineQuery = db
    .prepare(`SELECT n.rowid FROM annotations n WHERE n.label = 'event' AND n.status = 'ok' AND n.conflict_of IS NULL ORDER BY json_extract(n.attrs, '$.date') DESC, n.rowid DESC LIMIT 100 OFFSET ?`)
    .pluck();
  // Warm both paths, so neither pays for the first page reads.
  for (const k of kinds) for (let i = 0; i < 5; i++) listEvents(db, k.query());
  for (let i = 0; i < 20; i++) baselineQuery.all(Math.floor(rng() * (total - 100)));
  const pages: number[] = [];
  const walk: number[] = [];
  const byKind: Record<string, number[]> = {};
  for (let i = 0; i < samples; i++) {
    const kind = kinds[i % kinds.length] as (typeof kinds)[number];
    let t0 = performance.now();
    listEvents(db, kind.query());
    const took = performance.now() - t0;
    pages.push(took);
    (byKind[kind.name] ??= []).push(took);
    t0 = performance.now();
    baselineQuery.all(Math.floor(rng() * (total - 100)));
    walk.push(performance.now() - t0);
  }
  const p95 = Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, Math.round(percentile(v, 95) * 1000) / 1000]));
  return { value: percentile(pages, 95), baseline: percentile(walk, 95), p50: median(pages), byKind: p95 };
}

/** The baseline: the same events, their articles and incidents in one plain SELECT, written as 31-cell CSV records. */
async function rawAcled(db: Db, out: string): Promise<number> {
  const t0 = performance.now();
  const file = createWriteStream(out);
  const rows = db
    .prepare(
      `SELECT coalesce(m.incident_id, n.id) AS row_id, json_extract(n.attrs, '$.date') AS date, json_extract(n.attrs, '$.type') AS type, json_extract(n.attrs, '$.subType') AS sub_type,
              json_extract(n.attrs, '$.location') AS location, a.source AS source, n.quote AS quote, n.updated_at AS updated_at
       FROM annotations n JOIN articles a ON a.id = n.article_id LEFT JOIN incident_events m ON m.event_id = n.id
       WHERE n.label = 'event' AND n.status = 'ok' AND n.conflict_of IS NULL ORDER BY m.incident_id IS NULL, coalesce(m.incident_id, n.rowid)`,
    )
    .raw()
    .iterate() as IterableIterator<unknown[]>;
  let pending = stringify([[...ACLED_COLUMNS]], { record_delimiter: 'windows' });
  for (const r of rows) {
    const cells: unknown[] = new Array(ACLED_COLUMNS.length).fill('');
    cells[0] = r[0];
    cells[1] = r[1];
    cells[5] = r[2];
    cells[6] = r[3];
    cells[21] = r[4];
    cells[25] = r[5];
    cells[27] = r[6];
    cells[30] = r[7];
    pending += stringify([cells], { record_delimiter: 'windows' });
    if (pending.length > 64 * 1024) {
      if (!file.write(pending)) await new Promise<void>((resolve) => file.once('drain', () => resolve()));
      pending = '';
    }
  }
  await new Promise<void>((resolve, reject) => file.end(pending, () => resolve()).on('error', reject));
  return performance.now() - t0;
}

export async function eventsSuite(cfg: Config): Promise<void> {
  const articles = cfg.quick ? 2_000 : 40_000;
  note(`events: building ${articles * 3} events in ${articles} articles`);
  const { db, events, incidents } = buildStore(join(cfg.work, 'events.db'), articles);
  try {
    const rows = events - incidents;
    note(`events: ${events} events, ${incidents} incidents, ${rows} dataset rows`);
    const p = eventPages(db, events, cfg.quick ? 200 : 400);
    emit({
      suite: 'events',
      figure: 'events-page-p95',
      scale: cfg.quick ? 'quick' : '1x',
      size: { events },
      value: p.value,
      unit: 'ms',
      baseline: p.baseline,
      baselineIs: "p95 of the page's row ids read from the date index alone",
      ratio: p.value / p.baseline,
      ...(cfg.quick ? {} : { target: 'value <= 50' }),
      extra: { p50: Math.round(p.p50 * 1000) / 1000, p95ByKind: p.byKind },
    });

    const baseline = await rawAcled(db, join(cfg.work, 'raw-acled.csv'));
    const t0 = performance.now();
    const result = await exportCorpus(db, { format: 'acled', out: join(cfg.work, 'acled.csv') });
    const value = performance.now() - t0;
    emit({
      suite: 'events',
      figure: 'acled-export',
      scale: cfg.quick ? 'quick' : '1x',
      size: { rows: result.articles, events: result.spans },
      value,
      unit: 'ms',
      baseline,
      baselineIs: 'one plain SELECT of the same events with their articles and incidents, written as 31-cell CSV records',
      ratio: value / baseline,
      ...(cfg.quick ? {} : { target: 'ratio <= 2' }),
      extra: { bytes: statSync(join(cfg.work, 'acled.csv')).size, rawBytes: statSync(join(cfg.work, 'raw-acled.csv')).size },
    });
  } finally {
    db.close();
  }
}
