import type { Db, Migration } from './db';

/**
 * The article search index rebuilt in the background (migration 0019). Migration 0015 gave the
 * index four- and five-character prefixes by rebuilding it inside the migration, which at
 * 100,000 articles kept the library shut for 13 minutes. A library that meets 0015 and 0019 at
 * the same open skips 0015's SQL: 0019 makes the new index empty beside the old one, and slices
 * (`rebuildSlice`) fill it in rowid order, each in its own transaction, with the position kept
 * in search_index_rebuild. Searches keep reading articles_fts, the old index, which the triggers
 * keep right; they also keep the new one right for the articles it holds already (those up to
 * `done`), and the slices take the rest as they find them. When a slice finds nothing left, it
 * drops the old index and renames the new one in its place, with the triggers a new library
 * has; the slices after it wipe the pages the old index held (`swapIn`). A crash between
 * migrations is no matter: 0019 starts a rebuild wherever the index lacks the new prefixes.
 */

const NEXT = 'articles_fts_next';
const PREFIXES = '2 3 4 5';

/** A migration whose work a later one does instead when both run at the same open. */
const DEFERRED: readonly { version: number; name: string; by: { version: number; name: string } }[] = [
  { version: 15, name: 'search-prefixes-four-five', by: { version: 19, name: 'search-index-rebuilt-in-background' } },
];

const same = (m: Migration, ref: { version: number; name: string }) => m.version === ref.version && m.name === ref.name;

/**
 * Whether `m`'s SQL is left out because a later migration among `pending` does its work. Only
 * where there is work to put off: a library with no articles (every new one) runs 0015 as it is.
 */
export function deferredByLater(db: Db, m: Migration, pending: readonly Migration[]): boolean {
  return DEFERRED.some((d) => same(m, d) && pending.some((p) => same(p, d.by))) && db.prepare('SELECT EXISTS (SELECT 1 FROM articles)').pluck().get() === 1;
}

/**
 * Work a migration does after its SQL, in its transaction. 0019 judges by the schema, not by
 * what this open skipped: a library whose index lacks the new prefixes gets a rebuild, however
 * it came to lack them.
 */
export function afterMigration(db: Db, m: Migration): void {
  if (same(m, { version: 19, name: 'search-index-rebuilt-in-background' }) && prefixesOf(db, 'articles_fts') !== PREFIXES) beginRebuild(db);
}

function prefixesOf(db: Db, table: string): string | null {
  const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck().get(table) as string | undefined;
  return sql?.match(/prefix\s*=\s*'([^']*)'/)?.[1] ?? null;
}

function beginRebuild(db: Db): void {
  db.exec(`
    DROP TABLE IF EXISTS ${NEXT};
    -- Laid out as in 0015, so the swapped-in index has a new library's schema.
CREATE VIRTUAL TABLE ${NEXT} USING fts5 (
  title, text,
  content = 'articles_fts_source', content_rowid = 'rid',
  tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'",
  prefix = '${PREFIXES}'
);
    INSERT INTO ${NEXT} (${NEXT}, rank) VALUES ('secure-delete', 1);
    DELETE FROM search_index_rebuild;
    ${DROP_TRIGGERS}
    ${ftsTriggers(true)}
  `);
  db.prepare('INSERT INTO search_index_rebuild (id, done, started_at) VALUES (1, 0, ?)').run(new Date().toISOString());
}

const DROP_TRIGGERS = 'DROP TRIGGER articles_fts_ai; DROP TRIGGER articles_fts_ad; DROP TRIGGER articles_fts_au;';

/** The new index's part of a trigger: only for articles a slice has put in already. */
const HELD = (row: 'old' | 'new') => `${row}.rowid <= (SELECT done FROM search_index_rebuild)`;

const SEGMENT_NEW = `  INSERT INTO articles_segmented (rowid, title, text)
    SELECT new.rowid, t, x FROM (SELECT spanwise_segment(new.title) AS t, spanwise_segment(new.text) AS x)
    WHERE t IS NOT NULL OR x IS NOT NULL;`;
const UNSEGMENT_OLD = '  DELETE FROM articles_segmented WHERE rowid = old.rowid;';
const indexNew = (table: string, only = '') => `  INSERT INTO ${table} (rowid, title, text) SELECT rid, title, text FROM articles_fts_source WHERE rid = new.rowid${only};`;
// A delete gives an index exactly what it was given, so the segmented copy is read before it goes.
const unindexOld = (table: string, only = '') => `  INSERT INTO ${table} (${table}, rowid, title, text)
    SELECT 'delete', old.rowid, coalesce(s.title, old.title), coalesce(s.text, old.text)
    FROM (SELECT 1) LEFT JOIN articles_segmented s ON s.rowid = old.rowid${only};`;

/**
 * Migration 0006's triggers, word for word (so a rebuilt library has a new library's schema), or,
 * while a rebuild runs, the same each also writing the new index for the articles it holds.
 */
function ftsTriggers(rebuilding: boolean): string {
  const index = [indexNew('articles_fts'), ...(rebuilding ? [indexNew(NEXT, ` AND ${HELD('new')}`)] : [])];
  const unindex = [unindexOld('articles_fts'), ...(rebuilding ? [unindexOld(NEXT, ` WHERE ${HELD('old')}`)] : [])];
  const trigger = (name: string, event: string, body: string[]) => `CREATE TRIGGER ${name} AFTER ${event} ON articles BEGIN\n${body.join('\n')}\nEND;`;
  return [
    trigger('articles_fts_ai', 'INSERT', [SEGMENT_NEW, ...index]),
    trigger('articles_fts_ad', 'DELETE', [...unindex, UNSEGMENT_OLD]),
    trigger('articles_fts_au', 'UPDATE OF title, text', [...unindex, UNSEGMENT_OLD, SEGMENT_NEW, ...index]),
  ].join('\n\n');
}

export interface SearchRebuildProgress {
  /** Articles in the new index. */
  done: number;
  /** Articles in the library. */
  total: number;
}

/** How far a pending rebuild has come; null when none is pending. */
export function searchRebuildProgress(db: Db): SearchRebuildProgress | null {
  const done = db.prepare('SELECT done FROM search_index_rebuild').pluck().get() as number | undefined;
  if (done === undefined) return null;
  // One walk of the articles (the status asks once a second while a rebuild runs).
  const counts = db.prepare('SELECT count(*) AS total, count(*) FILTER (WHERE rowid <= ?) AS done FROM articles').get(done) as SearchRebuildProgress;
  return { done: counts.done, total: counts.total };
}

/**
 * Puts up to `limit` more articles into the new index, in one transaction; the one that finds
 * none left swaps the new index in, and the slices after it wipe the pages the old index left
 * (`scrubSlice`). `finished`: nothing of a rebuild is left to do.
 */
export function rebuildSlice(db: Db, limit: number): { articles: number; finished: boolean } {
  // IMMEDIATE: the slice writes whatever it reads, and another program writing the library would
  // otherwise make it fail half-way to upgrade its read lock.
  return db
    .transaction(() => {
      if (scrubbing(db)) return { articles: 0, finished: scrubSlice(db, limit * SCRUB_PAGES_PER_ARTICLE) };
      const done = db.prepare('SELECT done FROM search_index_rebuild').pluck().get() as number | undefined;
      if (done === undefined) return { articles: 0, finished: true };
      const last = db.prepare('SELECT max(rowid) FROM (SELECT rowid FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?)').pluck().get(done, limit) as number | null;
      if (last === null) {
        swapIn(db);
        return { articles: 0, finished: false };
      }
      const put = db.prepare(`INSERT INTO ${NEXT} (rowid, title, text) SELECT rid, title, text FROM articles_fts_source WHERE rid > ? AND rid <= ? ORDER BY rid`).run(done, last);
      db.prepare('UPDATE search_index_rebuild SET done = ?').run(last);
      return { articles: put.changes, finished: false };
    })
    .immediate();
}

/** Runs every slice at once: the tests' way to finish a rebuild. */
export function finishSearchRebuild(db: Db, sliceSize = 500): void {
  while (!rebuildSlice(db, sliceSize).finished);
}

/** Whether a rebuild (or the wiping after it) is still to be done. */
export function searchRebuildPending(db: Db): boolean {
  return searchRebuildProgress(db) !== null || scrubbing(db);
}

const SCRUB = 'search_index_scrub';
/** A slice sized for this many articles writes this many pages of zeros instead (about as long). */
const SCRUB_PAGES_PER_ARTICLE = 16;

const scrubbing = (db: Db) => db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck().get(SCRUB) === 1;

/** Runs `f` with the page-level secure_delete off, which db.ts otherwise keeps on. */
function withoutPageWipe(db: Db, f: () => void): void {
  db.pragma('secure_delete = OFF');
  try {
    f();
  } finally {
    db.pragma('secure_delete = ON');
  }
}

/**
 * The old index goes at once but its pages are wiped later. With secure_delete on, dropping it
 * zeroes every page it held in the same transaction (1.2 s of the 10,000-article library's last
 * slice, against 0.1 s without); its pages hold the words of articles still in the library, but
 * once one of those is deleted they would be the only trace left of it, so they must not stay.
 * search_index_scrub marks the wiping as pending until it is done.
 */
function swapIn(db: Db): void {
  db.exec(DROP_TRIGGERS);
  withoutPageWipe(db, () => db.exec('DROP TABLE articles_fts'));
  db.exec(`
    ALTER TABLE ${NEXT} RENAME TO articles_fts;
    ${ftsTriggers(false)}
    DELETE FROM search_index_rebuild;
    CREATE TABLE ${SCRUB} (fill BLOB);
  `);
}

/**
 * Writes zeros over up to `pages` free pages: a row of zeros takes its pages from the free list
 * first, so rows added until the list is empty have overwritten every page the old index left.
 * The rows are then dropped without a second wipe (they hold nothing). True when done.
 */
function scrubSlice(db: Db, pages: number): boolean {
  const free = db.pragma('freelist_count', { simple: true }) as number;
  if (free === 0) {
    withoutPageWipe(db, () => db.exec(`DROP TABLE ${SCRUB}`));
    return true;
  }
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  // An overflow page carries a little less than a page (its link, an encrypted page's reserve).
  const bytes = Math.max(1, Math.min(free, pages)) * (pageSize - 128);
  db.prepare(`INSERT INTO ${SCRUB} (fill) VALUES (zeroblob(?))`).run(bytes);
  return false;
}
