import { DEFAULT_SPREAD, EPSILON } from '../../../shared/disagreements';
import type { DisagreementScope } from '../../../shared/ipc/figures';
import { cached, type Db } from './db';
import { refreshFacts } from './figure-facts';

/**
 * Disagreements among figures, found within an article and within an incident and kept in
 * figure_disagreements (migrations 0012, 0014, 0021). Triggers mark the scopes a write touches as
 * dirty; every read first recomputes those (refreshDisagreements), so one changed figure costs
 * its article and the incidents its article's events belong to.
 *
 * A library marked dirty whole (an upgrade, a new spread) is recomputed a page of scopes at a
 * time, each page its own transaction and one INSERT ... SELECT: the page's figures are read from
 * figure_facts (store/figure-facts.ts, rewritten first for articles whose figures changed),
 * grouped by counts and unit, and the rule of shared/disagreements.ts applied to each group in
 * SQL. Results come out in key order, which is the table's order, so a million figures append to
 * the table instead of writing all over it. Memory is bounded by a page, and the write lock is
 * never held for the whole library.
 */

/**
 * A disagreement's id: its key in hex, the parts joined by NUL (the table's generated id column,
 * migration 0021, computes the same in SQL). It sorts as the key does.
 */
export function disagreementId(scope: DisagreementScope, scopeId: string, counts: string, unit: string): string {
  return `fd-${Buffer.from(`${scope}\u0000${scopeId}\u0000${counts}\u0000${unit}`, 'utf8').toString('hex')}`;
}

/** The key an id was made from, or null when it is no disagreement id. */
export function keyOfId(id: string): { scope: DisagreementScope; scopeId: string; counts: string; unit: string } | null {
  if (!/^fd-(?:[0-9a-f]{2})+$/.test(id)) return null;
  const parts = Buffer.from(id.slice(3), 'hex').toString('utf8').split('\u0000');
  if (parts.length !== 4 || (parts[0] !== 'article' && parts[0] !== 'incident')) return null;
  const [scope, scopeId, counts, unit] = parts as [DisagreementScope, string, string, string];
  return disagreementId(scope, scopeId, counts, unit) === id ? { scope, scopeId, counts, unit } : null;
}

export function spreadSetting(db: Db): number {
  const raw = cached(db, `SELECT value FROM figure_settings WHERE key = 'spread'`, 'pluck').get() as string | undefined;
  const value = raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(value) ? value : DEFAULT_SPREAD;
}

/** Every scope dirty: after the spread changes, every kind may change. The facts stay. */
export function markAllDirty(db: Db): void {
  cached(db, `INSERT OR IGNORE INTO figure_dirty (scope, scope_id) SELECT DISTINCT 'article', article_id FROM annotations WHERE label = 'figure'`).run();
  cached(db, `INSERT OR IGNORE INTO figure_dirty (scope, scope_id) SELECT DISTINCT 'incident', incident_id FROM incident_events`).run();
}

// disagreementKind (shared/disagreements.ts) over a group: each figure's interval widened by the
// spread when approximate, then whether the highest low end is within the slack of the lowest
// high end. Same operations in the same order as the JavaScript, on the same doubles (bound, never
// written as literals), so the same kinds. A group agrees when each of value, min and max is the
// same in every figure (or absent from every one): the JavaScript's set of "value|min|max" keys.
const ALLOWED = `CASE WHEN f.approximate THEN f.lo - :spread * abs(f.lo) ELSE f.lo END AS lo,
  CASE WHEN f.approximate THEN f.hi + :spread * abs(f.hi) ELSE f.hi END AS hi, f.value, f.min, f.max, f.span_id, f.counts, f.unit`;
const KIND = `CASE WHEN max(lo) <= min(hi) + :slack * max(1, abs(min(hi))) THEN 'variance' ELSE 'conflict' END`;
const same = (c: string) => `(count(${c}) = 0 OR (count(${c}) = count(*) AND min(${c}) = max(${c})))`;
const DIFFER = `count(*) > 1 AND NOT (${same('value')} AND ${same('min')} AND ${same('max')})`;

// Both read a page's figures grouped by scope (json_each walks the sorted ids) and list each
// disagreement's figures in the order the app always has: an article's by rowid, an incident's
// by event, then span. CROSS JOIN keeps the order: left to itself the planner starts an incident
// page from every event of the library. An incident's groups count only across articles.
const COMPUTE: Record<DisagreementScope, string> = {
  article: `INSERT INTO figure_disagreements (scope, scope_id, counts, unit, kind, span_ids)
    SELECT 'article', scope_id, counts, unit, ${KIND}, json_group_array(span_id ORDER BY seq) FROM (
      SELECT f.article_id AS scope_id, f.seq, ${ALLOWED} FROM json_each(:ids) j CROSS JOIN figure_facts f ON f.article_id = j.value)
    GROUP BY scope_id, counts, unit HAVING ${DIFFER}`,
  incident: `INSERT INTO figure_disagreements (scope, scope_id, counts, unit, kind, span_ids)
    SELECT 'incident', scope_id, counts, unit, ${KIND}, json_group_array(span_id ORDER BY event_id, span_id) FROM (
      SELECT m.incident_id AS scope_id, m.event_id, f.article_id, ${ALLOWED} FROM json_each(:ids) j
        CROSS JOIN incident_events m ON m.incident_id = j.value
        CROSS JOIN annotations e ON e.id = m.event_id AND e.label = 'event' AND e.status = 'ok' AND e.conflict_of IS NULL
        CROSS JOIN event_roles r ON r.event_id = m.event_id AND r.role = 'figure'
        CROSS JOIN figure_facts f ON f.span_id = r.span_id)
    GROUP BY scope_id, counts, unit HAVING ${DIFFER} AND min(article_id) <> max(article_id)`,
};

/** Recomputes one page of scopes (a JSON array of ids): their results replaced, their marks cleared. */
function refreshPage(db: Db, scope: DisagreementScope, ids: string, spread: number): void {
  if (scope === 'article') refreshFacts(db, ids);
  cached(db, 'DELETE FROM figure_disagreements WHERE scope = ? AND scope_id IN (SELECT value FROM json_each(?))').run(scope, ids);
  cached(db, COMPUTE[scope]).run({ ids, spread, slack: EPSILON });
  cached(db, 'DELETE FROM figure_dirty WHERE scope = ? AND scope_id IN (SELECT value FROM json_each(?))').run(scope, ids);
}

export interface RefreshResult {
  articles: number;
  incidents: number;
}

export interface RefreshOptions {
  /** Hears scopes done of scopes dirty, after each page. */
  onProgress?: (done: number, total: number) => void;
  /** Scopes per transaction (2,000): bounds the memory of a full recomputation and how long it holds the write lock. */
  pageSize?: number;
}

/**
 * Recomputes every dirty scope. An article whose figures changed is a dirty scope, and its change
 * also reaches the incidents its events belong to. Articles go first, their facts rewritten as
 * they go, so every incident reads fresh facts. Each page of scopes is one transaction that also
 * clears their marks, so a recomputation stopped halfway leaves the rest dirty and the next read
 * finishes it.
 */
export function refreshDisagreements(db: Db, options: RefreshOptions = {}): RefreshResult {
  const pageSize = options.pageSize ?? 2000;
  const done = { articles: 0, incidents: 0 };
  const started = db
    .transaction(() => {
      cached(db, `INSERT OR IGNORE INTO figure_dirty (scope, scope_id) SELECT 'article', article_id FROM figure_facts_dirty`).run();
      if (cached(db, 'SELECT 1 FROM figure_dirty LIMIT 1', 'pluck').get() === undefined) return null;
      cached(db, `INSERT OR IGNORE INTO figure_dirty (scope, scope_id) SELECT DISTINCT 'incident', m.incident_id FROM figure_dirty d JOIN incident_events m ON m.article_id = d.scope_id WHERE d.scope = 'article'`).run();
      return { spread: spreadSetting(db), total: cached(db, 'SELECT count(*) FROM figure_dirty', 'pluck').get() as number };
    })
    .immediate();
  if (!started) return done;
  const page = db.transaction((scope: DisagreementScope, after: string): string | null => {
    const ids = cached(db, 'SELECT scope_id FROM figure_dirty WHERE scope = ? AND scope_id > ? ORDER BY scope_id LIMIT ?', 'pluck').all(scope, after, pageSize) as string[];
    if (ids.length === 0) return null;
    refreshPage(db, scope, JSON.stringify(ids), started.spread);
    done[scope === 'article' ? 'articles' : 'incidents'] += ids.length;
    return ids[ids.length - 1] as string;
  });
  for (const scope of ['article', 'incident'] as const) {
    for (let after: string | null = ''; after !== null; ) {
      after = page.immediate(scope, after);
      options.onProgress?.(done.articles + done.incidents, started.total);
    }
  }
  return done;
}
