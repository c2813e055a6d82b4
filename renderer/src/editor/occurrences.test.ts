import { describe, expect, it } from 'vitest';
import { findOccurrences } from './occurrences';

const quotes = (text: string, found: { start: number; end: number }[]) => found.map((r) => [r.start, text.slice(r.start, r.end)]);

describe('findOccurrences', () => {
  it('finds every other whole-word occurrence, case-sensitively', () => {
    const text = 'Kyiv said. Kyivstar and kyiv and Kyiv, and (Kyiv) and Kyiv-based.';
    const first = { start: 0, end: 4 };
    expect(quotes(text, findOccurrences(text, 'Kyiv', [first]))).toEqual([
      [33, 'Kyiv'],
      [44, 'Kyiv'],
      [54, 'Kyiv'],
    ]);
  });

  it('leaves out matches overlapping spans already tagged with the label', () => {
    const text = 'the ministry said; the ministry of defence; the ministry';
    const tagged = [
      { start: 4, end: 12 },
      { start: 19, end: 42 },
    ];
    expect(quotes(text, findOccurrences(text, 'ministry', tagged))).toEqual([[48, 'ministry']]);
  });

  it('checks word boundaries only where the quote itself starts or ends a word', () => {
    const text = '(AFP) report (AFP)report x(AFP)';
    expect(quotes(text, findOccurrences(text, '(AFP)', []))).toEqual([
      [0, '(AFP)'],
      [13, '(AFP)'],
      [26, '(AFP)'],
    ]);
  });

  it('uses Unicode word characters: Cyrillic, accents, digits', () => {
    const text = 'Київ і Києві; Київ; café cafés; 80 180 80.';
    expect(quotes(text, findOccurrences(text, 'Київ', []))).toEqual([
      [0, 'Київ'],
      [14, 'Київ'],
    ]);
    expect(quotes(text, findOccurrences(text, 'café', []))).toEqual([[20, 'café']]);
    expect(quotes(text, findOccurrences(text, '80', []))).toEqual([
      [32, '80'],
      [39, '80'],
    ]);
  });

  it('does not treat a combining accent after the match as a boundary', () => {
    const text = 'cafe cafe\u0301';
    expect(quotes(text, findOccurrences(text, 'cafe', []))).toEqual([[0, 'cafe']]);
  });

  it('handles astral characters and never splits a pair', () => {
    const text = '😀 face, 😀 again, 🇺🇦🇺🇦';
    expect(findOccurrences(text, '😀', [{ start: 0, end: 2 }])).toEqual([{ start: 9, end: 11 }]);
    expect(findOccurrences(text, '🇺🇦', [])).toEqual([
      { start: 19, end: 23 },
      { start: 23, end: 27 },
    ]);
  });

  it('returns non-overlapping matches, leftmost first', () => {
    expect(findOccurrences('aa-aa-aa', 'aa-aa', [])).toEqual([{ start: 0, end: 5 }]);
  });

  it('returns nothing for an empty or blank quote', () => {
    expect(findOccurrences('a b', '', [])).toEqual([]);
    expect(findOccurrences('a b', ' ', [])).toEqual([]);
  });
});
