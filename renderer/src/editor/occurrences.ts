import { splitsSurrogatePair } from '../../../shared/text';
import { isWordCharAt, isWordCharBefore } from './words';

type Range = { start: number; end: number };

/** Sorted, disjoint cover of the ranges, so overlap checks can walk along with the matches. */
function mergeRanges(ranges: readonly Range[]): Range[] {
  const sorted = ranges.filter((r) => r.end > r.start).map((r) => ({ start: r.start, end: r.end }));
  sorted.sort((a, b) => a.start - b.start);
  const merged: Range[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push(range);
  }
  return merged;
}

/**
 * Every occurrence of `quote` in `text` (exact, case-sensitive) that stands as whole words: where
 * the quote begins or ends with a letter, digit or mark, the text must not continue the word
 * there ("Kyiv" does not match inside "Kyivstar"). Matches never overlap each other (leftmost
 * first) nor any `exclude` range (the spans already tagged with that label, the new one
 * included). Returns offsets in UTF-16 code units, in text order.
 */
export function findOccurrences(text: string, quote: string, exclude: readonly Range[]): Range[] {
  if (quote.trim() === '') return [];
  const boundedStart = isWordCharAt(quote, 0);
  const boundedEnd = isWordCharBefore(quote, quote.length);
  const excluded = mergeRanges(exclude);
  const found: Range[] = [];
  let next = 0;
  let from = 0;
  for (let at = text.indexOf(quote, from); at !== -1; at = text.indexOf(quote, from)) {
    const end = at + quote.length;
    const whole =
      !(boundedStart && isWordCharBefore(text, at)) &&
      !(boundedEnd && isWordCharAt(text, end)) &&
      !splitsSurrogatePair(text, at) &&
      !splitsSurrogatePair(text, end);
    while (next < excluded.length && (excluded[next] as Range).end <= at) next++;
    const blocked = next < excluded.length && (excluded[next] as Range).start < end;
    if (whole && !blocked) {
      found.push({ start: at, end });
      from = end;
    } else {
      from = at + 1;
    }
  }
  return found;
}
