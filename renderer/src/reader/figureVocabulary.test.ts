import { describe, expect, it } from 'vitest';
import { offeredWords } from './figureVocabulary';

describe('offeredWords', () => {
  const words = ['drone', 'person', 'missile', 'dwelling'];

  it('offers the analyst’s words in the order they use them, without the field’s own value', () => {
    expect(offeredWords(words, '')).toEqual(['drone', 'person', 'missile', 'dwelling']);
    expect(offeredWords(words, 'Person ')).toEqual(['drone', 'missile', 'dwelling']);
  });

  it('puts the words starting with what is typed first', () => {
    expect(offeredWords(words, 'd')).toEqual(['drone', 'dwelling', 'person', 'missile']);
    expect(offeredWords(words, 'mi')).toEqual(['missile', 'drone', 'person', 'dwelling']);
  });

  it('offers at most thirty', () => {
    expect(offeredWords(Array.from({ length: 50 }, (_, i) => `unit ${i}`), '')).toHaveLength(30);
  });
});
