import { createHash } from 'node:crypto';
import { DEFAULT_SPREAD, disagreementKind, readable, type DisagreementKind, type FigureFact } from '../../../shared/disagreements';
import type { Disagreement, DisagreementScope, DisagreementsQuery, DisagreementValue, Resolution } from '../../../shared/ipc/figures';
import { FIGURE_QUALIFIERS } from '../../../shared/model';
import { cached, type Db } from './db';
import { resolutionsById } from './figure-resolutions';

/**
 * Disagreements among figures (migration 0012), found within an article and within an incident
 * and kept in figure_disagreements. Triggers mark the scopes a write touches as dirty; every read
 * first recomputes those (refreshDisagreements), so one changed figure costs its article and its
 * incidents, and a library marked dirty whole (an upgrade, a new spread) is computed in pages,
 * its memory bounded by a page.
 */

const LIVE_FIGURE = `label = 'figure' AND status = 'ok' AND conflict_of IS NULL`;

export interface FigureRow {
  id: string;
  article_id: string;
  attrs: string;
}

interface Keyed {
  id: string;
  articleId: string;
  counts: string;
  unit: string;
  fact: FigureFact;
}

const QUALIFIERS = new Set<string>(FIGURE_QUALIFIERS);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const key = (s: unknown): string => (typeof s === 'string' ? s.trim().toLocaleLowerCase() : '');

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

export function disagreementId(scope: DisagreementScope, scopeId: string, counts: string, unit: string): string {
  return `fd-${createHash('sha256').update(JSON.stringify([scope, scopeId, counts, unit])).digest('hex').slice(0, 40)}`;
}

interface Found {
  counts: string;
  unit: string;
  kind: DisagreementKind;
  spanIds: string[];
}

/** The disagreements among one scope's figures; an incident's only where they come from more than one article. */
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
    if (acrossArticles && new Set(list.map((f) => f.articleId)).size < 2) continue;
    const kind = disagreementKind(
      list.map((f) => f.fact),
      spread,
    );
    const first = list[0] as Keyed;
    if (kind) out.push({ counts: first.counts, unit: first.unit, kind, spanIds: list.map((f) => f.id) });
  }
  return out;
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

// CROSS JOIN keeps SQLite's order (the page's incidents first): left to itself the planner starts
// from every event of the library, once per page.
const INCIDENT_FIGURES = `SELECT m.incident_id, f.id, f.article_id, f.attrs FROM json_each(?) j
  CROSS JOIN incident_events m ON m.incident_id = j.value
  CROSS JOIN annotations e ON e.id = m.event_id AND e.label = 'event' AND e.status = 'ok' AND e.conflict_of IS NULL
  CROSS JOIN event_roles r ON r.event_id = m.event_id AND r.role = 'figure'
  CROSS JOIN annotations f ON f.id = r.span_id AND f.label = 'figure' AND f.status = 'ok' AND f.conflict_of IS NULL`;

function store(db: Db, scope: DisagreementScope, scopeId: string, found: readonly Found[]): void {
  const insert = cached(db, 'INSERT OR REPLACE INTO figure_disagreements (id, scope, scope_id, counts, unit, kind, span_ids) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const d of found) insert.run(disagreementId(scope, scopeId, d.counts, d.unit), scope, scopeId, d.counts, d.unit, d.kind, JSON.stringify(d.spanIds));
}

/** Recomputes some articles' disagreements (one statement for all their figures). */
function refreshArticles(db: Db, ids: readonly string[], spread: number): void {
  const json = JSON.stringify(ids);
  cached(db, `DELETE FROM figure_disagreements WHERE scope = 'article' AND scope_id IN (SELECT value FROM json_each(?))`).run(json);
  const rows = cached(db, `SELECT id, article_id, attrs FROM annotations WHERE ${LIVE_FIGURE} AND article_id IN (SELECT value FROM json_each(?)) ORDER BY article_id`).all(json) as FigureRow[];
  let from = 0;
  for (let i = 1; i <= rows.length; i++) {
    if (i < rows.length && (rows[i] as FigureRow).article_id === (rows[from] as FigureRow).article_id) continue;
    const figures = rows.slice(from, i).map(keyed).filter((f): f is Keyed => f !== null);
    if (figures.length > 1) store(db, 'article', (rows[from] as FigureRow).article_id, findDisagreements(figures, spread, false));
    from = i;
  }
}

function refreshIncidents(db: Db, ids: readonly string[], spread: number): void {
  const json = JSON.stringify(ids);
  cached(db, `DELETE FROM figure_disagreements WHERE scope = 'incident' AND scope_id IN (SELECT value FROM json_each(?))`).run(json);
  const rows = cached(db, INCIDENT_FIGURES).all(json) as (FigureRow & { incident_id: string })[];
  const byIncident = new Map<string, Keyed[]>();
  for (const r of rows) {
    const f = keyed(r);
    if (!f) continue;
    const list = byIncident.get(r.incident_id);
    if (list) list.push(f);
    else byIncident.set(r.incident_id, [f]);
  }
  for (const [incidentId, figures] of byIncident) store(db, 'incident', incidentId, findDisagreements(figures, spread, true));
}

/** Scopes recomputed per statement: bounds the memory of a full recomputation. */
const PAGE = 2000;

export interface RefreshResult {
  articles: number;
  incidents: number;
}

/**
 * Recomputes every dirty scope, in one transaction. An article's change also reaches the
 * incidents its events belong to. `onProgress` hears scopes done of scopes dirty.
 */
export function refreshDisagreements(db: Db, onProgress?: (done: number, total: number) => void): RefreshResult {
  return db.transaction(() => {
    const any = cached(db, 'SELECT 1 FROM figure_dirty LIMIT 1', 'pluck').get();
    if (any === undefined) return { articles: 0, incidents: 0 };
    cached(db, `INSERT OR IGNORE INTO figure_dirty (scope, scope_id) SELECT DISTINCT 'incident', m.incident_id FROM figure_dirty d JOIN incident_events m ON m.article_id = d.scope_id WHERE d.scope = 'article'`).run();
    const spread = spreadSetting(db);
    const total = cached(db, 'SELECT count(*) FROM figure_dirty', 'pluck').get() as number;
    const page = (scope: DisagreementScope, after: string) =>
      cached(db, 'SELECT scope_id FROM figure_dirty WHERE scope = ? AND scope_id > ? ORDER BY scope_id LIMIT ?', 'pluck').all(scope, after, PAGE) as string[];
    const done = { articles: 0, incidents: 0 };
    for (const scope of ['article', 'incident'] as const) {
      for (let after = ''; ; ) {
        const ids = page(scope, after);
        if (ids.length === 0) break;
        if (scope === 'article') refreshArticles(db, ids, spread);
        else refreshIncidents(db, ids, spread);
        done[scope === 'article' ? 'articles' : 'incidents'] += ids.length;
        onProgress?.(done.articles + done.incidents, total);
        after = ids[ids.length - 1] as string;
      }
    }
    cached(db, 'DELETE FROM figure_dirty').run();
    return done;
  })();
}

interface DisagreementRow {
  id: string;
  scope: DisagreementScope;
  scope_id: string;
  counts: string;
  unit: string;
  kind: DisagreementKind;
  span_ids: string;
}

interface ValueRow {
  id: string;
  article_id: string;
  quote: string;
  attrs: string;
  title: string;
  source: string | null;
  published_at: string | null;
}

function valuesOf(db: Db, spanIds: readonly string[]): Map<string, DisagreementValue> {
  const rows = cached(
    db,
    `SELECT n.id, n.article_id, n.quote, n.attrs, a.title, a.source, a.published_at FROM annotations n JOIN articles a ON a.id = n.article_id WHERE n.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(spanIds)) as ValueRow[];
  return new Map(
    rows.map((r) => {
      const attrs = JSON.parse(r.attrs) as Record<string, unknown>;
      const qualifier = typeof attrs.qualifier === 'string' && QUALIFIERS.has(attrs.qualifier) ? (attrs.qualifier as DisagreementValue['qualifier']) : null;
      return [
        r.id,
        {
          spanId: r.id,
          articleId: r.article_id,
          articleTitle: r.title,
          value: num(attrs.value),
          min: num(attrs.min),
          max: num(attrs.max),
          qualifier,
          auto: attrs.auto === true,
          quote: r.quote,
          source: r.source,
          publishedAt: r.published_at,
        },
      ];
    }),
  );
}

const byReport = (a: DisagreementValue, b: DisagreementValue) =>
  (a.publishedAt ?? '\uffff').localeCompare(b.publishedAt ?? '\uffff') || (a.source ?? '').localeCompare(b.source ?? '') || a.articleId.localeCompare(b.articleId);

function toDisagreements(db: Db, rows: readonly DisagreementRow[]): Disagreement[] {
  const spanIds = rows.map((r) => JSON.parse(r.span_ids) as string[]);
  const values = valuesOf(db, spanIds.flat());
  const resolutions: Map<string, Resolution> = resolutionsById(db, rows.map((r) => r.id));
  return rows.map((r, i) => ({
    id: r.id,
    kind: r.kind,
    scope: r.scope,
    scopeId: r.scope_id,
    counts: r.counts,
    unit: r.unit,
    values: (spanIds[i] as string[])
      .map((id) => values.get(id))
      .filter((v): v is DisagreementValue => v !== undefined)
      .sort(byReport),
    resolution: resolutions.get(r.id) ?? null,
  }));
}

function where(query: DisagreementsQuery): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (query.kind) {
    clauses.push('d.kind = ?');
    params.push(query.kind);
  }
  if (query.scope) {
    clauses.push('d.scope = ?');
    params.push(query.scope);
  }
  if (query.scopeId) {
    clauses.push('d.scope_id = ?');
    params.push(query.scopeId);
  }
  if (query.unresolved) clauses.push('NOT EXISTS (SELECT 1 FROM figure_resolutions r WHERE r.id = d.id)');
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** A page of the library's disagreements, conflicts first; dirty scopes are recomputed first. */
export function listDisagreements(db: Db, query: DisagreementsQuery = {}): { total: number; items: Disagreement[] } {
  refreshDisagreements(db);
  const { sql, params } = where(query);
  const total = cached(db, `SELECT count(*) FROM figure_disagreements d ${sql}`, 'pluck').get(...params) as number;
  const rows = cached(db, `SELECT d.* FROM figure_disagreements d ${sql} ORDER BY d.kind, d.scope DESC, d.counts, d.id LIMIT ? OFFSET ?`).all(
    ...params,
    query.limit ?? 100,
    query.offset ?? 0,
  ) as DisagreementRow[];
  return { total, items: toDisagreements(db, rows) };
}

/** Every disagreement a page at a time (the command), in the list's order. */
export function* allDisagreements(db: Db, pageSize = 500): Generator<Disagreement[]> {
  refreshDisagreements(db);
  const select = cached(db, 'SELECT d.* FROM figure_disagreements d WHERE d.id > ? ORDER BY d.id LIMIT ?');
  for (let after = ''; ; ) {
    const rows = select.all(after, pageSize) as DisagreementRow[];
    if (rows.length === 0) return;
    yield toDisagreements(db, rows);
    after = (rows[rows.length - 1] as DisagreementRow).id;
  }
}

export function getDisagreement(db: Db, id: string): Disagreement | null {
  refreshDisagreements(db);
  const row = cached(db, 'SELECT * FROM figure_disagreements WHERE id = ?').get(id) as DisagreementRow | undefined;
  return row ? (toDisagreements(db, [row])[0] ?? null) : null;
}

type Scope = { scope: DisagreementScope; id: string };

/**
 * The disagreements about some scopes (an ACLED row's incident and its reports' articles);
 * call refreshDisagreements first. `lists` are read in two queries whatever their number (a page
 * of dataset rows), each list's disagreements in its scopes' order, then by counts and id.
 */
export function disagreementsOfScopeLists(db: Db, lists: readonly (readonly Scope[])[]): Disagreement[][] {
  const select = cached(db, 'SELECT * FROM figure_disagreements WHERE scope = ? AND scope_id IN (SELECT value FROM json_each(?)) ORDER BY counts, id');
  const byScope = new Map<string, DisagreementRow[]>();
  for (const scope of ['article', 'incident'] as const) {
    const ids = [...new Set(lists.flatMap((l) => l.filter((s) => s.scope === scope).map((s) => s.id)))];
    if (ids.length === 0) continue;
    for (const row of select.all(scope, JSON.stringify(ids)) as DisagreementRow[]) {
      const name = `${row.scope}\0${row.scope_id}`;
      byScope.set(name, [...(byScope.get(name) ?? []), row]);
    }
  }
  return lists.map((scopes) => {
    const rows = scopes.flatMap((s) => byScope.get(`${s.scope}\0${s.id}`) ?? []);
    return rows.length ? toDisagreements(db, rows) : [];
  });
}
