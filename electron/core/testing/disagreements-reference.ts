import { DEFAULT_SPREAD, disagreementKind } from '../../../shared/disagreements';
import type { Db } from '../store/db';
import { keyed, type FigureRow, type Keyed } from '../store/figure-facts';

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

// Each figure is read as the store reads it (store/figure-facts.ts `keyed`, the first
// implementation's own parse, moved there): what is compared is the rule and its grouping, which
// the store now evaluates in SQL.
type Figure = Keyed;
const figure = (row: FigureRow): Figure | null => keyed(row);

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
