import { describe, expect, it } from 'vitest';
import { toGraphemeBoundary } from './words';

/** The boundary Intl.Segmenter gives for `i`, over the whole text: what toGraphemeBoundary must match. */
function reference(text: string, i: number, direction: 'before' | 'after'): number {
  const segment = new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text).containing(i);
  if (segment === undefined || segment.index === i) return i;
  return direction === 'before' ? segment.index : segment.index + segment.segment.length;
}

describe('toGraphemeBoundary', () => {
  // Latin next to what joins it (combining accents, joiners, flags, emoji with modifiers), CR LF,
  // Cyrillic, Hangul jamo and Devanagari with its vowel signs and virama.
  const text =
    'Kyiv: 80 drones, cafe\u0301 «ALSO READ»\r\nA 🇺🇦 flag, 👩‍👩‍👧 family, 👍🏽 ok, x\u200dy, Над Києвом ' +
    '\u1100\u1161\u11a8 한국 नमस्ते क्षत्रिय a\u0308\u0301b ¡Olé! ſ ŉ ʼ ˈa\u0361b';

  it('agrees with Intl.Segmenter at every offset, in both directions', () => {
    for (let i = 0; i <= text.length; i++) {
      expect([i, toGraphemeBoundary(text, i, 'before')]).toEqual([i, reference(text, i, 'before')]);
      expect([i, toGraphemeBoundary(text, i, 'after')]).toEqual([i, reference(text, i, 'after')]);
    }
  });

  it('clamps offsets outside the text', () => {
    expect(toGraphemeBoundary('abc', -2, 'before')).toBe(0);
    expect(toGraphemeBoundary('abc', 9, 'after')).toBe(3);
  });
});
