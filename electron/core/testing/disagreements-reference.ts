import { DEFAULT_SPREAD, disagreementKind, readable, type FigureFact } from '../../../shared/disagreements';
import { FIGURE_QUALIFIERS } from '../../../shared/model';
import type { Db } from '../store/db';

/**
 * The disagreements of a whole library as the first implementation found them (every figure's
 * attributes parsed in JavaScript, grouped in a Map, the rule of shared/disagreements.ts applied
 * to each group), kept small and slow on purpose: tests compare store/disagreement-refresh.ts,
 * which evaluates the same rule in SQL over stored facts, with it. Rows come in the table's
 * columns, ordered by id.
 */
export interface ReferenceRow {
  id: string;
  scope: 'article' | 'incident';
  scope_id: string;
  counts: string;
  unit: string;
  kind: string;
  span_ids: string;
}

interface Figure {
  id: string;
  articleId: string;
  counts: string;
  unit: string;
  fact: FigureFact;
}

const QUALIFIERS = new Set<string>(FIGURE_QUALIFIERS);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const key = (s: unknown): string => (typeof s === 'string' ? s.replace(/\u0000/g, '').trim().toLocaleLowerCase() : '');

function figure(row: { id: string; article_id: string; attrs: string }): Figure | null {
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

const idOf = (scope: string, scopeId: string, counts: string, unit: string) => `fd-${Buffer.from(`${scope}\u0000${scopeId}\u0000${counts}\u0000${unit}`, 'utf8').toString('hex')}`;

// Figures in the order the first implementation streamed them: an article's by rowid, an
// incident's by event, then by span id.
const SCOPES = {
  article: `SELECT f.article_id AS scope_id, f.id, f.article_id, f.attrs FROM annotations f
    WHERE f.label = 'figure' AND f.status = 'ok' AND f.conflict_of IS NULL ORDER BY f.article_id, f.rowid`,
  incident: `SELECT m.incident_id AS scope_id, f.id, f.article_id, f.attrs FROM incident_events m
    JOIN annotations e ON e.id = m.event_id AND e.label = 'event' AND e.status = 'ok' AND e.conflict_of IS NULL
    JOIN event_roles r ON r.event_id = m.event_id AND r.role = 'figure'
    JOIN annotations f ON f.id = r.span_id AND f.label = 'figure' AND f.status = 'ok' AND f.conflict_of IS NULL
    ORDER BY m.incident_id, m.event_id, r.span_id`,
} as const;

export function referenceDisagreements(db: Db): ReferenceRow[] {
  const raw = db.prepare(`SELECT value FROM figure_settings WHERE key = 'spread'`).pluck().get() as string | undefined;
  const spread = raw !== undefined && Number.isFinite(Number(raw)) ? Number(raw) : DEFAULT_SPREAD;
  const out: ReferenceRow[] = [];
  for (const scope of ['article', 'incident'] as const) {
    const scopes = new Map<string, Figure[]>();
    for (const row of db.prepare(SCOPES[scope]).all() as { scope_id: string; id: string; article_id: string; attrs: string }[]) {
      const f = figure(row);
      if (!f) continue;
      const list = scopes.get(row.scope_id);
      if (list) list.push(f);
      else scopes.set(row.scope_id, [f]);
    }
    for (const [scopeId, figures] of scopes) {
      const groups = new Map<string, Figure[]>();
      for (const f of figures) {
        const k = `${f.counts}\u0000${f.unit}`;
        groups.set(k, [...(groups.get(k) ?? []), f]);
      }
      for (const list of groups.values()) {
        const first = list[0] as Figure;
        if (list.length < 2) continue;
        if (scope === 'incident' && !list.some((f) => f.articleId !== first.articleId)) continue;
        const kind = disagreementKind(
          list.map((f) => f.fact),
          spread,
        );
        if (!kind) continue;
        out.push({ id: idOf(scope, scopeId, first.counts, first.unit), scope, scope_id: scopeId, counts: first.counts, unit: first.unit, kind, span_ids: JSON.stringify(list.map((f) => f.id)) });
      }
    }
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
