import { SEARCH_CAP, type ListItem, type ParsedInputOf } from '../../../shared/ipc/contract';
import { HIT_CLOSE, HIT_OPEN } from '../../../shared/model';
import { cached, type Db } from './db';
import { unsegment } from './segment';
import { filterParts, type FilterParts } from './filters';
import { searchPageIds } from './search-page';

type ParsedList = ParsedInputOf<'articles/list'>;

interface Row {
  rid: number;
  id: string;
  title: string;
  source: string | null;
  published_at: string | null;
  imported_at: string;
  event: number;
  claim: number;
  actor: number;
  figure: number;
}

/**
 * One page of the library. At 100,000 articles every part of a page load must read an index, not
 * the table: the page's ids come from an index walk in the order asked for (each order has an
 * index: migration 0006), joining only what the filter needs; only then are the page's fifty rows
 * read with their counts; the total is counted once per filter and change to the library. A
 * search counts up to SEARCH_CAP hits (`capped` past it) and ranks a common term's newest hits
 * only (search-page.ts).
 */
export function listArticles(db: Db, input: ParsedList): { total: number; capped: boolean; items: ListItem[] } {
  const parts = filterParts(input);
  if (!parts) return { total: 0, capped: false, items: [] };
  const searching = parts.fts !== null;
  const { total, capped } = countOf(db, parts);
  const ids = unfilteredSearch(parts, input)
    ? searchPageIds(db, parts.fts as string, capped, input.limit, input.offset)
    : (cached(db, pageSql(parts, input), 'pluck').all({ ...parts.params, limit: input.limit, offset: input.offset }) as string[]);
  if (ids.length === 0) return { total, capped, items: [] };
  const rows = cached(
    db,
    `SELECT a.rowid AS rid, a.id, a.title, a.source, a.published_at, a.imported_at, c.event, c.claim, c.actor, c.figure
     FROM articles a JOIN article_counts c ON c.article_id = a.id WHERE a.id IN (SELECT value FROM json_each(@ids))`,
  ).all({ ids: JSON.stringify(ids) }) as Row[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const page = ids.map((id) => byId.get(id)).filter((r): r is Row => r !== undefined);
  const snippets = searching ? pageSnippets(db, parts.fts as string, page.map((r) => r.rid)) : new Map<number, string>();
  return {
    total,
    capped,
    items: page.map((r) => ({
      id: r.id,
      title: r.title,
      source: r.source,
      publishedAt: r.published_at,
      importedAt: r.imported_at,
      counts: { event: r.event, claim: r.claim, actor: r.actor, figure: r.figure },
      snippet: searching ? (snippets.get(r.rid) ?? null) : null,
    })),
  };
}

/** A relevance search with no other filter: ranked in the index alone (search-page.ts). */
const unfilteredSearch = (parts: FilterParts, input: ParsedList) =>
  parts.fts !== null && input.sort === 'relevance' && parts.article.length === 0 && parts.counts.length === 0;

/** The ids of one page, in order, reading as little as the filter and sort allow. */
function pageSql(parts: FilterParts, input: ParsedList): string {
  const dir = input.descending ? 'DESC' : 'ASC';
  const page = 'LIMIT @limit OFFSET @offset';
  if (parts.fts !== null && input.sort === 'relevance') {
    return `SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid${countsJoin(parts)}
            ${where([...ftsMatch(parts), ...parts.article, ...parts.counts])} ORDER BY articles_fts.rank, a.rowid ${page}`;
  }
  const fts = ftsJoin(parts);
  if (input.sort === 'annotations') {
    // The counts table leads: its index on total gives the order (its rowid breaks ties, and
    // follows the articles' insertion order), and the articles are joined only when filtered on.
    const articles = parts.article.length || fts ? ` JOIN articles a ON a.id = c.article_id${fts}` : '';
    return `SELECT c.article_id FROM article_counts c${articles}
            ${where([...ftsMatch(parts), ...parts.article, ...parts.counts])} ORDER BY c.total ${dir}, c.rowid ${dir} ${page}`;
  }
  // The unary plus keeps the planner on the sort's index, checking the counts row by row, rather
  // than collecting every matching count (half the library for "has an event") to sort it.
  return `SELECT a.id FROM articles a${countsJoin(parts)}${fts}
          ${where([...ftsMatch(parts), ...parts.article, ...parts.counts.map((c) => `+${c}`)])} ORDER BY ${articleOrder(input.sort, dir)} ${page}`;
}

/** The joins and conditions a query from `articles a` needs for the filter's parts, and no more. */
const where = (conditions: string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');
const ftsJoin = (parts: FilterParts) => (parts.fts !== null ? ' JOIN articles_fts ON articles_fts.rowid = a.rowid' : '');
const ftsMatch = (parts: FilterParts) => (parts.fts !== null ? ['articles_fts MATCH @fts'] : []);
const countsJoin = (parts: FilterParts) => (parts.counts.length ? ' JOIN article_counts c ON c.article_id = a.id' : '');

function articleOrder(sort: ParsedList['sort'], dir: 'ASC' | 'DESC'): string {
  // rowid breaks ties so paging through equal keys is stable.
  switch (sort) {
    case 'published':
      // Undated articles last either way; both directions have an index in exactly this order.
      return `a.published_at IS NULL, a.published_at ${dir}, a.rowid ${dir}`;
    case 'title':
      return `a.title COLLATE NOCASE ${dir}, a.rowid ${dir}`;
    case 'relevance':
      // Relevance without a query: newest first.
      return 'a.imported_at DESC, a.rowid DESC';
    default:
      return `a.imported_at ${dir}, a.rowid ${dir}`;
  }
}

const counts = new WeakMap<Db, Map<string, { stamp: string; total: number; capped: boolean }>>();

/** Forgets the totals counted on this connection, so the next search counts as a first one does (the bench times it). */
export function forgetTotals(db: Db): void {
  counts.delete(db);
}

/**
 * The number of articles a filter matches. Counted once per filter until the library changes
 * (any write on this connection, or a commit by another: the CLI importing while the app is
 * open), so scrolling through a result list costs no count at all. A search stops counting at
 * SEARCH_CAP + 1 hits: counting a word in most articles reads its whole index list.
 */
function countOf(db: Db, parts: FilterParts): { total: number; capped: boolean } {
  const stamp = `${cached(db, 'SELECT total_changes()', 'pluck').get() as number}:${db.pragma('data_version', { simple: true }) as number}`;
  const key = JSON.stringify([parts.fts, parts.article, parts.counts, parts.params]);
  let byFilter = counts.get(db);
  if (!byFilter) counts.set(db, (byFilter = new Map()));
  const hit = byFilter.get(key);
  if (hit && hit.stamp === stamp) return hit;
  const counted = cached(db, countSql(parts), 'pluck').get(parts.params) as number;
  const capped = parts.fts !== null && counted > SEARCH_CAP;
  const total = capped ? SEARCH_CAP : counted;
  if (byFilter.size > 100) byFilter.clear();
  byFilter.set(key, { stamp, total, capped });
  return { total, capped };
}

function countSql(parts: FilterParts): string {
  // Every article has its counts row (a trigger adds it), so either table alone counts articles.
  if (parts.fts === null && parts.article.length === 0) return `SELECT count(*) FROM article_counts c ${where(parts.counts)}`;
  const hits =
    parts.article.length === 0 && parts.counts.length === 0
      ? 'SELECT 1 FROM articles_fts WHERE articles_fts MATCH @fts'
      : `SELECT 1 FROM articles a${ftsJoin(parts)}${countsJoin(parts)} ${where([...ftsMatch(parts), ...parts.article, ...parts.counts])}`;
  return parts.fts === null ? `SELECT count(*) FROM (${hits})` : `SELECT count(*) FROM (${hits} LIMIT ${SEARCH_CAP + 1})`;
}

/**
 * Snippets for one page of hits only. Asked for in the ranked query itself, SQLite would build a
 * snippet (re-reading and re-tokenising the whole article) for every match before sorting, which
 * on a common word is thousands of articles for a page of fifty.
 */
function pageSnippets(db: Db, fts: string, rowids: number[]): Map<number, string> {
  // The unary plus keeps the rowid list a filter: offered to FTS5 as a constraint, it would run the
  // whole MATCH once per listed row (for a prefix query, a prefix expansion each time).
  const rows = cached(
    db,
    `SELECT rowid AS rid, snippet(articles_fts, -1, '${HIT_OPEN}', '${HIT_CLOSE}', '…', 16) AS snippet
     FROM articles_fts WHERE articles_fts MATCH @fts AND +rowid IN (SELECT value FROM json_each(@ids))`,
  ).all({ fts, ids: JSON.stringify(rowids) }) as { rid: number; snippet: string }[];
  return new Map(rows.map((r) => [r.rid, unsegment(r.snippet)]));
}
