/**
 * Moves annotation offsets across a correction of an article's text, so each annotation stays on
 * its own words. Pure; used by the correct-text use case.
 */
import { diffArrays } from 'diff';

export type SpanRef = { id: string; start: number; end: number; status?: 'ok' | 'orphaned' };
export type RemapStatus = 'ok' | 'orphaned';
export type Remapped<T extends SpanRef> = Omit<T, 'start' | 'end' | 'status'> & { start: number; end: number; status: RemapStatus };

/** Old [oldStart, oldEnd) became new [newStart, newEnd); either side may be empty. */
type Hunk = { oldStart: number; oldEnd: number; newStart: number; newEnd: number };

/** Past this, the token diff gives up and the changed region is treated as one replacement. */
const DIFF_TIMEOUT_MS = 2000;

/**
 * Words (letters, digits and marks of any script), runs of whitespace, and single other code
 * points. Whole words keep a corrected word from being matched letter by letter against an
 * unrelated one; single punctuation keeps a fixed quote mark from swallowing its neighbours.
 */
const TOKEN = /[\p{L}\p{M}\p{N}]+|\s+|[\s\S]/gu;

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

const WORD_BEFORE = /[\p{L}\p{M}\p{N}]+$/u;
const WORD_AFTER = /^[\p{L}\p{M}\p{N}]+/u;
/** Longest word looked at when aligning a cut to a word boundary; longer runs are cut anyway. */
const LONGEST_WORD = 256;

function wordRunBefore(text: string, i: number): number {
  return WORD_BEFORE.exec(text.slice(Math.max(0, i - LONGEST_WORD), i))?.[0].length ?? 0;
}

function wordRunAfter(text: string, i: number): number {
  return WORD_AFTER.exec(text.slice(i, i + LONGEST_WORD))?.[0].length ?? 0;
}

/**
 * Length of the common prefix, moved back to a word boundary: diffing from the middle of a word
 * would pair "over" in "over Kyiv" with the start of "overnight". Never between the halves of
 * a surrogate pair (a word boundary never is).
 */
function commonPrefix(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let i = 0;
  while (i < limit && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i > 0 && isHigh(a.charCodeAt(i - 1))) i--;
  if (wordRunAfter(a, i) > 0 || wordRunAfter(b, i) > 0) i -= wordRunBefore(a, i);
  return i;
}

/** The same for the common suffix, which never reaches into the prefix. */
function commonSuffix(a: string, b: string, prefix: number): number {
  const limit = Math.min(a.length, b.length) - prefix;
  let i = 0;
  while (i < limit && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  if (i > 0 && isLow(a.charCodeAt(a.length - i))) i--;
  if (wordRunBefore(a, a.length - i) > 0 || wordRunBefore(b, b.length - i) > 0) i -= wordRunAfter(a, a.length - i);
  return Math.max(0, i);
}

/** The changes between the texts as hunks in old-text order, adjacent changes merged. */
export function diffHunks(oldText: string, newText: string): Hunk[] {
  if (oldText === newText) return [];
  const prefix = commonPrefix(oldText, newText);
  const suffix = commonSuffix(oldText, newText, prefix);
  const oldMiddle = oldText.slice(prefix, oldText.length - suffix);
  const newMiddle = newText.slice(prefix, newText.length - suffix);
  const whole: Hunk = { oldStart: prefix, oldEnd: prefix + oldMiddle.length, newStart: prefix, newEnd: prefix + newMiddle.length };
  if (oldMiddle === '' || newMiddle === '') return [whole];
  const changes = diffArrays(oldMiddle.match(TOKEN) ?? [], newMiddle.match(TOKEN) ?? [], { timeout: DIFF_TIMEOUT_MS });
  if (changes === undefined) return [whole];
  const hunks: Hunk[] = [];
  let oldAt = prefix;
  let newAt = prefix;
  let open: Hunk | null = null;
  for (const change of changes) {
    const length = change.value.reduce((sum, token) => sum + token.length, 0);
    if (!change.added && !change.removed) {
      if (open !== null) hunks.push(open);
      open = null;
      oldAt += length;
      newAt += length;
      continue;
    }
    open ??= { oldStart: oldAt, oldEnd: oldAt, newStart: newAt, newEnd: newAt };
    if (change.removed) oldAt = open.oldEnd = oldAt + length;
    else newAt = open.newEnd = newAt + length;
  }
  if (open !== null) hunks.push(open);
  return hunks.flatMap((hunk) => refineWordHunk(oldText, newText, hunk));
}

const ONE_WORD = /^[\p{L}\p{M}\p{N}]+$/u;

/**
 * A hunk that turns one word into a similar one (a typo fixed: at least half the letters of the
 * longer word kept) is diffed again letter by letter, so a span over part of that word keeps its
 * letters and an insertion at its edge stays outside. Anything else stays whole: matching the
 * odd letter across different words ("Air" → "Forces") pairs nonsense.
 */
function refineWordHunk(oldText: string, newText: string, hunk: Hunk): Hunk[] {
  const before = oldText.slice(hunk.oldStart, hunk.oldEnd);
  const after = newText.slice(hunk.newStart, hunk.newEnd);
  if (!ONE_WORD.test(before) || !ONE_WORD.test(after)) return [hunk];
  const changes = diffArrays(Array.from(before), Array.from(after));
  const kept = changes.reduce((sum, c) => (c.added || c.removed ? sum : sum + c.value.join('').length), 0);
  if (kept * 2 < Math.max(before.length, after.length)) return [hunk];
  const refined: Hunk[] = [];
  let oldAt = hunk.oldStart;
  let newAt = hunk.newStart;
  let open: Hunk | null = null;
  for (const change of changes) {
    const length = change.value.join('').length;
    if (!change.added && !change.removed) {
      if (open !== null) refined.push(open);
      open = null;
      oldAt += length;
      newAt += length;
      continue;
    }
    open ??= { oldStart: oldAt, oldEnd: oldAt, newStart: newAt, newEnd: newAt };
    if (change.removed) oldAt = open.oldEnd = oldAt + length;
    else newAt = open.newEnd = newAt + length;
  }
  if (open !== null) refined.push(open);
  return refined;
}

/** Index of the first hunk that ends at or after `position`. */
function firstEndingAtOrAfter(hunks: readonly Hunk[], position: number): number {
  let lo = 0;
  let hi = hunks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((hunks[mid] as Hunk).oldEnd < position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Where an old boundary lands in the new text. A span's start and end differ on the edges of a
 * change: an insertion exactly at either boundary stays outside the span, while a replacement
 * that begins at the start or ends at the end is the span's own text edited, so it stays in.
 */
function mapBoundary(hunks: readonly Hunk[], position: number, side: 'start' | 'end'): number {
  const index = firstEndingAtOrAfter(hunks, position);
  const hunk = hunks[index];
  if (hunk === undefined || hunk.oldStart > position) {
    const before = hunks[index - 1];
    return before === undefined ? position : position - before.oldEnd + before.newEnd;
  }
  if (hunk.oldStart === hunk.oldEnd) return side === 'start' ? hunk.newEnd : hunk.newStart;
  if (position === hunk.oldStart) return hunk.newStart;
  if (position === hunk.oldEnd) return hunk.newEnd;
  return side === 'start' ? hunk.newStart : hunk.newEnd;
}

const VISIBLE = /\S/u;

/**
 * Whether any visible character of [start, end) escaped every deletion (whitespace left between
 * rewritten words does not count), and whether a deletion reaching into the span spills past it.
 */
function coverage(oldText: string, hunks: readonly Hunk[], start: number, end: number): { survives: boolean; spills: boolean } {
  let cursor = start;
  let spills = false;
  for (let i = firstEndingAtOrAfter(hunks, start + 1); i < hunks.length; i++) {
    const hunk = hunks[i] as Hunk;
    if (hunk.oldStart >= end) break;
    if (hunk.oldStart === hunk.oldEnd) continue;
    if (hunk.oldStart > cursor && VISIBLE.test(oldText.slice(cursor, hunk.oldStart))) return { survives: true, spills };
    if (hunk.oldStart < start || hunk.oldEnd > end) spills = true;
    cursor = Math.max(cursor, hunk.oldEnd);
  }
  return { survives: cursor < end && VISIBLE.test(oldText.slice(cursor, end)), spills };
}

function remapOne<T extends SpanRef>(oldText: string, hunks: readonly Hunk[], span: T, newLength: number): Remapped<T> {
  const clamp = (n: number) => Math.max(0, Math.min(n, newLength));
  const { start, end } = span;
  if (span.status === 'orphaned' || end <= start) {
    const at = clamp(mapBoundary(hunks, start, 'start'));
    return { ...span, start: at, end: at, status: 'orphaned' };
  }
  const newStart = clamp(mapBoundary(hunks, start, 'start'));
  const newEnd = clamp(mapBoundary(hunks, end, 'end'));
  const { survives, spills } = coverage(oldText, hunks, start, end);
  // Every character was deleted: the span lives on only if it was itself rewritten (its text
  // replaced by new text inside its own bounds); deleted outright, or swallowed by a larger
  // rewrite, leaves nothing to point at.
  if (survives || (!spills && newEnd > newStart)) return { ...span, start: newStart, end: newEnd, status: 'ok' };
  const at = Math.min(newStart, newEnd);
  return { ...span, start: at, end: at, status: 'orphaned' };
}

/**
 * Maps each span from `oldText` onto `newText`. Unchanged text moves with the edits around it;
 * edits inside a span grow or shrink it; insertions exactly at a boundary stay outside. A span
 * whose text was deleted entirely comes back 'orphaned' with both offsets at the place its text
 * used to be (the caller keeps its old quote); already orphaned spans stay orphaned and just move.
 * Nothing is dropped and the order is kept. Only the region between the texts' common prefix and
 * suffix is diffed, word by word (a word changed into another word letter by letter); a span
 * left with nothing but whitespace of its own text counts as deleted.
 */
export function remapSpans<T extends SpanRef>(oldText: string, newText: string, spans: readonly T[]): Remapped<T>[] {
  const hunks = diffHunks(oldText, newText);
  return spans.map((span) => remapOne(oldText, hunks, span, newText.length));
}
