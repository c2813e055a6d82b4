import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../../shared/text';
import { createRng } from '../testing/fuzz';
import { canonicalWithMap } from './remap';
import { referenceCanonicalWithMap } from './test-support/remap-reference';

/** Remaps the span of `needle` (its nth occurrence) and returns what it covers afterwards. */
function follow(raw: string, needle: string, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = raw.indexOf(needle, at + 1);
  const c = canonicalWithMap(raw);
  const moved = c.remap(at, at + needle.length);
  return { c, moved, covered: moved.ok ? c.text.slice(moved.start, moved.end) : null };
}

describe('canonicalWithMap', () => {
  it('leaves canonical text and its offsets alone', () => {
    const c = canonicalWithMap('One.\n\nTwo.');
    expect(c.changed).toBe(false);
    expect(c.remap(6, 10)).toEqual({ ok: true, start: 6, end: 10 });
  });

  it('produces exactly what canonicalize produces', () => {
    const raw = '\uFEFFTitle  \r\n\r\n\r\n  First\u0007 para\r\nline two\u2028Third  \n \n\n\nCafe\u0301 e\u0301te\u0301\t\n';
    expect(canonicalWithMap(raw).text).toBe(canonicalize(raw));
  });

  it('moves spans across CRLF line endings, surplus blank lines and a BOM', () => {
    const raw = '\uFEFFKyiv said 76 drones\r\nwere downed.\r\n\r\n\r\n\r\nMoscow said 80 were.';
    expect(follow(raw, 'Moscow said 80').covered).toBe('Moscow said 80');
    expect(follow(raw, 'drones\r\nwere').covered).toBe('drones\nwere');
  });

  it('moves spans across removed control characters and trailing spaces', () => {
    const raw = 'The \u0000ministry   \nsaid\u0001 so.   \n\nNext paragraph here.';
    expect(follow(raw, 'Next paragraph').covered).toBe('Next paragraph');
    expect(follow(raw, 'said\u0001 so').covered).toBe('said so');
  });

  it('follows characters that NFC composes when the span covers them whole', () => {
    const raw = 'Cafe\u0301 in Ko\u0308ln, then Zu\u0308rich.';
    expect(follow(raw, 'Cafe\u0301').covered).toBe('Café');
    expect(follow(raw, 'Zu\u0308rich').covered).toBe('Zürich');
    expect(follow(raw, 'then').covered).toBe('then');
  });

  it('refuses a span that ends between a letter and its combining accent', () => {
    const raw = 'Cafe\u0301 au lait';
    const { moved } = follow(raw, 'Cafe');
    expect(moved).toEqual({ ok: false, reason: 'ends inside characters that canonicalization combined' });
  });

  it('refuses a span that covers only removed whitespace', () => {
    const raw = 'One.   \n\n\n\nTwo.';
    const c = canonicalWithMap(raw);
    expect(c.remap(4, 7)).toEqual({ ok: false, reason: 'covers only text that canonicalization removed' });
  });

  it('keeps astral characters (emoji, flags) in step', () => {
    const raw = '🇺🇦 Flag first.\r\nThen 📢 the 188 drones.';
    expect(follow(raw, '188 drones').covered).toBe('188 drones');
  });
});

describe('lone surrogates', () => {
  it('become one U+FFFD each, so the text keeps its length and spans after them stay on their words', () => {
    const raw = 'Intro \ud800 then Zelenskyy spoke; a broken \udc00 pair.';
    const moved = follow(raw, 'Zelenskyy');
    expect(moved.c.text).toBe('Intro \ufffd then Zelenskyy spoke; a broken \ufffd pair.');
    expect(moved.c.text.length).toBe(raw.length);
    expect(moved.moved).toEqual({ ok: true, start: raw.indexOf('Zelenskyy'), end: raw.indexOf('Zelenskyy') + 9 });
    expect(follow(raw, '\ud800 then').covered).toBe('\ufffd then');
  });

  it('leave well-formed pairs alone', () => {
    expect(canonicalize('flag 🇺🇦 and \ud83d\ude00')).toBe('flag 🇺🇦 and 😀');
  });
});

describe('the run-length trace', () => {
  it('moves every span exactly as the per-character trace did, on texts full of what canonicalization changes', () => {
    const rng = createRng(0x7ace);
    const pieces = ['a', 'b', 'word', ' ', '  ', '\t', '\r\n', '\r', '\n', '\n\n\n', '\u2028', '\u0007', '\u0000', 'e\u0301', 'u\u0308', '\u0301', '🇺🇦', '\ud800', '\uFEFF', 'Київ', '\u00a0'];
    for (let round = 0; round < 200; round++) {
      let raw = '';
      const length = 1 + rng.int(16);
      for (let i = 0; i < length; i++) raw += rng.pick(pieces);
      const mine = canonicalWithMap(raw);
      const reference = referenceCanonicalWithMap(raw);
      expect(mine.text).toBe(reference.text);
      const spans: [number, number][] = [];
      for (let s = 0; s <= raw.length; s++) for (let e = s; e <= raw.length; e++) spans.push([s, e]);
      const moved = (c: typeof mine) => spans.map(([s, e]) => JSON.stringify(c.remap(s, e)));
      expect(moved(mine), JSON.stringify(raw)).toEqual(moved(reference));
    }
  });
});
