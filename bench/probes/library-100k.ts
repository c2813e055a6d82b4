/**
 * The library list at 100,000 articles: the time of each page load the renderer makes (the first
 * page of every sort and filter with its total, then pages deep in the list, then the reload after
 * a tag action), on a store of realistic articles (bench/lib/corpus.ts: news-length texts in
 * several scripts, 60% of them annotated). The store is built once and kept for the next run,
 * with a stamp of what built it beside it: a store built by other migrations (0006 changed while
 * unreleased, without a new number), another corpus or another article count is built again.
 *
 * usage: npx tsx bench/probes/library-100k.ts [--articles 100000] [--db /tmp/spanwise-library-100k.db]
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LIBRARY_PAGE_SIZE, type ListInput } from '../../shared/ipc/contract';
import { listArticles } from '../../electron/core/store/list';
import { loadMigrations, openStore, type Db } from '../../electron/core/store/db';
import { generateArticle } from '../lib/corpus';
import { rawInserts } from '../lib/raw-rows';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '100000' }, db: { type: 'string', default: '/tmp/spanwise-library-100k.db' } } });
const n = Number(values.articles);
const file = values.db as string;

function build(db: Db): void {
  const insert = rawInserts(db);
  const base = Date.parse('2025-01-01T00:00:00Z');
  for (let from = 0; from < n; from += 5000) {
    db.transaction(() => {
      for (let i = from; i < Math.min(n, from + 5000); i++) {
        const a = generateArticle('spanwise-library-probe', i);
        const at = new Date(base + i * 1000).toISOString();
        // A tenth of the articles have no published date, as pasted texts often do.
        insert.article.run({ ...a, published_at: i % 10 === 3 ? null : a.publishedAt, text_hash: `h${i}`, at });
        for (const s of a.spans) insert.annotation.run({ ...s, article_id: a.id, quote: a.text.slice(s.start, s.end), attrs: JSON.stringify(s.attrs), at });
      }
    })();
    process.stderr.write(`\rbuilt ${Math.min(n, from + 5000)} of ${n}`);
  }
  process.stderr.write('\n');
}

/** What the store's content depends on: the schema's full text, the corpus generator, the inserts, and the count. */
function stampOf(): string {
  const hash = createHash('sha256');
  for (const m of loadMigrations()) hash.update(`${m.version}\0${m.sql}\0`);
  for (const source of ['../lib/corpus.ts', '../lib/vocab.ts', '../lib/rng.ts', '../lib/raw-rows.ts', './library-100k.ts']) {
    hash.update(readFileSync(fileURLToPath(new URL(source, import.meta.url))));
  }
  hash.update(String(n));
  return hash.digest('hex');
}

const stamp = stampOf();
const stampFile = `${file}.stamp`;
if (!existsSync(file) || !existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp) {
  if (existsSync(file)) process.stderr.write(`${file} was built by other code or for another count: building it again\n`);
  for (const f of [file, `${file}-wal`, `${file}-shm`, stampFile]) rmSync(f, { force: true });
  const db = openStore(file);
  build(db);
  db.close();
  // Written last: a build that was interrupted leaves no stamp, so the next run starts over.
  writeFileSync(stampFile, stamp);
}
const db = openStore(file);

function time(input: Partial<ListInput>): number {
  const t = performance.now();
  listArticles(db, { sort: 'imported', descending: true, limit: LIBRARY_PAGE_SIZE, offset: 0, ...input } as Parameters<typeof listArticles>[1]);
  return Math.round((performance.now() - t) * 10) / 10;
}

const source = (db.prepare("SELECT source FROM articles WHERE source IS NOT NULL GROUP BY source ORDER BY count(*) DESC LIMIT 1").pluck().get() as string) ?? '';
const rows: Record<string, Record<string, number>> = {};
for (const sort of ['imported', 'published', 'title', 'annotations'] as const) {
  for (const descending of [true, false]) {
    rows[`sort ${sort} ${descending ? 'desc' : 'asc'}`] = {
      firstPage: time({ sort, descending }),
      middle: time({ sort, descending, offset: Math.floor(n / 2) }),
      last: time({ sort, descending, offset: n - LIBRARY_PAGE_SIZE }),
    };
  }
}
for (const [name, filter] of [
  ['not yet annotated', { unannotated: true }],
  ['has event', { label: 'event' }],
  ['has figure, by annotations', { label: 'figure', sort: 'annotations' }],
  ['source', { source }],
  ['published 2024', { publishedFrom: '2024-01-01', publishedTo: '2024-12-31' }],
  ['published 2024, by published', { publishedFrom: '2024-01-01', publishedTo: '2024-12-31', sort: 'published' }],
  ['search "drones"', { query: 'drones', sort: 'relevance' }],
] as [string, Partial<ListInput>][]) {
  rows[name] = { firstPage: time(filter), middle: time({ ...filter, offset: 2000 }) };
}
console.log(`${n} articles, ${(db.prepare('SELECT count(*) FROM annotations').pluck().get() as number).toLocaleString('en')} annotations; ms per page of ${LIBRARY_PAGE_SIZE}`);
console.table(rows);
db.close();
