import type { ParsedInputOf } from '../../../shared/ipc/contract';
import type { Annotation, Article } from '../../../shared/model';
import { remapSpans, type Remapped } from '../../../shared/remap';
import { canonicalize, splitsSurrogatePair } from '../../../shared/text';
import { requireArticle, nowIso, textHash } from '../store/articles';
import { listAnnotations, updateAnnotation } from '../store/annotations';
import type { Db } from '../store/db';
import { checkAnnotation, checkOffsets, storeReferences } from './annotation-invariants';
import { HandlerError } from './errors';

type Positions = ParsedInputOf<'articles/correctText'>['positions'];

/**
 * Applies the analyst's correction of an article's text in one transaction. Annotations follow
 * their text; one whose text was deleted entirely is flagged 'orphaned' with its quote kept,
 * never dropped. The text as first imported is kept once, for provenance, while the text differs from it.
 */
export function correctText(db: Db, id: string, rawText: string, positions: Positions): { article: Article; annotations: Annotation[] } {
  const text = canonicalize(rawText);
  if (text === '') throw new HandlerError('invalid_input', 'the corrected text is empty');
  return db.transaction(() => {
    const article = requireArticle(db, id);
    const annotations = listAnnotations(db, id);
    const moved = placeAll(article.text, text, annotations, positions);
    const clash = db.prepare('SELECT id FROM articles WHERE text_hash = ? AND id <> ?').get(textHash(text), id) as { id: string } | undefined;
    if (clash) throw new HandlerError('conflict', `another article (${clash.id}) already has exactly this text`);
    // Correcting back to the imported text (an undo) leaves nothing corrected to keep provenance for.
    const original = article.originalText ?? article.text;
    db.prepare('UPDATE articles SET text = ?, text_hash = ?, original_text = ?, updated_at = ? WHERE id = ?').run(
      text,
      textHash(text),
      original === text ? null : original,
      nowIso(),
      id,
    );
    const byId = new Map(annotations.map((a) => [a.id, a]));
    const refs = storeReferences(db);
    for (const m of moved) {
      const current = byId.get(m.id) as Annotation;
      const checked = checkAnnotation(text, { ...current, start: m.start, end: m.end, status: m.status }, refs);
      if (!checked.ok) throw new HandlerError('invalid_input', checked.reason);
      const next = checked.value;
      if (current.start !== next.start || current.end !== next.end || current.status !== next.status || current.quote !== next.quote) {
        updateAnnotation(db, m.id, { start: next.start, end: next.end, status: next.status, quote: next.quote });
      }
    }
    return { article: requireArticle(db, id), annotations: listAnnotations(db, id) };
  })();
}

/**
 * Where every annotation of the article goes. Given positions (how undo puts annotations back
 * exactly) must each name an annotation of this article once; an annotation they leave out (one
 * made, or merged in from a bundle, after the step being undone) follows its text like any
 * other, so no annotation is ever left on offsets of a text that is gone. Refusing such a list
 * would make the undo itself impossible, and the annotation is placed correctly either way.
 */
function placeAll(oldText: string, text: string, annotations: Annotation[], positions: Positions): Remapped<Annotation>[] {
  if (!positions) return remapSpans(oldText, text, annotations).map((m) => keepVisible(text, m));
  const known = new Set(annotations.map((a) => a.id));
  const given = new Map<string, NonNullable<Positions>[number]>();
  for (const p of positions) {
    if (!known.has(p.id)) throw new HandlerError('invalid_input', `annotation ${p.id} does not belong to this article`);
    if (given.has(p.id)) throw new HandlerError('invalid_input', `annotation ${p.id} is given two positions`);
    const problem = checkOffsets(text, p.start, p.end, p.status);
    if (problem) throw new HandlerError('invalid_input', `position of ${p.id}: ${problem}`);
    given.set(p.id, p);
  }
  const rest = remapSpans(oldText, text, annotations.filter((a) => !given.has(a.id))).map((m) => keepVisible(text, m));
  const restById = new Map(rest.map((m) => [m.id, m]));
  return annotations.map((a) => {
    const p = given.get(a.id);
    return p ? { ...a, start: p.start, end: p.end, status: p.status } : (restById.get(a.id) as Remapped<Annotation>);
  });
}

/** A span the remap kept live but that no longer covers anything visible is an orphan where it starts. */
function keepVisible(text: string, m: Remapped<Annotation>): Remapped<Annotation> {
  if (m.status !== 'ok' || checkOffsets(text, m.start, m.end, 'ok') === null) return m;
  const at = splitsSurrogatePair(text, m.start) ? m.start - 1 : Math.min(m.start, text.length);
  return { ...m, start: at, end: at, status: 'orphaned' };
}
