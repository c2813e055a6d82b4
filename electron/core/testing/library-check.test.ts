import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertArticle } from '../store/articles';
import { insertAnnotation } from '../store/annotations';
import { openStore } from '../store/db';
import { insertRoles } from '../store/roles';
import { storeProblems } from './library-check';
import { useTmpDir } from './tmp';

describe('the store checker the fuzz tests run after every accepted call', () => {
  const tmp = useTmpDir();
  const TEXT = 'Officials said 12 drones hit the port.';
  const article = (id: string) => ({ title: id, source: null, url: null, author: null, publishedAt: null, language: 'en', text: TEXT }) as const;

  function library() {
    const db = openStore(join(tmp(), 'library.db'));
    insertArticle(db, article('a'), { id: 'a' });
    insertArticle(db, { ...article('b'), text: `${TEXT} Later.` }, { id: 'b' });
    insertAnnotation(db, { id: 'event-a', articleId: 'a', label: 'event', start: 15, end: 33, quote: TEXT.slice(15, 33) });
    insertAnnotation(db, { id: 'actor-a', articleId: 'a', label: 'actor', start: 0, end: 9, quote: 'Officials' });
    insertAnnotation(db, { id: 'actor-b', articleId: 'b', label: 'actor', start: 0, end: 9, quote: 'Officials' });
    return db;
  }

  it('passes a role inside its article and names one that reaches into another', () => {
    const db = library();
    insertRoles(db, 'event-a', 'a', [{ role: 'actor', spanId: 'actor-a' }]);
    expect(storeProblems(db)).toEqual([]);
    insertRoles(db, 'event-a', 'a', [{ role: 'target', spanId: 'actor-b' }]);
    expect(storeProblems(db)).toEqual(['role target of event event-a: actor-b and its event are not both annotations of article a']);
  });

  it('names a quote that is not the text at its offsets and a claimant of another article', () => {
    const db = library();
    insertAnnotation(db, { id: 'figure-a', articleId: 'a', label: 'figure', start: 15, end: 17, quote: '13' });
    insertAnnotation(db, { id: 'claim-a', articleId: 'a', label: 'claim', start: 0, end: 24, quote: TEXT.slice(0, 24), attrs: { claimantId: 'actor-b' } });
    expect(storeProblems(db).sort()).toEqual(['annotation claim-a: its claimant actor-b is not an annotation of this article', 'annotation figure-a: its quote is not the text at its offsets']);
  });
});
