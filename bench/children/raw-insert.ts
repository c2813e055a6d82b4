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

const [dbFile, ...shards] = process.argv.slice(2);
if (!dbFile || shards.length === 0) throw new Error('usage: raw-insert.ts DB SHARD...');

type Row = Record<string, string | number | null>;
const articles: { row: Row; annotations: Row[] }[] = [];
let annotationCount = 0;
const prepStart = performance.now();
const now = new Date().toISOString();
for (const shard of shards) {
  for (const r of readShard(shard)) {
    const text = r.text as string;
    const row: Row = {
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
    const annotations: Row[] = [];
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
const insertArticle = db.prepare(
  `INSERT INTO articles (id, title, source, url, author, published_at, language, text, original_text, text_hash, imported_at, updated_at)
   VALUES (@id, @title, @source, @url, @author, @published_at, @language, @text, NULL, @text_hash, @at, @at)`,
);
const insertAnnotation = db.prepare(
  `INSERT INTO annotations (id, article_id, label, start, "end", quote, note, attrs, author, status, created_at, updated_at)
   VALUES (@id, @article_id, @label, @start, @end, @quote, @note, @attrs, 'bench', 'ok', @at, @at)`,
);
const insertStart = performance.now();
// One transaction, in the importer's order (each article, then its spans).
db.transaction(() => {
  for (const a of articles) {
    insertArticle.run(a.row);
    for (const s of a.annotations) insertAnnotation.run(s);
  }
})();
// Closing checkpoints the WAL into the file; the command pays that before it exits, so it is timed here too.
db.close();
const insertMs = performance.now() - insertStart;
process.stdout.write(`${JSON.stringify({ articles: articles.length, annotations: annotationCount, prepMs, insertMs })}\n`);
