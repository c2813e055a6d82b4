import { ATTR_SCHEMAS, Id, LABELS, parseAttrs, type AnyAttrs, type Label } from '../../../shared/model';
import { isLoneSurrogate, splitsSurrogatePair } from '../../../shared/text';
import { annotationArticleOf, annotationLabelOf } from '../store/annotations';
import { claimsNaming } from '../store/roles';
import type { Db } from '../store/db';
import { aliasTargetOf, tombstoneOf } from '../store/revisions';

/**
 * What every annotation in the library satisfies, whichever path wrote it (the contract's
 * handlers, an import, a bundle merge, an undo, a text correction). A library that keeps these
 * always exports datasets without losing a span and re-imports its own bundle:
 * - offsets are integers, 0 <= start <= end <= text length, never between the halves of a
 *   surrogate pair; a live ('ok') annotation covers at least one character that is not whitespace;
 * - a live annotation's quote is the text at its offsets, read here, never taken from the caller;
 *   an orphan (its text was corrected away) keeps the quote it had, which must hold something;
 * - attributes are the label's own, each valid (shared/model.ts);
 * - a claim's claimantId names an annotation of the same article (live, written in the same
 *   batch, or deleted from it: a link a delete broke is kept so undo can put it back), an actor
 *   one when it is live (claimantRetagProblem keeps that from the other end), and a
 *   conflict copy's conflictOf a live annotation of the same article other than itself;
 * - an id that named an annotation of another article (deleted there, or an alias there) is not
 *   given to one of this article: links to it there would silently lead here;
 * - times are ISO 8601 instants; author, note and quote are bounded.
 */

export const MAX_AUTHOR = 500;
export const MAX_NOTE = 100_000;
/** An orphan's quote is text the article once held; the same bound as an article's text. */
export const MAX_QUOTE = 50_000_000;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** True for an ISO 8601 date and time with its zone (what the library writes: toISOString()). */
export function isIsoInstant(s: unknown): s is string {
  return typeof s === 'string' && s.length <= 64 && ISO_INSTANT.test(s) && !Number.isNaN(Date.parse(s));
}

export interface AnnotationCandidate {
  id: string;
  articleId: string;
  label: Label;
  start: number;
  end: number;
  status: 'ok' | 'orphaned';
  /** Only an orphan's is used; a live annotation's quote is read from the text. */
  quote?: string;
  note: string;
  attrs: AnyAttrs;
  author: string;
  conflictOf: string | null;
  createdAt?: string;
  updatedAt?: string;
}

/** Where an id points, for the reference checks: the article of the annotation it names, or null. */
export interface References {
  /** Article of a live annotation (or one written earlier in the same batch) with this id. */
  liveArticleOf(id: string): string | null;
  /**
   * Article an id named an annotation of before: deleted from it, or now another's alias there.
   * Answers from the aliases and deletions alone, even when a live annotation has the id too.
   */
  formerArticleOf(id: string): string | null;
  /** Label of the live annotation (or one written earlier in the same batch) with this id; without it labels are not checked. */
  liveLabelOf?(id: string): Label | null;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Attributes that are all the label's own and valid, in their stored form (no empty values). */
export function checkAttrs(label: Label, attrs: AnyAttrs): Checked<AnyAttrs> {
  const known = ATTR_SCHEMAS[label].shape as Record<string, unknown>;
  const foreign = Object.keys(attrs).filter((k) => !Object.hasOwn(known, k));
  if (foreign.length > 0) return { ok: false, reason: `attributes ${foreign.slice(0, 5).map((k) => JSON.stringify(k.slice(0, 64))).join(', ')} are not attributes of ${label}` };
  const parsed = parseAttrs(label, attrs);
  if (!parsed.ok) return { ok: false, reason: `attributes for ${label}: ${parsed.message}` };
  return { ok: true, value: parsed.attrs };
}

/** Offsets that fit the text: on character boundaries, inside it, and (live) over something visible. */
export function checkOffsets(text: string, start: number, end: number, status: 'ok' | 'orphaned'): string | null {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > text.length) {
    return `offsets ${start}-${end} do not fit the text (length ${text.length})`;
  }
  if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) return `offsets ${start}-${end} split a character`;
  if (status === 'ok') {
    if (start === end) return `offsets ${start}-${end} are empty`;
    if (!/\S/u.test(text.slice(start, end))) return `offsets ${start}-${end} hold only whitespace`;
  }
  return null;
}

/**
 * Checks one annotation about to be written into an article with `text`; on success gives it
 * with its quote read from the text (live) and its attributes in stored form. Without `refs`
 * (a file checked before anything is merged) the links to other annotations are left unchecked.
 */
export function checkAnnotation<T extends AnnotationCandidate>(text: string, a: T, refs: References | null): Checked<T & { quote: string }> {
  const fail = (reason: string): Checked<never> => ({ ok: false, reason: `annotation ${String(a.id).slice(0, 64)}: ${reason}` });
  if (!Id.safeParse(a.id).success) return fail('its id must be 1 to 64 characters');
  if (!(LABELS as readonly string[]).includes(a.label)) return fail(`unknown label ${JSON.stringify(String(a.label).slice(0, 32))}`);
  if (a.status !== 'ok' && a.status !== 'orphaned') return fail('its status must be ok or orphaned');
  const offsets = checkOffsets(text, a.start, a.end, a.status);
  if (offsets) return fail(offsets);
  let quote: string;
  if (a.status === 'ok') {
    quote = text.slice(a.start, a.end);
  } else {
    quote = a.quote ?? '';
    if (!/\S/u.test(quote)) return fail('an orphaned annotation must keep the text it was on (its quote is empty)');
    if (quote.length > MAX_QUOTE) return fail(`its quote is longer than ${MAX_QUOTE.toLocaleString('en')} characters`);
    if (hasLoneSurrogate(quote)) return fail('its quote is not well-formed text');
  }
  if (typeof a.note !== 'string' || a.note.length > MAX_NOTE) return fail(`its note must be text of at most ${MAX_NOTE.toLocaleString('en')} characters`);
  if (typeof a.author !== 'string' || a.author.length > MAX_AUTHOR) return fail(`its author must be text of at most ${MAX_AUTHOR} characters`);
  for (const [field, value] of [['createdAt', a.createdAt], ['updatedAt', a.updatedAt]] as const) {
    if (value !== undefined && !isIsoInstant(value)) return fail(`${field} ${JSON.stringify(String(value).slice(0, 64))} is not an ISO 8601 time`);
  }
  const attrs = checkAttrs(a.label, a.attrs ?? {});
  if (!attrs.ok) return fail(attrs.reason);
  const claimant = attrs.value.claimantId;
  if (refs && typeof claimant === 'string') {
    if (claimant === a.id) return fail('a claim cannot be its own claimant');
    const live = refs.liveArticleOf(claimant);
    const where = live ?? refs.formerArticleOf(claimant);
    if (where !== a.articleId) return fail(`its claimant ${claimant} is not an annotation of this article`);
    const label = live !== null ? (refs.liveLabelOf?.(claimant) ?? 'actor') : 'actor';
    if (label !== 'actor') return fail(`its claimant ${claimant} is ${article(label)} annotation; a claimant is an actor annotation`);
  }
  if (refs) {
    // An id once given to an annotation of another article (deleted there, or an alias there)
    // still names that annotation: a claim left linked to it, an undo, a merge all read it so.
    // Checked whether or not this annotation is already written under it.
    const former = refs.formerArticleOf(a.id);
    if (former !== null && former !== a.articleId) return fail('its id is that of an annotation of another article');
  }
  if (refs && a.conflictOf !== null) {
    if (a.conflictOf === a.id) return fail('it cannot be a conflict copy of itself');
    if (refs.liveArticleOf(a.conflictOf) !== a.articleId) return fail(`it is a conflict copy of ${a.conflictOf}, which is not an annotation of this article`);
  }
  return { ok: true, value: { ...a, quote, attrs: attrs.value } };
}

function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff && isLoneSurrogate(s, i)) return true;
  }
  return false;
}

/** References that also see the annotations written earlier in the same batch. */
export function withBatch(refs: References): References & { add(id: string, articleId: string, label: Label): void } {
  const batch = new Map<string, { articleId: string; label: Label }>();
  return {
    liveArticleOf: (id) => batch.get(id)?.articleId ?? refs.liveArticleOf(id),
    formerArticleOf: (id) => refs.formerArticleOf(id),
    liveLabelOf: (id) => batch.get(id)?.label ?? refs.liveLabelOf?.(id) ?? null,
    add: (id, articleId, label) => void batch.set(id, { articleId, label }),
  };
}

/**
 * Why an annotation of the article cannot take this label (null: it can): a live claim names it
 * as its claimant, and a claimant is an actor annotation. Checked where a write gives an existing
 * or former id a label (a retag, a restore, a bundle's annotation); the claim's end is checkAnnotation's.
 */
export function claimantRetagProblem(db: Db, a: { id: string; articleId: string; label: Label }): string | null {
  if (a.label === 'actor') return null;
  const claims = claimsNaming(db, a.articleId, a.id);
  if (claims.length === 0) return null;
  return `annotation ${a.id} is the claimant of claim ${claims.slice(0, 3).join(', ')}${claims.length > 3 ? ' and more' : ''}, so it stays an actor annotation (not ${article(a.label)}): unlink it from the claim first`;
}

function article(label: Label): string {
  return `${/^[aeiou]/.test(label) ? 'an' : 'a'} ${label}`;
}

/** References as the store holds them. */
export function storeReferences(db: Db): References {
  return {
    liveArticleOf: (id) => annotationArticleOf(db, id),
    liveLabelOf: (id) => annotationLabelOf(db, id),
    formerArticleOf: (id) => {
      // An id lives on as an alias when a conflict copy took over from the annotation the analyst deleted.
      const heir = aliasTargetOf(db, id);
      return (heir !== null ? annotationArticleOf(db, heir) : null) ?? tombstoneOf(db, [id])?.articleId ?? null;
    },
  };
}
