import { DEFAULT_SPREAD, disagreementKind, readable, type DisagreementKind, type FigureFact } from '../../../shared/disagreements';
import type { DisagreementScope } from '../../../shared/ipc/figures';
import { FIGURE_QUALIFIERS } from '../../../shared/model';
import { cached, type Db } from './db';

/**
 * Disagreements among figures, found within an article and within an incident and kept in
 * figure_disagreements (migrations 0012, 0014). Triggers mark the scopes a write touches as dirty;
 * every read first recomputes those (refreshDisagreements), so one changed figure costs its
 * article and the incidents its article's events belong to.
 *
 * A library marked dirty whole (an upgrade, a new spread) is recomputed a page of scopes at a
 * time, each page its own transaction: its figures are read by one statement in scope order and
 * grouped as they stream past, and its results are written in key order, which is the table's
 * order, so a million figures append to the table instead of writing all over it. Memory is
 * bounded by a page, and the write lock is never held for the whole library.
 */

export interface FigureRow {
  id: string;
  article_id: string;
  attrs: string;
}

export interface Keyed {
  id: string;
  articleId: string;
  counts: string;
  unit: string;
  fact: FigureFact;
}

const QUALIFIERS = new Set<string>(FIGURE_QUALIFIERS);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
// NUL joins the parts of a disagreement's id; a word holding one would make two keys one id.
const key = (s: unknown): string => (typeof s === 'string' ? s.replace(/\u0000/g, '').trim().toLocaleLowerCase() : '');

/** A figure as the rule compares it, or null when it cannot take part (no counts, no number). */
export function keyed(row: FigureRow): Keyed | null {
  let attrs: Record<string, unknown>;
  try {
    attrs = JSON.parse(row.attrs) as Record<string, unknown>;
  } catch {
    return null;
  }
  const counts = key(attrs.counts);
  if (counts === '') return null;
  const qualifier = typeof attrs.qualifier === 'string' && QUALIFIERS.has(attrs.qualifier) ? (attrs.qualifier as FigureFact['qualifier']) : null;
  const fact: FigureFact = { value: num(attrs.value), min: num(attrs.min), max: num(attrs.max), qualifier };
  if (!readable(fact)) return null;
  return { id: row.id, articleId: row.article_id, counts, unit: key(attrs.unit), fact };
}

/**
 * A disagreement's id: its key in hex, the parts joined by NUL (migration 0014 computes the same
 * in SQL). It sorts as the key does, so ids written in key order are written in the table's order.
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

export interface Found {
  counts: string;
  unit: string;
  kind: DisagreementKind;
  spanIds: string[];
}

const byKey = (a: Found, b: Found) => (a.counts < b.counts ? -1 : a.counts > b.counts ? 1 : a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0);

/**
 * The disagreements among one scope's figures, in key order; an incident's only where they come
 * from more than one article.
 */
export function findDisagreements(figures: readonly Keyed[], spread: number, acrossArticles: boolean): Found[] {
  const groups = new Map<string, Keyed[]>();
  for (const f of figures) {
    const k = `${f.counts}\u0000${f.unit}`;
    const list = groups.get(k);
    if (list) list.push(f);
    else groups.set(k, [f]);
  }
  const out: Found[] = [];
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    if (acrossArticles && !list.some((f) => f.articleId !== (list[0] as Keyed).articleId)) continue;
    const kind = disagreementKind(
      list.map((f) => f.fact),
      spread,
    );
    const first = list[0] as Keyed;
    if (kind) out.push({ counts: first.counts, unit: first.unit, kind, spanIds: list.map((f) => f.id) });
  }
  return out.sort(byKey);
}

export function spreadSetting(db: Db): number {
  const raw = cached(db, `SELECT value FROM figure_settings WHERE key = 'spread'`, 'pluck').get() as string | undefined;
  const value = raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(value) ? value : DEFAULT_SPREAD;
}

/** Every scope dirty: after the spread changes, every kind may change. */
export function markAllDirty(db: Db): void {
  cached(db, `INSERT OR IGNORE INTO figure_dirty (scope, scope_id) SELECT DISTINCT 'article', article_id FROM annotations WHERE label = 'figure'`).run();
  cached(db, `INSERT OR IGNORE INTO figure_dirty (scope, scope_id) SELECT DISTINCT 'incident', incident_id FROM incident_events`).run();
}

// Both give a page's figures grouped by scope, in the page's order (json_each walks the sorted
// ids), so no sort runs. CROSS JOIN keeps that order: left to itself the planner starts an
// incident page from every event of the library.
const FIGURES: Record<DisagreementScope, string> = {
  article: `SELECT f.article_id AS scope_id, f.id, f.article_id, f.attrs FROM json_each(?) j
    CROSS JOIN annotations f ON f.label = 'figure' AND f.article_id = j.value AND f.status = 'ok' AND f.conflict_of IS NULL`,
  incident: `SELECT m.incident_id AS scope_id, f.id, f.article_id, f.attrs FROM json_each(?) j
    CROSS JOIN incident_events m ON m.incident_id = j.value
    CROSS JOIN annotations e ON e.id = m.event_id AND e.label = 'event' AND e.status = 'ok' AND e.conflict_of IS NULL
    CROSS JOIN event_roles r ON r.event_id = m.event_id AND r.role = 'figure'
    CROSS JOIN annotations f ON f.id = r.span_id AND f.label = 'figure' AND f.status = 'ok' AND f.conflict_of IS NULL`,
};

interface Result extends Found {
  scopeId: string;
}

/** Recomputes one page of scopes: their figures streamed in scope order, their results replaced. */
function refreshPage(db: Db, scope: DisagreementScope, ids: readonly string[], spread: number): void {
  const json = JSON.stringify(ids);
  const results: Result[] = [];
  let scopeId: string | null = null;
  let group: Keyed[] = [];
  const flush = () => {
    if (scopeId !== null && group.length > 1) {
      for (const d of findDisagreements(group, spread, scope === 'incident')) results.push({ ...d, scopeId });
    }
    group = [];
  };
  for (const row of cached(db, FIGURES[scope]).iterate(json) as Iterable<FigureRow & { scope_id: string }>) {
    if (row.scope_id !== scopeId) {
      flush();
      scopeId = row.scope_id;
    }
    const f = keyed(row);
    if (f) group.push(f);
  }
  flush();
  cached(db, 'DELETE FROM figure_disagreements WHERE scope = ? AND scope_id IN (SELECT value FROM json_each(?))').run(scope, json);
  const insert = cached(db, 'INSERT INTO figure_disagreements (scope, scope_id, counts, unit, id, kind, span_ids) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const d of results) insert.run(scope, d.scopeId, d.counts, d.unit, disagreementId(scope, d.scopeId, d.counts, d.unit), d.kind, JSON.stringify(d.spanIds));
  cached(db, 'DELETE FROM figure_dirty WHERE scope = ? AND scope_id IN (SELECT value FROM json_each(?))').run(scope, json);
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
 * Recomputes every dirty scope. An article's change also reaches the incidents its events belong
 * to. Each page of scopes is one transaction that also clears their dirty marks, so a
 * recomputation stopped halfway leaves the rest dirty and the next read finishes it.
 */
export function refreshDisagreements(db: Db, options: RefreshOptions = {}): RefreshResult {
  const pageSize = options.pageSize ?? 2000;
  const done = { articles: 0, incidents: 0 };
  const started = db
    .transaction(() => {
      if (cached(db, 'SELECT 1 FROM figure_dirty LIMIT 1', 'pluck').get() === undefined) return null;
      cached(db, `INSERT OR IGNORE INTO figure_dirty (scope, scope_id) SELECT DISTINCT 'incident', m.incident_id FROM figure_dirty d JOIN incident_events m ON m.article_id = d.scope_id WHERE d.scope = 'article'`).run();
      return { spread: spreadSetting(db), total: cached(db, 'SELECT count(*) FROM figure_dirty', 'pluck').get() as number };
    })
    .immediate();
  if (!started) return done;
  const page = db.transaction((scope: DisagreementScope, after: string): string | null => {
    const ids = cached(db, 'SELECT scope_id FROM figure_dirty WHERE scope = ? AND scope_id > ? ORDER BY scope_id LIMIT ?', 'pluck').all(scope, after, pageSize) as string[];
    if (ids.length === 0) return null;
    refreshPage(db, scope, ids, started.spread);
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
