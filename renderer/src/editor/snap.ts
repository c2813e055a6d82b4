import { trimSpan } from '../../../shared/text';
import { cutsWord, toGraphemeBoundary, wordEnd, wordStart } from './words';

/** How many characters of a word a drag can miss, or catch, and still count as an accident. */
const SLIP = 2;
const LOOSE_PUNCTUATION = /[,;:]/u;

type Span = { start: number; end: number };

function trimmed(text: string, start: number, end: number): Span | null {
  const span = trimSpan(text, start, end);
  if (span === null) return null;
  let { start: s, end: e } = span;
  while (s < e && LOOSE_PUNCTUATION.test(text[s] as string)) s++;
  while (e > s && LOOSE_PUNCTUATION.test(text[e - 1] as string)) e--;
  return trimSpan(text, s, e);
}

/** Moves a selection's start that cuts a word: out to the word's start, or past a stray fragment. */
function snapStart(text: string, start: number, end: number): number {
  const missing = start - wordStart(text, start);
  const caught = Math.min(wordEnd(text, start), end) - start;
  if (missing <= SLIP && missing <= caught) return start - missing;
  if (caught <= SLIP && caught < missing && start + caught < end) return start + caught;
  return start;
}

/** The same for a selection's end. */
function snapEnd(text: string, start: number, end: number): number {
  const missing = wordEnd(text, end) - end;
  const caught = end - Math.max(wordStart(text, end), start);
  if (missing <= SLIP && missing <= caught) return end + missing;
  if (caught <= SLIP && caught < missing && end - caught > start) return end - caught;
  return end;
}

/**
 * Cleans up a selection before it becomes an annotation:
 * 1. trims whitespace at both ends (a selection of only whitespace gives null);
 * 2. where an end cuts a word, treats a slip of at most two characters as an accident: a word
 *    missing one or two characters is completed ("rone" in "drones" → "drones", "80 dron" →
 *    "80 drones"), and a stray one or two characters caught from a neighbouring word are dropped
 *    ("s fired" in "drones fired" → "fired"), with any whitespace or , ; : left at that end.
 *    A word is completed only when at least as much of it was selected as is missing, and a
 *    fragment dropped only when less of it was selected than not: "rone" inside "drones" and
 *    "0" of "80" are completed, "ne" inside "drones" is left alone, and a selection inside one
 *    word is never shrunk;
 * 3. widens both ends to grapheme boundaries, so a span never splits a surrogate pair, a flag,
 *    an emoji sequence or a letter from its combining accent.
 * Returns offsets in UTF-16 code units.
 */
export function snapSpan(text: string, start: number, end: number): Span | null {
  const first = trimSpan(text, start, end);
  if (first === null) return null;
  let { start: s, end: e } = first;
  const insideOneWord = cutsWord(text, s) && cutsWord(text, e) && wordEnd(text, s) >= e;
  if (insideOneWord) {
    const missing = s - wordStart(text, s) + (wordEnd(text, e) - e);
    if (missing <= SLIP && missing <= e - s) {
      s = wordStart(text, s);
      e = wordEnd(text, e);
    }
  } else {
    const snappedStart = cutsWord(text, s) ? snapStart(text, s, e) : s;
    const snappedEnd = cutsWord(text, e) ? snapEnd(text, s, e) : e;
    const shrunk = snappedStart > s || snappedEnd < e;
    const next = shrunk ? trimmed(text, snappedStart, snappedEnd) : { start: snappedStart, end: snappedEnd };
    if (next !== null) ({ start: s, end: e } = next);
  }
  return { start: toGraphemeBoundary(text, s, 'before'), end: toGraphemeBoundary(text, e, 'after') };
}
