import type { Annotation, AnyAttrs, Label } from '../../../shared/model';
import type { Mention } from '../../../shared/ipc/entities';
import { rowToAnnotation, requireAnnotation, updateAnnotation } from './annotations';
import type { Db } from './db';
import { cached, StoreError } from './db';

/**
 * Links from annotations to entities. A link is an attribute of the annotation (so undo, bundles
 * and exports carry it); entity_links mirrors them (kept by triggers, migration 0008) for
 * lookups and counts.
 */
export const LINK_KEY = { actor: 'entityId', event: 'locationEntityId' } as const satisfies Partial<Record<Label, string>>;

export function linkKey(label: Label): 'entityId' | 'locationEntityId' | null {
  return label === 'actor' || label === 'event' ? LINK_KEY[label] : null;
}

/** The entity an annotation links to, as its attributes say. */
export function linkedEntityId(a: Pick<Annotation, 'label' | 'attrs'>): string | null {
  const key = linkKey(a.label);
  const value = key ? a.attrs[key] : undefined;
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * Sets (or, with null, removes) one annotation's link, recording the edit like any other; `extra`
 * attributes are set with it and `remove` ones taken off (what accepting a suggestion filled in).
 */
export function setLink(db: Db, annotationId: string, entityId: string | null, extra: AnyAttrs = {}, remove: readonly string[] = []): Annotation {
  const current = requireAnnotation(db, annotationId);
  const key = linkKey(current.label);
  if (!key) throw new StoreError('invalid', `a ${current.label} annotation cannot link to an entity`);
  const attrs: AnyAttrs = { ...current.attrs, ...extra };
  for (const k of remove) delete attrs[k];
  if (entityId === null) delete attrs[key];
  else attrs[key] = entityId;
  return updateAnnotation(db, annotationId, { attrs });
}

/** Ids of the annotations linked to any of these entities, by article then position. */
export function linkedAnnotationIds(db: Db, entityIds: readonly string[]): string[] {
  return cached(
    db,
    `SELECT l.annotation_id FROM entity_links l JOIN annotations n ON n.id = l.annotation_id
     WHERE l.entity_id IN (SELECT value FROM json_each(?)) ORDER BY l.article_id, n.start, n.id`,
    'pluck',
  ).all(JSON.stringify(entityIds)) as string[];
}

/** Mentions of any of these entities with some text either side. */
export function mentionsOf(db: Db, entityIds: readonly string[], limit: number, offset: number): { total: number; items: Mention[] } {
  const ids = JSON.stringify(entityIds);
  const total = cached(db, 'SELECT count(*) FROM entity_links WHERE entity_id IN (SELECT value FROM json_each(?))', 'pluck').get(ids) as number;
  const rows = cached(
    db,
    `SELECT n.*, a.title AS article_title
     FROM entity_links l JOIN annotations n ON n.id = l.annotation_id JOIN articles a ON a.id = n.article_id
     WHERE l.entity_id IN (SELECT value FROM json_each(?))
     ORDER BY a.title COLLATE NOCASE, a.id, n.start, n.id LIMIT ? OFFSET ?`,
  ).all(ids, limit, offset) as (Parameters<typeof rowToAnnotation>[0] & { article_title: string })[];
  // Offsets are UTF-16 and SQLite's substr counts characters, so the context is cut here.
  const texts = new Map<string, string>();
  const textOf = (id: string) => {
    let text = texts.get(id);
    if (text === undefined) {
      text = cached(db, 'SELECT text FROM articles WHERE id = ?', 'pluck').get(id) as string;
      texts.set(id, text);
    }
    return text;
  };
  return {
    total,
    items: rows.map((r) => {
      const annotation = rowToAnnotation(r);
      const text = textOf(annotation.articleId);
      return { annotation, articleTitle: r.article_title, ...contextOf(text, annotation.start, annotation.end) };
    }),
  };
}

const CONTEXT = 80;

/** Up to CONTEXT UTF-16 units either side of a span, never splitting a surrogate pair. */
export function contextOf(text: string, start: number, end: number): { before: string; after: string } {
  let from = Math.max(0, start - CONTEXT);
  if (from > 0 && /[\udc00-\udfff]/.test(text[from] ?? '')) from += 1;
  let to = Math.min(text.length, end + CONTEXT);
  if (to < text.length && /[\ud800-\udbff]/.test(text[to - 1] ?? '')) to -= 1;
  return { before: text.slice(from, start), after: text.slice(end, to) };
}
