/**
 * The library list at 100,000 articles: the time of each page load the renderer makes (the first
 * page of every sort and filter with its total, then pages deep in the list, then the reload after
 * a tag action), on a store of realistic articles (bench/lib/corpus.ts: news-length texts in
 * several scripts, 60% of them annotated). The store is built once and kept for the next run.
 *
 * usage: npx tsx bench/probes/library-100k.ts [--articles 100000] [--db /tmp/spanwise-library-100k.db]
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LIBRARY_PAGE_SIZE, type ListInput } from '../../shared/ipc/contract';
import { listArticles } from '../../electron/core/store/articles';
import { openStore, type Db } from '../../electron/core/store/db';
import { generateArticle } from '../lib/corpus';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '100000' }, db: { type: 'string', default: '/tmp/spanwise-library-100k.db' } } });
const n = Number(values.articles);
const file = values.db as string;

function build(db: Db): void {
  const article = db.prepare(
    `INSERT INTO articles (id, title, source, url, author, published_at, language, text, original_text, text_hash, imported_at, updated_at)
     VALUES (@id, @title, @source, @url, @author, @publishedAt, @language, @text, NULL, @hash, @at, @at)`,
  );
  const annotation = db.prepare(
    `INSERT INTO annotations (id, article_id, label, start, "end", quote, note, attrs, author, status, created_at, updated_at)
     VALUES (@id, @articleId, @label, @start, @end, @quote, @note, @attrs, 'bench', 'ok', @at, @at)`,
  );
  const base = Date.parse('2025-01-01T00:00:00Z');
  for (let from = 0; from < n; from += 5000) {
    db.transaction(() => {
      for (let i = from; i < Math.min(n, from + 5000); i++) {
        const a = generateArticle('spanwise-library-probe', i);
        const at = new Date(base + i * 1000).toISOString();
        // A tenth of the articles have no published date, as pasted texts often do.
        article.run({ ...a, publishedAt: i % 10 === 3 ? null : a.publishedAt, hash: `h${i}`, at });
        for (const s of a.spans) annotation.run({ ...s, articleId: a.id, quote: a.text.slice(s.start, s.end), attrs: JSON.stringify(s.attrs), at });
      }
    })();
    process.stderr.write(`\rbuilt ${Math.min(n, from + 5000)} of ${n}`);
  }
  process.stderr.write('\n');
}

if (!existsSync(file)) {
  const db = openStore(file);
  build(db);
  db.close();
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
