/**
 * Moves annotation offsets across a correction of an article's text, so each annotation stays on
 * its own words. Pure; used by the correct-text use case.
 */
import { type ChangeObject, diffArrays } from 'diff';

export type SpanRef = { id: string; start: number; end: number; status?: 'ok' | 'orphaned' };
export type RemapStatus = 'ok' | 'orphaned';
export type Remapped<T extends SpanRef> = Omit<T, 'start' | 'end' | 'status'> & { start: number; end: number; status: RemapStatus };

/** Old [oldStart, oldEnd) became new [newStart, newEnd); either side may be empty. */
export type Hunk = { oldStart: number; oldEnd: number; newStart: number; newEnd: number };
type Texts = { oldText: string; newText: string };

/**
 * A stretch needing more word edits than this is not aligned word by word: the cost grows with
 * the text times the edits, and line against line does as well for such wholesale changes. A
 * bound on edits rather than on time keeps the result the same on every machine.
 */
const MAX_WORD_EDITS = 500;

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

/** Hunks from a diff of token arrays, placed at absolute offsets; adjacent changes merged. */
function hunksFromChanges(changes: readonly ChangeObject<string[]>[], oldAt: number, newAt: number): Hunk[] {
  const hunks: Hunk[] = [];
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
  return hunks;
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
  return hunksFromChanges(changes, hunk.oldStart, hunk.newStart);
}

/** Word-by-word hunks for one region; undefined when it needs more than MAX_WORD_EDITS edits. */
function tokenHunks(oldText: string, newText: string, region: Hunk): Hunk[] | undefined {
  const before = oldText.slice(region.oldStart, region.oldEnd);
  const after = newText.slice(region.newStart, region.newEnd);
  if (before === after) return [];
  if (before === '' || after === '') return [region];
  const changes = diffArrays(before.match(TOKEN) ?? [], after.match(TOKEN) ?? [], { maxEditLength: MAX_WORD_EDITS });
  if (changes === undefined) return undefined;
  return hunksFromChanges(changes, region.oldStart, region.newStart).flatMap((h) => refineWordHunk(oldText, newText, h));
}

type Line = { start: number; end: number; key: string };

/** Lines of text[from, to), each with its "\n", tiling the range exactly. */
function linesOf(text: string, from: number, to: number): Line[] {
  const lines: Line[] = [];
  for (let start = from; start < to; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 || newline >= to ? to : newline + 1;
    lines.push({ start, end, key: text.slice(start, end) });
    start = end;
  }
  return lines;
}

/** Longest increasing subsequence of `values` (patience sorting), as indexes into `values`. */
function longestIncreasing(values: readonly number[]): number[] {
  const tails: number[] = [];
  const previous = new Array<number>(values.length).fill(-1);
  values.forEach((value, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((values[tails[mid] as number] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1] as number;
    tails[lo] = i;
  });
  const out: number[] = [];
  for (let i = tails[tails.length - 1] ?? -1; i !== -1; i = previous[i] as number) out.push(i);
  return out.reverse();
}

/**
 * Pairs of line indexes (old, new) that anchor the alignment: lines occurring exactly once in
 * each text, kept in an order consistent with both (patience diff). Costs O(n log n) however
 * many lines changed, where a plain diff over a text with edits everywhere costs O(n·d).
 */
function anchors(oldLines: readonly Line[], newLines: readonly Line[]): [number, number][] {
  const counts = new Map<string, { old: number; oldAt: number; new: number; newAt: number }>();
  oldLines.forEach((line, i) => {
    const entry = counts.get(line.key) ?? { old: 0, oldAt: i, new: 0, newAt: -1 };
    entry.old++;
    counts.set(line.key, entry);
  });
  newLines.forEach((line, i) => {
    const entry = counts.get(line.key);
    if (entry !== undefined && entry.new++ === 0) entry.newAt = i;
  });
  const unique = [...counts.values()].filter((e) => e.old === 1 && e.new === 1).sort((a, b) => a.oldAt - b.oldAt);
  return longestIncreasing(unique.map((e) => e.newAt)).map((k) => [(unique[k] as { oldAt: number }).oldAt, (unique[k] as { newAt: number }).newAt]);
}

/**
 * The changes between the texts as hunks in old-text order. Only the region between the common
 * prefix and suffix is looked at. Its lines are aligned on lines that occur once in each text,
 * and each stretch between two such anchors is diffed word by word. A stretch with too many edits
 * for that (edits all through a long text, such as every quote mark straightened) is diffed line
 * against line when both sides have as many lines, which is cheap; any other is one replacement.
 */
export function diffHunks(oldText: string, newText: string): Hunk[] {
  if (oldText === newText) return [];
  const prefix = commonPrefix(oldText, newText);
  const suffix = commonSuffix(oldText, newText, prefix);
  const oldLines = linesOf(oldText, prefix, oldText.length - suffix);
  const newLines = linesOf(newText, prefix, newText.length - suffix);
  const oldPos = (i: number) => (i < oldLines.length ? (oldLines[i] as Line).start : oldText.length - suffix);
  const newPos = (i: number) => (i < newLines.length ? (newLines[i] as Line).start : newText.length - suffix);
  const hunks: Hunk[] = [];
  let oldFrom = 0;
  let newFrom = 0;
  for (const [oldAnchor, newAnchor] of [...anchors(oldLines, newLines), [oldLines.length, newLines.length] as const]) {
    const stretch = { oldStart: oldPos(oldFrom), oldEnd: oldPos(oldAnchor), newStart: newPos(newFrom), newEnd: newPos(newAnchor) };
    const diffed = tokenHunks(oldText, newText, stretch);
    if (diffed !== undefined) hunks.push(...diffed);
    else if (oldAnchor - oldFrom === newAnchor - newFrom) {
      for (let k = 0; k < oldAnchor - oldFrom; k++) {
        const o = oldLines[oldFrom + k] as Line;
        const n = newLines[newFrom + k] as Line;
        const line = { oldStart: o.start, oldEnd: o.end, newStart: n.start, newEnd: n.end };
        hunks.push(...(tokenHunks(oldText, newText, line) ?? [line]));
      }
    } else hunks.push(stretch);
    oldFrom = oldAnchor + 1;
    newFrom = newAnchor + 1;
  }
  return mergeTouching(hunks);
}

/** Hunks from neighbouring lines may touch; one change must be one hunk for the boundary rules. */
function mergeTouching(hunks: readonly Hunk[]): Hunk[] {
  const merged: Hunk[] = [];
  for (const hunk of hunks) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.oldEnd === hunk.oldStart && last.newEnd === hunk.newStart) {
      last.oldEnd = hunk.oldEnd;
      last.newEnd = hunk.newEnd;
    } else merged.push({ ...hunk });
  }
  return merged;
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

const WORD_START = /^[\p{L}\p{M}\p{N}]/u;
const WORD_END = /[\p{L}\p{M}\p{N}]$/u;

/**
 * Where an old boundary lands in the new text. A span's start and end differ on the edges of a
 * change: an insertion exactly at either boundary stays outside the span, unless it carries on
 * the span's own word ("Kyi|" + "v", "8|0" → "800": a letter-level fix of a word), while a
 * replacement that begins at the start or ends at the end is the span's own text edited, so it
 * stays in.
 */
function mapBoundary(texts: Texts, hunks: readonly Hunk[], position: number, side: 'start' | 'end'): number {
  const index = firstEndingAtOrAfter(hunks, position);
  const hunk = hunks[index];
  if (hunk === undefined || hunk.oldStart > position) {
    const before = hunks[index - 1];
    return before === undefined ? position : position - before.oldEnd + before.newEnd;
  }
  if (hunk.oldStart === hunk.oldEnd) {
    const inserted = texts.newText.slice(hunk.newStart, hunk.newEnd);
    if (side === 'start') {
      const carriesOn = WORD_END.test(inserted) && WORD_START.test(texts.oldText.slice(position, position + 2));
      return carriesOn ? hunk.newStart : hunk.newEnd;
    }
    const carriesOn = WORD_START.test(inserted) && WORD_END.test(texts.oldText.slice(Math.max(0, position - 2), position));
    return carriesOn ? hunk.newEnd : hunk.newStart;
  }
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

function remapOne<T extends SpanRef>(texts: Texts, hunks: readonly Hunk[], span: T): Remapped<T> {
  const newLength = texts.newText.length;
  const clamp = (n: number) => Math.max(0, Math.min(n, newLength));
  const { start, end } = span;
  if (span.status === 'orphaned' || end <= start) {
    const at = clamp(mapBoundary(texts, hunks, start, 'start'));
    return { ...span, start: at, end: at, status: 'orphaned' };
  }
  const newStart = clamp(mapBoundary(texts, hunks, start, 'start'));
  const newEnd = clamp(mapBoundary(texts, hunks, end, 'end'));
  const { survives, spills } = coverage(texts.oldText, hunks, start, end);
  // Every character was deleted: the span lives on only if it was itself rewritten (its text
  // replaced by new text inside its own bounds); deleted outright, or swallowed by a larger
  // rewrite, leaves nothing to point at.
  if (survives || (!spills && newEnd > newStart)) return { ...span, start: newStart, end: newEnd, status: 'ok' };
  const at = Math.min(newStart, newEnd);
  return { ...span, start: at, end: at, status: 'orphaned' };
}

/**
 * Maps each span from `oldText` onto `newText`. Unchanged text moves with the edits around it;
 * edits inside a span grow or shrink it; insertions exactly at a boundary stay outside (unless
 * they only carry on the span's first or last word, as a letter-level typo fix does). A span
 * whose text was deleted entirely comes back 'orphaned' with both offsets at the place its text
 * used to be (the caller keeps its old quote); already orphaned spans stay orphaned and just move.
 * Nothing is dropped and the order is kept. Only the region between the texts' common prefix and
 * suffix is diffed, word by word (a word changed into a similar one, letter by letter); a span
 * left with nothing but whitespace of its own text counts as deleted.
 */
export function remapSpans<T extends SpanRef>(oldText: string, newText: string, spans: readonly T[]): Remapped<T>[] {
  const hunks = diffHunks(oldText, newText);
  return spans.map((span) => remapOne({ oldText, newText }, hunks, span));
}

/**
 * Where a position of the old text is in the new one: moved by what changed before it, and at
 * the end of a change it falls inside (the text it stood next to was replaced).
 */
export function mapPoint(oldText: string, newText: string, at: number): number {
  let delta = 0;
  for (const h of diffHunks(oldText, newText)) {
    if (at <= h.oldStart) break;
    if (at < h.oldEnd) return h.newEnd;
    delta = h.newEnd - h.oldEnd;
  }
  return Math.min(Math.max(0, at + delta), newText.length);
}
