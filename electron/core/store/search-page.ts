import { SEARCH_CAP } from '../../../shared/ipc/contract';
import { cached, type Db } from './db';

/**
 * The ranked page of an unfiltered search, with a top-k path for common terms. FTS5 ranks every
 * match before it can keep the best rows (bm25 has no early exit), so a word in most articles
 * costs its whole list on every page. A search whose count reaches SEARCH_CAP (the count stops
 * there: listArticles) ranks only its SEARCH_CAP newest matches, found by walking the index list
 * from its end, which costs the cap rather than the library; rows past them, asked for by an
 * offset beyond the cap, follow newest first. A query holding a phrase of several words lists
 * its matches newest first past the cap, unranked: bm25 weighs each phrase by the articles it is
 * in, and FTS5 finds those by checking the phrase in every article holding all its words (400 ms
 * for "the the a" at 100,000 articles, whatever the rows ranked).
 *
 * What ranking gives up: for such a query an older article that would rank high is not among
 * the ranked ones (or, with a phrase, nothing is ranked). A query matching fewer than SEARCH_CAP
 * articles is ranked over all of them.
 */
export function searchPageIds(db: Db, fts: string, capped: boolean, limit: number, offset: number): string[] {
  if (!capped) return rankedIds(db, fts, null, limit, offset);
  if (hasPhrase(fts)) return newestIds(db, fts, null, limit, offset);
  // The rowid of the SEARCH_CAP-th newest match: the ranked rows are it and those after it.
  const floor = cached(
    db,
    `SELECT rowid FROM articles_fts WHERE articles_fts MATCH @fts ORDER BY rowid DESC LIMIT 1 OFFSET ${SEARCH_CAP - 1}`,
    'pluck',
  ).get({ fts }) as number | undefined;
  if (floor === undefined) return rankedIds(db, fts, null, limit, offset);
  const ranked = offset < SEARCH_CAP ? rankedIds(db, fts, floor, Math.min(limit, SEARCH_CAP - offset), offset) : [];
  if (ranked.length >= limit) return ranked;
  return [...ranked, ...newestIds(db, fts, floor, limit - ranked.length, Math.max(0, offset - SEARCH_CAP))];
}

/** toFtsQuery quotes every term; a space inside one is a phrase of several index tokens. */
export const hasPhrase = (fts: string) => /"[^"]* [^"]*"/.test(fts.replace(/""/g, ''));

/** Matches newest first (the index list read from its end), below `below` when given. */
function newestIds(db: Db, fts: string, below: number | null, limit: number, offset: number): string[] {
  const under = below === null ? '' : ' AND rowid < @below';
  return cached(
    db,
    `SELECT (SELECT id FROM articles WHERE rowid = h.rowid) FROM
       (SELECT rowid FROM articles_fts WHERE articles_fts MATCH @fts${under} ORDER BY rowid DESC LIMIT @limit OFFSET @offset) h
     ORDER BY h.rowid DESC`,
    'pluck',
  ).all({ fts, limit, offset, ...(below === null ? {} : { below }) }) as string[];
}

/**
 * Ranked in the index alone, the article table joined for the page's rows only. Ordered by rank
 * and rowid, SQLite keeps the best rows of the page as it goes; ORDER BY rank alone hands the sort
 * to FTS5, which sorts every match (about twice as slow on a common word).
 */
function rankedIds(db: Db, fts: string, floor: number | null, limit: number, offset: number): string[] {
  const from = floor === null ? '' : ' AND rowid >= @floor';
  return cached(
    db,
    `SELECT (SELECT id FROM articles WHERE rowid = h.rid) FROM
       (SELECT rowid AS rid, rank AS r FROM articles_fts WHERE articles_fts MATCH @fts${from} ORDER BY rank, rowid LIMIT @limit OFFSET @offset) h
     ORDER BY h.r, h.rid`,
    'pluck',
  ).all({ fts, limit, offset, ...(floor === null ? {} : { floor }) }) as string[];
}
