import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../../shared/ipc/entities';
import type { Annotation } from '../../../shared/model';
import { keepCurrent, stepSuggestion, suggestionBasis, suggestionSpans } from './suggestions';

const s = (id: string, start: number, end = start + 4): Suggestion => ({
  id,
  articleId: 'a',
  start,
  end,
  text: 'name',
  entityId: 'e',
  entityName: 'Name',
  entityKind: 'actor',
  action: 'tag',
  annotationId: null,
});

describe('suggestions in the reader', () => {
  it('draws suggestions in text order', () => {
    expect(suggestionSpans([s('b', 20), s('a', 3)])).toEqual([
      { id: 'a', start: 3, end: 7 },
      { id: 'b', start: 20, end: 24 },
    ]);
  });

  it('steps through suggestions in both directions, wrapping, from the first or last when none is current', () => {
    const list = [s('a', 0), s('b', 10), s('c', 20)];
    expect(stepSuggestion(list, null, 1)?.id).toBe('a');
    expect(stepSuggestion(list, null, -1)?.id).toBe('c');
    expect(stepSuggestion(list, 'c', 1)?.id).toBe('a');
    expect(stepSuggestion(list, 'a', -1)?.id).toBe('c');
    expect(stepSuggestion([], null, 1)).toBeNull();
  });

  it('keeps the current suggestion, or moves on to the one that follows where it was', () => {
    const before = [s('a', 0), s('b', 10), s('c', 20)];
    expect(keepCurrent(before, before, 'b')).toBe('b');
    // "b" was accepted: the next one in the text becomes current.
    expect(keepCurrent(before, [s('a', 0), s('c', 20)], 'b')).toBe('c');
    // The last one went: back to the first.
    expect(keepCurrent(before, [s('a', 0), s('b', 10)], 'c')).toBe('a');
    expect(keepCurrent(before, [], 'a')).toBeNull();
    expect(keepCurrent([], before, null)).toBe('a');
  });
});

describe('suggestionBasis', () => {
  const a = (attrs: Record<string, string>, note = '') => ({ id: 'x', start: 1, end: 5, label: 'actor', note, attrs }) as unknown as Annotation;
  it('changes with a span, its label or its links, not with a note or another attribute', () => {
    const base = suggestionBasis([a({})]);
    expect(suggestionBasis([a({}, 'typed a note')])).toBe(base);
    expect(suggestionBasis([a({ canonicalName: 'Name' })])).toBe(base);
    expect(suggestionBasis([a({ entityId: 'e1' })])).not.toBe(base);
    expect(suggestionBasis([{ ...a({}), end: 6 }])).not.toBe(base);
    expect(suggestionBasis([{ ...a({}), label: 'event' } as Annotation])).not.toBe(base);
  });
});
