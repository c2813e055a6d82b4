import { describe, expect, it } from 'vitest';
import { snapSpan } from './snap';

/** Selects `selected` (the nth occurrence) inside `text` and returns what snapping keeps. */
function snapped(text: string, selected: string, nth = 0): string | null {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(selected, start + 1);
  if (start === -1) throw new Error(`"${selected}" not in text`);
  const span = snapSpan(text, start, start + selected.length);
  return span && text.slice(span.start, span.end);
}

const TEXT = 'Officials said 80 drones were shot down over Kyiv overnight, the ministry said.';

describe('snapSpan', () => {
  it.each([
    // Whitespace is trimmed at both ends.
    [' 80 drones ', '80 drones'],
    // A word missing one or two characters is completed.
    ['rone', 'drones'],
    ['0 drones', '80 drones'],
    ['80 dron', '80 drones'],
    ['ficials said', 'Officials said'],
    ['yiv overnigh', 'Kyiv overnight'],
    ['ones were', 'drones were'],
    // Stray characters caught from a neighbouring word are dropped, with the space after them.
    ['s were shot', 'were shot'],
    ['shot down o', 'shot down'],
    ['t, the ministry', 'the ministry'],
    ['d 80', '80'],
    // Deliberate partial selections are left alone.
    ['ne', 'ne'],
    ['inist', 'inist'],
    ['nes were', 'nes were'],
    ['80 drones', '80 drones'],
  ])('%j → %j', (selected, expected) => {
    expect(snapped(TEXT, selected)).toBe(expected);
  });

  it('returns null for a selection of only whitespace', () => {
    expect(snapSpan('a   b', 1, 4)).toBeNull();
    expect(snapSpan('a\n\nb', 1, 3)).toBeNull();
  });

  it('accepts the ends in either order and clamps them to the text', () => {
    expect(snapSpan('abc def', 7, 4)).toEqual({ start: 4, end: 7 });
    expect(snapSpan('abc def', -3, 99)).toEqual({ start: 0, end: 7 });
  });

  it('works in any script', () => {
    expect(snapped('Над Києвом збили 80 дронів.', 'иєвом збили')).toBe('Києвом збили');
    expect(snapped('Над Києвом збили 80 дронів.', 'збили 80 дроні')).toBe('збили 80 дронів');
  });

  it('never splits a surrogate pair, a flag, an emoji sequence or a combining accent', () => {
    const text = 'A 🇺🇦 flag, 👩‍👩‍👧 family, 😀 face and cafe\u0301 sign.';
    const flag = text.indexOf('🇺🇦');
    expect(snapSpan(text, flag + 1, flag + 3)).toEqual({ start: flag, end: flag + 4 });
    expect(snapSpan(text, flag + 2, flag + 9)).toEqual({ start: flag, end: flag + 9 });
    const family = text.indexOf('👩‍👩‍👧');
    expect(snapSpan(text, family, family + 3)).toEqual({ start: family, end: family + '👩‍👩‍👧'.length });
    const face = text.indexOf('😀');
    expect(snapSpan(text, face + 1, face + 7)).toEqual({ start: face, end: face + 7 });
    const accent = text.indexOf('e\u0301');
    const cafe = text.indexOf('cafe');
    expect(snapSpan(text, cafe, accent + 1)).toEqual({ start: cafe, end: accent + 2 });
  });
});
