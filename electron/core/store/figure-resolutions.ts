import type { FigureVocabulary } from '../../../shared/figure-units';
import { fold } from '../../../shared/fold';
import type { DisagreementScope, Resolution, ResolutionDecision } from '../../../shared/ipc/figures';
import { nowIso } from './articles';
import { cached, type Db } from './db';

/**
 * The analyst's side of figures (migration 0012): resolutions of disagreements, the spread an
 * approximate value allows, and the vocabulary of units and counts words they use.
 */

interface ResolutionRow {
  id: string;
  scope: DisagreementScope;
  scope_id: string;
  counts: string;
  unit: string;
  decision: ResolutionDecision;
  value: number | null;
  min: number | null;
  max: number | null;
  note: string;
  span_ids: string;
  author: string;
  created_at: string;
  updated_at: string;
}

const toResolution = (r: ResolutionRow): Resolution => ({
  decision: r.decision,
  value: r.value,
  min: r.min,
  max: r.max,
  note: r.note,
  author: r.author,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function resolutionsById(db: Db, ids: readonly string[]): Map<string, Resolution> {
  if (ids.length === 0) return new Map();
  const rows = cached(db, 'SELECT * FROM figure_resolutions WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as ResolutionRow[];
  return new Map(rows.map((r) => [r.id, toResolution(r)]));
}

export function getResolution(db: Db, id: string): Resolution | null {
  const row = cached(db, 'SELECT * FROM figure_resolutions WHERE id = ?').get(id) as ResolutionRow | undefined;
  return row ? toResolution(row) : null;
}

/** What a resolution is about, kept with it so it can travel to a library where the ids differ. */
export interface ResolutionSubject {
  id: string;
  scope: DisagreementScope;
  scopeId: string;
  counts: string;
  unit: string;
  spanIds: readonly string[];
}

/** Stores (or, with null, removes) a resolution exactly as given; no transaction of its own. */
export function putResolution(db: Db, subject: ResolutionSubject, resolution: Resolution | null): void {
  if (resolution === null) {
    cached(db, 'DELETE FROM figure_resolutions WHERE id = ?').run(subject.id);
    return;
  }
  cached(
    db,
    `INSERT INTO figure_resolutions (id, scope, scope_id, counts, unit, decision, value, min, max, note, span_ids, author, created_at, updated_at)
     VALUES (@id, @scope, @scopeId, @counts, @unit, @decision, @value, @min, @max, @note, @spanIds, @author, @createdAt, @updatedAt)
     ON CONFLICT (id) DO UPDATE SET decision = excluded.decision, value = excluded.value, min = excluded.min, max = excluded.max, note = excluded.note,
       span_ids = excluded.span_ids, author = excluded.author, created_at = excluded.created_at, updated_at = excluded.updated_at`,
  ).run({ ...subject, ...resolution, spanIds: JSON.stringify(subject.spanIds) });
}

export interface StoredResolution extends ResolutionSubject {
  resolution: Resolution;
}

/** Every resolution, a page at a time by id: what a bundle carries. */
export function* allResolutions(db: Db, pageSize = 500): Generator<StoredResolution[]> {
  const select = cached(db, 'SELECT * FROM figure_resolutions WHERE id > ? ORDER BY id LIMIT ?');
  for (let after = ''; ; ) {
    const rows = select.all(after, pageSize) as ResolutionRow[];
    if (rows.length === 0) return;
    yield rows.map((r) => ({ id: r.id, scope: r.scope, scopeId: r.scope_id, counts: r.counts, unit: r.unit, spanIds: JSON.parse(r.span_ids) as string[], resolution: toResolution(r) }));
    after = (rows[rows.length - 1] as ResolutionRow).id;
  }
}

/**
 * The resolutions a bundle's article lines carry: each article's own, and those of the incidents
 * its events belong to (so a line is complete on its own), by article id.
 */
export function resolutionsOfArticles(db: Db, articleIds: readonly string[]): Map<string, StoredResolution[]> {
  const json = JSON.stringify(articleIds);
  const rows = cached(
    db,
    `SELECT r.*, r.scope_id AS article_id FROM figure_resolutions r WHERE r.scope = 'article' AND r.scope_id IN (SELECT value FROM json_each(?))
     UNION
     SELECT r.*, m.article_id FROM incident_events m JOIN figure_resolutions r ON r.scope = 'incident' AND r.scope_id = m.incident_id WHERE m.article_id IN (SELECT value FROM json_each(?))
     ORDER BY article_id, id`,
  ).all(json, json) as (ResolutionRow & { article_id: string })[];
  const out = new Map<string, StoredResolution[]>();
  for (const r of rows) {
    const stored = { id: r.id, scope: r.scope, scopeId: r.scope_id, counts: r.counts, unit: r.unit, spanIds: JSON.parse(r.span_ids) as string[], resolution: toResolution(r) };
    const list = out.get(r.article_id);
    if (list) list.push(stored);
    else out.set(r.article_id, [stored]);
  }
  return out;
}

export function setSpread(db: Db, spread: number): void {
  cached(db, `INSERT INTO figure_settings (key, value) VALUES ('spread', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(String(spread));
}

/** Remembers a unit or counts word the analyst gave a figure, and the unit given to the words a quote wrote ('form'). */
export function rememberWord(db: Db, kind: 'unit' | 'counts' | 'form', form: string, word: string): void {
  const folded = kind === 'form' ? fold(form).trim() : word.trim();
  if (folded === '' || word.trim() === '') return;
  cached(
    db,
    `INSERT INTO figure_vocabulary (kind, form, word, uses, used_at) VALUES (?, ?, ?, 1, ?)
     ON CONFLICT (kind, form) DO UPDATE SET word = excluded.word, uses = uses + 1, used_at = excluded.used_at`,
  ).run(kind, folded.slice(0, 200), word.trim().slice(0, 100), nowIso());
}

/** Words offered, most used first; a form's unit for the normaliser. */
export function readVocabulary(db: Db, limit = 200): FigureVocabulary {
  const rows = cached(db, 'SELECT kind, form, word FROM figure_vocabulary ORDER BY uses DESC, used_at DESC LIMIT ?').all(limit * 3) as { kind: string; form: string; word: string }[];
  const units: Record<string, string> = {};
  const unitWords: string[] = [];
  const countsWords: string[] = [];
  for (const r of rows) {
    if (r.kind === 'form') units[r.form] = r.word;
    else if (r.kind === 'unit' && unitWords.length < limit) unitWords.push(r.word);
    else if (r.kind === 'counts' && countsWords.length < limit) countsWords.push(r.word);
  }
  return { units, unitWords, countsWords };
}
