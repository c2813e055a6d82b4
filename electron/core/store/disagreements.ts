import type { DisagreementKind } from '../../../shared/disagreements';
import type { Disagreement, DisagreementScope, DisagreementsQuery, DisagreementValue, Resolution } from '../../../shared/ipc/figures';
import { FIGURE_QUALIFIERS } from '../../../shared/model';
import { cached, type Db } from './db';
import { keyOfId, refreshDisagreements } from './disagreement-refresh';
import { resolutionsById } from './figure-resolutions';

/**
 * Reading the disagreements among figures (computed by disagreement-refresh.ts): every read first
 * recomputes the scopes writes have marked dirty, then reads figure_disagreements with the
 * figures' quotes, sources, dates and the analyst's resolutions.
 */
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const QUALIFIERS = new Set<string>(FIGURE_QUALIFIERS);

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

/** Every disagreement a page at a time (the command), in the table's order, which is the ids' order. */
export function* allDisagreements(db: Db, pageSize = 500): Generator<Disagreement[]> {
  refreshDisagreements(db);
  const select = cached(db, 'SELECT d.* FROM figure_disagreements d WHERE (scope, scope_id, counts, unit) > (?, ?, ?, ?) ORDER BY scope, scope_id, counts, unit LIMIT ?');
  for (let after = ['', '', '', '']; ; ) {
    const rows = select.all(...after, pageSize) as DisagreementRow[];
    if (rows.length === 0) return;
    yield toDisagreements(db, rows);
    const last = rows[rows.length - 1] as DisagreementRow;
    after = [last.scope, last.scope_id, last.counts, last.unit];
  }
}

export function getDisagreement(db: Db, id: string): Disagreement | null {
  refreshDisagreements(db);
  // The id is the row's key written out, and the table has no index of ids.
  const k = keyOfId(id);
  const row = k && (cached(db, 'SELECT * FROM figure_disagreements WHERE scope = ? AND scope_id = ? AND counts = ? AND unit = ?').get(k.scope, k.scopeId, k.counts, k.unit) as DisagreementRow | undefined);
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
