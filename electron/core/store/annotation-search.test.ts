import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HIT_CLOSE, HIT_OPEN } from '../../../shared/model';
import { useTmpDir } from '../testing/tmp';
import { insertArticle } from './articles';
import { deleteAnnotation, insertAnnotation, searchAnnotations, updateAnnotation } from './annotations';
import { openStore } from './db';

const tmp = useTmpDir();

function seeded() {
  const db = openStore(join(tmp(), 'a.db'));
  const text = 'Генерал Сирский заявил, что 80 дронов сбиты. The Café owner disputed it.';
  const article = insertArticle(db, { title: 'Drones', source: null, url: null, author: null, publishedAt: null, language: null, text });
  const at = (q: string) => ({ start: text.indexOf(q), end: text.indexOf(q) + q.length, quote: q });
  const actor = insertAnnotation(db, { articleId: article.id, label: 'actor', ...at('Генерал Сирский'), note: 'Commander of the ground forces' });
  const figure = insertAnnotation(db, { articleId: article.id, label: 'figure', ...at('80 дронов'), note: 'Ministry says 76' });
  const claim = insertAnnotation(db, { articleId: article.id, label: 'claim', ...at('The Café owner disputed it'), note: '' });
  return { db, actor, figure, claim };
}

describe('searchAnnotations', () => {
  it('finds quotes and notes, in any script, ignoring case and diacritics, with highlighted snippets', () => {
    const { db, actor, figure, claim } = seeded();
    expect(searchAnnotations(db, { query: 'сирский', limit: 10 }).hits.map((h) => h.annotation.id)).toEqual([actor.id]);
    expect(searchAnnotations(db, { query: 'cafe', limit: 10 }).hits.map((h) => h.annotation.id)).toEqual([claim.id]);
    const byNote = searchAnnotations(db, { query: 'ministry', limit: 10 });
    expect(byNote.hits.map((h) => h.annotation.id)).toEqual([figure.id]);
    expect(byNote.hits[0]?.snippet).toContain(`${HIT_OPEN}Ministry${HIT_CLOSE}`);
    expect(byNote.hits[0]?.articleTitle).toBe('Drones');
  });

  it('filters by label and survives stray operators', () => {
    const { db, actor } = seeded();
    expect(searchAnnotations(db, { query: 'ground (', label: 'actor', limit: 10 }).hits.map((h) => h.annotation.id)).toEqual([actor.id]);
    expect(searchAnnotations(db, { query: 'ground', label: 'figure', limit: 10 }).total).toBe(0);
    expect(() => searchAnnotations(db, { query: '"unbalanced ( NEAR/ *', limit: 10 })).not.toThrow();
  });

  it('follows edits and deletions', () => {
    const { db, figure } = seeded();
    updateAnnotation(db, figure.id, { note: 'Independent count: 58' });
    expect(searchAnnotations(db, { query: 'ministry', limit: 10 }).total).toBe(0);
    expect(searchAnnotations(db, { query: 'independent', limit: 10 }).total).toBe(1);
    deleteAnnotation(db, figure.id);
    expect(searchAnnotations(db, { query: 'independent', limit: 10 }).total).toBe(0);
  });
});
