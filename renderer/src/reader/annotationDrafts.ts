import { normaliseFigure } from '../../../shared/figure-normalise';
import { ATTR_SCHEMAS, LABEL_TITLES, type Annotation, type AnyAttrs, type Article, type Label } from '../../../shared/model';
import type { Range } from './history';

/**
 * Attributes a new annotation starts with: a figure's value, range, qualifier, unit and counts read
 * from its quote by the normaliser (number words in the article's language), marked auto until
 * the analyst confirms them.
 */
export function initialAttrs(label: Label, quote: string, language: string | null = null): AnyAttrs {
  if (label !== 'figure') return {};
  const reading = normaliseFigure(quote, { language });
  return reading.ok ? { ...reading.attrs } : {};
}

/** What a retag adds: a figure without a value yet reads it from its quote, as a new figure does. */
export function retagAttrs(before: Annotation, label: Label, language: string | null = null): AnyAttrs {
  return before.attrs.value === undefined ? initialAttrs(label, before.quote, language) : {};
}

/** Names the attributes a retag dropped because the new label has no place for them; null when none were. */
export function retagNotice(before: Annotation, label: Label): string | null {
  const kept = new Set(Object.keys(ATTR_SCHEMAS[label].shape));
  const dropped = Object.keys(before.attrs).filter((k) => !kept.has(k) && before.attrs[k] !== null && k !== 'claimantId');
  return dropped.length > 0 ? `Retagged as ${LABEL_TITLES[label]}: dropped ${dropped.join(', ')} (undo brings them back)` : null;
}

/** The annotations a tag draws before the store answers, under ids chosen here that the store keeps. */
export function provisionalAnnotations(article: Article, label: Label, spans: Range[], attrs: AnyAttrs): Annotation[] {
  const at = new Date().toISOString();
  return spans.map((s) => ({
    id: crypto.randomUUID(),
    articleId: article.id,
    label,
    start: s.start,
    end: s.end,
    quote: article.text.slice(s.start, s.end),
    note: '',
    attrs,
    author: '',
    status: 'ok',
    conflictOf: null,
    createdAt: at,
    updatedAt: at,
  }));
}
