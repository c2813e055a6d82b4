import type { ParsedInputOf } from '../../../shared/ipc/contract';
import type { Annotation, Article } from '../../../shared/model';
import { remapSpans } from '../../../shared/remap';
import { canonicalize, splitsSurrogatePair } from '../../../shared/text';
import { requireArticle, nowIso, textHash } from '../store/articles';
import { listAnnotations, updateAnnotation } from '../store/annotations';
import type { Db } from '../store/db';
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
    const moved = positions ? checkPositions(text, annotations, positions) : remapSpans(article.text, text, annotations);
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
    for (const m of moved) {
      const current = byId.get(m.id);
      if (!current) continue;
      const quote = m.status === 'orphaned' ? current.quote : text.slice(m.start, m.end);
      if (current.start !== m.start || current.end !== m.end || current.status !== m.status || current.quote !== quote) {
        updateAnnotation(db, m.id, { start: m.start, end: m.end, status: m.status, quote });
      }
    }
    return { article: requireArticle(db, id), annotations: listAnnotations(db, id) };
  })();
}

function checkPositions(text: string, annotations: Annotation[], positions: NonNullable<Positions>) {
  const known = new Set(annotations.map((a) => a.id));
  for (const p of positions) {
    if (!known.has(p.id)) throw new HandlerError('invalid_input', `annotation ${p.id} does not belong to this article`);
    if (p.end > text.length || p.start > p.end || (p.status === 'ok' && p.start === p.end)) {
      throw new HandlerError('invalid_input', `position ${p.start}-${p.end} of ${p.id} does not fit the text`);
    }
    if (splitsSurrogatePair(text, p.start) || splitsSurrogatePair(text, p.end)) {
      throw new HandlerError('invalid_input', `position ${p.start}-${p.end} of ${p.id} splits a character`);
    }
  }
  return positions;
}
