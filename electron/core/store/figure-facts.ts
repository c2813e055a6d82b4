import { allowed, readable, type FigureFact } from '../../../shared/disagreements';
import { FIGURE_QUALIFIERS } from '../../../shared/model';
import { cached, type Db } from './db';

/**
 * Each live figure as the disagreement rule reads it (figure_facts, migration 0020): its counts
 * and unit keyed, its numbers, and the values it allows before the spread. Triggers mark the
 * articles whose figures changed (figure_facts_dirty); store/disagreement-refresh.ts rewrites
 * their facts here, in JavaScript, before it compares anything, so the keys are what
 * toLocaleLowerCase and trim give in every script, which SQLite's lower() and trim() do not.
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

// The live figures of some articles, with the rowid that orders them.
const FIGURES = `SELECT f.rowid AS seq, f.id, f.article_id, f.attrs FROM json_each(?) j
  CROSS JOIN annotations f ON f.label = 'figure' AND f.article_id = j.value AND f.status = 'ok' AND f.conflict_of IS NULL`;

/**
 * Rewrites the facts of those of some articles (a JSON array of ids) whose facts are marked
 * stale; call inside the transaction that recomputes them. A figure moved from an article not
 * rewritten yet replaces its stale row there (the span id is unique).
 */
export function refreshFacts(db: Db, articleIds: string): void {
  const stale = JSON.stringify(
    cached(db, 'SELECT j.value FROM json_each(?) j WHERE EXISTS (SELECT 1 FROM figure_facts_dirty d WHERE d.article_id = j.value)', 'pluck').all(articleIds),
  );
  if (stale === '[]') return;
  const rows = cached(db, FIGURES).all(stale) as (FigureRow & { seq: number })[];
  cached(db, 'DELETE FROM figure_facts WHERE article_id IN (SELECT value FROM json_each(?))').run(stale);
  const insert = cached(db, 'INSERT OR REPLACE INTO figure_facts (article_id, counts, unit, seq, span_id, value, min, max, lo, hi, approximate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const row of rows) {
    const f = keyed(row);
    if (!f) continue;
    // With no spread, allowed() gives the interval before the spread: the SQL widens it.
    const [lo, hi] = allowed(f.fact, 0);
    insert.run(f.articleId, f.counts, f.unit, row.seq, f.id, f.fact.value, f.fact.min, f.fact.max, lo, hi, f.fact.qualifier === 'approximate' ? 1 : 0);
  }
  cached(db, 'DELETE FROM figure_facts_dirty WHERE article_id IN (SELECT value FROM json_each(?))').run(stale);
}
