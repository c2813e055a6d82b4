/**
 * Word characters, Unicode-aware: letters, combining marks and digits of any script. Apostrophes
 * and hyphens are not word characters, so "Kyiv's" and "Russia-backed" are two words each.
 */
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;

function isWordCodePoint(codePoint: number | undefined): boolean {
  return codePoint !== undefined && WORD_CHAR.test(String.fromCodePoint(codePoint));
}

/** The code point that ends at UTF-16 offset `i`, stepping back over a whole surrogate pair. */
function codePointBefore(text: string, i: number): number | undefined {
  if (i <= 0) return undefined;
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(i - 2);
  }
  return text.codePointAt(i - 1);
}

/** UTF-16 length of the code point ending at `i`. */
function widthBefore(text: string, i: number): number {
  const codePoint = codePointBefore(text, i);
  return codePoint !== undefined && codePoint > 0xffff ? 2 : 1;
}

export function isWordCharAt(text: string, i: number): boolean {
  return i < text.length && isWordCodePoint(text.codePointAt(i));
}

export function isWordCharBefore(text: string, i: number): boolean {
  return isWordCodePoint(codePointBefore(text, i));
}

/** True when `i` falls strictly inside a word. */
export function cutsWord(text: string, i: number): boolean {
  return isWordCharBefore(text, i) && isWordCharAt(text, i);
}

/** Start of the word run that ends at or contains `i`. */
export function wordStart(text: string, i: number): number {
  let at = i;
  while (isWordCharBefore(text, at)) at -= widthBefore(text, at);
  return at;
}

/** End of the word run that starts at or contains `i`. */
export function wordEnd(text: string, i: number): number {
  let at = i;
  while (isWordCharAt(text, at)) at += (text.codePointAt(at) as number) > 0xffff ? 2 : 1;
  return at;
}

// Created lazily: constructing a segmenter loads locale data, and most callers never need one.
let graphemes: Intl.Segmenter | null = null;
const WINDOW = 32;
/** Below this code unit there are no combining marks, joiners, prepends, Hangul or regional indicators. */
const FIRST_JOINING = 0x300;

/**
 * True when `i` lies between two code units below U+0300 other than CR LF: every grapheme rule
 * that keeps two characters together needs one of them at or above U+0300 (an extending or
 * spacing mark, a joiner, a prepend, Hangul, a regional indicator, a surrogate), so `i` is a
 * boundary.
 */
function latinBoundary(text: string, i: number): boolean {
  const before = text.charCodeAt(i - 1);
  const after = text.charCodeAt(i);
  return before < FIRST_JOINING && after < FIRST_JOINING && !(before === 0x0d && after === 0x0a);
}

/**
 * Moves `i` outward to the nearest grapheme cluster boundary ('before' to the cluster's start,
 * 'after' to its end), so a span never splits a surrogate pair, a flag, an emoji sequence or a
 * letter from its combining marks. Looks at a small window around `i`; clusters longer than
 * that are vanishingly rare in news text.
 */
export function toGraphemeBoundary(text: string, i: number, direction: 'before' | 'after'): number {
  if (i <= 0 || i >= text.length) return Math.max(0, Math.min(i, text.length));
  // Most selections end between two Latin characters, where no rule joins a cluster: answering
  // here spares the first tag of a session the ~10 ms it takes to create the segmenter.
  if (latinBoundary(text, i)) return i;
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const from = Math.max(0, i - WINDOW);
  const segment = graphemes.segment(text.slice(from, Math.min(text.length, i + WINDOW))).containing(i - from);
  if (segment === undefined) return i;
  const start = from + segment.index;
  if (start === i) return i;
  return direction === 'before' ? start : start + segment.segment.length;
}
