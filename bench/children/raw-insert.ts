/**
 * The import baseline: raw better-sqlite3 inserts of the rows `spanwise import` writes for the
 * same shards, into a store with the same schema, pragmas, FTS5 index and triggers (opened with
 * the app's openStore, untimed). Rows are built in memory first (untimed: reading, JSON parsing,
 * offset conversion, hashing), so the timed part is only the inserts and the commit: the least
 * any importer of these rows must pay.
 *
 * usage: raw-insert.ts DB SHARD...   prints {articles, annotations, prepMs, insertMs}
 */
import { createHash } from 'node:crypto';
import { openStore } from '../../electron/core/store/db';
import { makeUtf16Converter } from '../../shared/text';
import { readShard } from '../lib/files';
import { rawInserts, type RawAnnotation, type RawArticle } from '../lib/raw-rows';

const [dbFile, ...shards] = process.argv.slice(2);
if (!dbFile || shards.length === 0) throw new Error('usage: raw-insert.ts DB SHARD...');

const articles: { row: RawArticle; annotations: RawAnnotation[] }[] = [];
let annotationCount = 0;
const prepStart = performance.now();
const now = new Date().toISOString();
for (const shard of shards) {
  for (const r of readShard(shard)) {
    const text = r.text as string;
    const row: RawArticle = {
      id: r.id as string,
      title: r.title as string,
      source: r.source as string,
      url: r.url as string,
      author: (r.author as string | null) ?? null,
      published_at: r.published_at as string,
      language: r.language as string,
      text,
      text_hash: createHash('sha256').update(text, 'utf8').digest('hex'),
      at: now,
    };
    const annotations: RawAnnotation[] = [];
    const toUtf16 = makeUtf16Converter(text);
    for (const s of r.spans as Record<string, unknown>[]) {
      const start = toUtf16(s.start as number);
      const end = toUtf16(s.end as number);
      annotations.push({
        id: s.id as string,
        article_id: r.id as string,
        label: (s.label as string).toLowerCase(),
        start,
        end,
        quote: text.slice(start, end),
        note: s.note as string,
        attrs: JSON.stringify(s.attrs),
        at: now,
      });
    }
    annotationCount += annotations.length;
    articles.push({ row, annotations });
  }
}
const prepMs = performance.now() - prepStart;

const db = openStore(dbFile);
const insert = rawInserts(db);
const insertStart = performance.now();
// One transaction, in the importer's order (each article, then its spans).
db.transaction(() => {
  for (const a of articles) {
    insert.article.run(a.row);
    for (const s of a.annotations) insert.annotation.run(s);
  }
})();
// Closing checkpoints the WAL into the file; the command pays that before it exits, so it is timed here too.
db.close();
const insertMs = performance.now() - insertStart;
process.stdout.write(`${JSON.stringify({ articles: articles.length, annotations: annotationCount, prepMs, insertMs })}\n`);
