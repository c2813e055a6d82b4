import type { Annotation } from '../../../shared/model';

/** How much of the paragraph a row shows on each side of the quote, in code units. */
export const CONTEXT_CHARS = 48;

export interface RowContext {
  before: string;
  after: string;
}

/**
 * The words around an annotation inside its own paragraph, cut at word boundaries and marked
 * with an ellipsis where the paragraph goes on: what tells seven rows reading "Kharkiv" apart.
 */
export function rowContext(text: string, start: number, end: number, chars = CONTEXT_CHARS): RowContext {
  const paraStart = text.lastIndexOf('\n', start - 1) + 1;
  const nextBreak = text.indexOf('\n', end);
  const paraEnd = nextBreak < 0 ? text.length : nextBreak;
  let from = Math.max(paraStart, start - chars);
  if (from > paraStart) {
    const space = text.indexOf(' ', from);
    if (space >= 0 && space < start) from = space + 1;
  }
  let to = Math.min(paraEnd, end + chars);
  if (to < paraEnd) {
    const space = text.lastIndexOf(' ', to);
    if (space > end) to = space;
  }
  const before = text.slice(from, start).replace(/\s+/g, ' ');
  const after = text.slice(end, to).replace(/\s+/g, ' ');
  return { before: (from > paraStart ? '…' : '') + before, after: after + (to < paraEnd ? '…' : '') };
}

/** Keys that hold ids (links to entities, claimants, places): named by what they link to elsewhere, not shown as text. */
const isIdKey = (key: string) => /Id$/.test(key);

/**
 * An annotation's attributes in a few words: a figure's value with its unit and qualifier, an
 * event's date and place, a claim's status and claimant, an actor's name and kind; other keys
 * (a view may add its own) follow in the order they were stored. Ids are left out.
 */
export function attrSummary(a: Pick<Annotation, 'label' | 'attrs'>): string {
  const attrs = a.attrs;
  const parts: string[] = [];
  const used = new Set<string>();
  const take = (key: string) => {
    used.add(key);
    const v: unknown = attrs[key];
    if (typeof v === 'boolean') return v ? key : null;
    return v === undefined || v === null || v === '' ? null : String(v);
  };
  if (a.label === 'figure') {
    const value = [take('value'), take('unit')].filter(Boolean).join(' ');
    if (value) parts.push(value);
    const qualifier = take('qualifier');
    if (qualifier) parts.push(qualifier);
  }
  for (const key of Object.keys(attrs)) {
    if (used.has(key) || isIdKey(key)) continue;
    const v = take(key);
    if (v) parts.push(v);
  }
  return parts.join(' · ');
}
