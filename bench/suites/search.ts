import type { Db } from '../../electron/core/store/db';
import { forgetTotals, listArticles } from '../../electron/core/store/list';
import { openStore } from '../../electron/core/store/db';
import { toFtsQuery } from '../../electron/core/store/search';
import { hasPhrase } from '../../electron/core/store/search-page';
import { SEARCH_CAP, SEARCH_PAGE_SIZE } from '../../shared/ipc/contract';
import type { Config } from '../lib/config';
import { generateArticle } from '../lib/corpus';
import { int, rngFor } from '../lib/rng';
import { emit, median, note, percentile } from '../lib/report';
import { FUNCTION_WORDS } from '../lib/vocab';

/**
 * Search: latency of the library's search (listArticles, as the library's first page asks for it:
 * relevance order, one page of rows (SEARCH_PAGE_SIZE, a screen's worth), the total (counted up
 * to SEARCH_CAP) and a snippet per row) for word, prefix and phrase queries,
 * against the raw FTS5 query for the same page of ids (`MATCH ... ORDER BY rank, rowid LIMIT page`,
 * the fastest raw form: SQLite keeps the page's best rows as it goes, where `ORDER BY rank` alone
 * has FTS5 sort every match).
 *
 * Queries are what an analyst would type after reading: a word, the start of a word, or two or
 * three consecutive words taken from a random article of the rung's corpus, so every query has at
 * least one hit and common words come up as often as they do in the text. Each query runs once on
 * each side to warm the page cache (an open library is warm), then once timed on each side; the
 * library's side pays for its total as a first search does.
 */
const PAGE = SEARCH_PAGE_SIZE;
export const KINDS = ['word', 'prefix', 'phrase'] as const;
export type Kind = (typeof KINDS)[number];

const STOP = new Set(Object.values(FUNCTION_WORDS).flat());

export function queries(cfg: Config, articles: number, kind: Kind): string[] {
  const rng = rngFor(cfg.seed, 'queries', kind, articles);
  const out: string[] = [];
  while (out.length < cfg.queries) {
    const text = generateArticle(cfg.seed, int(rng, 0, articles - 1)).text;
    const tokens = text.match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
    const words = tokens.filter((t) => !STOP.has(t.toLowerCase()) && !/^\d+$/.test(t) && [...t].length >= 3);
    if (words.length === 0) continue;
    if (kind === 'phrase') {
      const at = int(rng, 0, tokens.length - 3);
      out.push(`"${tokens.slice(at, at + int(rng, 2, 3)).join(' ')}"`);
    } else {
      const word = words[int(rng, 0, words.length - 1)] as string;
      out.push(kind === 'word' ? word : `${[...word].slice(0, int(rng, 3, 5)).join('')}*`);
    }
  }
  return out;
}

export function searchSuite(cfg: Config, stores: string[]): void {
  for (const [rung, scale] of cfg.scales.entries()) {
    const n = cfg.articles[rung] as number;
    note(`search ${scale}: ${n} articles`);
    const db = openStore(stores[rung] as string, { readonly: true });
    try {
      const raw = db.prepare('SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank, rowid LIMIT ?');
      for (const kind of KINDS) {
        const qs = queries(cfg, n, kind);
        const app = (q: string) => listArticles(db, { query: q, sort: 'relevance', descending: true, limit: PAGE, offset: 0 });
        const base = (q: string) => raw.all(toFtsQuery(q), PAGE);
        // Both sides run once to warm the page cache (the index, and the articles the snippets
        // read). The library keeps each filter's total for paging; it is forgotten before the
        // timed run, so each search pays for its count as a first search does.
        for (const q of qs) {
          app(q);
          base(q);
        }
        forgetTotals(db);
        const appMs: number[] = [];
        const baseMs: number[] = [];
        const hits: number[] = [];
        for (const q of qs) {
          hits.push(time(appMs, () => app(q)).total);
          time(baseMs, () => base(q));
        }
        for (const [figure, p] of [
          ['p50', 50],
          ['p95', 95],
        ] as const) {
          const value = percentile(appMs, p);
          const baseline = percentile(baseMs, p);
          emit({
            suite: 'search',
            figure: `${kind}_${figure}_ms`,
            scale,
            size: { articles: n, queries: qs.length },
            value,
            unit: 'ms',
            baseline,
            baselineIs: `raw FTS5 MATCH ... ORDER BY rank, rowid LIMIT ${PAGE} (ids only), ${figure}`,
            ratio: value / baseline,
            ...(figure === 'p95' ? { target: 'value <= 20' } : {}),
            extra: {
              medianHits: median(hits),
              hitsCountedUpTo: SEARCH_CAP + 1,
              maxHits: Math.max(...hits),
              maxMs: Math.round(Math.max(...appMs)),
              ...(figure === 'p95' ? { slowest: slowest(qs, appMs), slowestBreakdown: breakdown(db, slowest(qs, appMs)) } : {}),
            },
          });
        }
      }
    } finally {
      db.close();
    }
  }
}

function time<T>(into: number[], fn: () => T): T {
  const t = performance.now();
  const result = fn();
  into.push(performance.now() - t);
  return result;
}

function slowest(qs: string[], ms: number[]): string {
  let at = 0;
  ms.forEach((m, i) => {
    if (m > (ms[at] as number)) at = i;
  });
  return qs[at] as string;
}

/**
 * Where the slowest query of a kind spends its time: the library's search is three or four
 * statements' worth of work (the capped count; past the cap, the rowid of the cap's newest match;
 * the ranked page; the snippets), each timed alone here with the same SQL listArticles uses
 * (store/list.ts, store/search-page.ts), so the report can say which part dominates.
 */
function breakdown(db: Db, query: string): Record<string, number> {
  const fts = toFtsQuery(query);
  const timed = <T>(fn: () => T): [T, number] => {
    const t = performance.now();
    const result = fn();
    return [result, Math.round((performance.now() - t) * 10) / 10];
  };
  // The statements listArticles runs for an unfiltered search (store/list.ts).
  const [count, countMs] = timed(
    () => db.prepare(`SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH @fts LIMIT ${SEARCH_CAP + 1})`).pluck().get({ fts }) as number,
  );
  const [floor, floorMs] = timed(() =>
    count > SEARCH_CAP && !hasPhrase(fts as string)
      ? (db.prepare(`SELECT rowid FROM articles_fts WHERE articles_fts MATCH @fts ORDER BY rowid DESC LIMIT 1 OFFSET ${SEARCH_CAP - 1}`).pluck().get({ fts }) as number)
      : 0,
  );
  // Past the cap a phrase is listed newest first, unranked (store/search-page.ts).
  const newest = count > SEARCH_CAP && hasPhrase(fts as string);
  const [ids, rankedPageMs] = timed(() =>
    newest
      ? db.prepare(`SELECT rowid FROM articles_fts WHERE articles_fts MATCH @fts ORDER BY rowid DESC LIMIT ${PAGE}`).pluck().all({ fts })
      : db.prepare(`SELECT rowid FROM articles_fts WHERE articles_fts MATCH @fts AND rowid >= @floor ORDER BY rank, rowid LIMIT ${PAGE}`).pluck().all({ fts, floor }),
  );
  const [, pageSnippetsMs] = timed(() =>
    db
      .prepare(`SELECT snippet(articles_fts, -1, '[', ']', '…', 16) FROM articles_fts WHERE articles_fts MATCH @fts AND +rowid IN (SELECT value FROM json_each(@ids))`)
      .all({ fts, ids: JSON.stringify(ids) }),
  );
  return { cappedCount: count, countMs, floorMs, [newest ? 'newestPageMs' : 'rankedPageMs']: rankedPageMs, pageSnippetsMs };
}
