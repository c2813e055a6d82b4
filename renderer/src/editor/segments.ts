import type { Label } from '../../../shared/model';

/** An annotation as the editor sees it: UTF-16 offsets, end-exclusive, into the canonical text. */
export type MarkSpan = { id: string; label: Label; start: number; end: number };

/**
 * A maximal run of text covered by the same set of annotations, never crossing a paragraph
 * separator. `ids[i]` has label `labels[i]`; ids are ordered innermost first (shortest span,
 * then earlier start, then id), so `ids[0]` is the most specific annotation under a click.
 * `starts` are the labels of the annotations that begin with this run, in the same order.
 */
export type Segment = { start: number; end: number; ids: string[]; labels: Label[]; starts: Label[] };

/** One paragraph of canonical text: [start, end) excludes the "\n\n" separators. */
export type ParagraphRange = { start: number; end: number };

const SEPARATOR = '\n\n';

/**
 * Paragraph ranges with the same split rule as `text.split("\n\n")`, which is how the editor's
 * root joins its blocks. The empty text is one empty paragraph so the editor always has a block
 * to put a caret in.
 */
export function paragraphRanges(text: string): ParagraphRange[] {
  const ranges: ParagraphRange[] = [];
  let start = 0;
  for (;;) {
    const at = text.indexOf(SEPARATOR, start);
    if (at === -1) break;
    ranges.push({ start, end: at });
    start = at + SEPARATOR.length;
  }
  ranges.push({ start, end: text.length });
  return ranges;
}

// One entry is enough: the reader shows one article at a time and asks about it repeatedly.
let cachedText: string | null = null;
let cachedRanges: ParagraphRange[] = [];

/** `paragraphRanges`, remembered for the last text asked about. Treat the result as read-only. */
export function cachedParagraphRanges(text: string): readonly ParagraphRange[] {
  if (text !== cachedText) {
    cachedRanges = paragraphRanges(text);
    cachedText = text;
  }
  return cachedRanges;
}

/** Index of the paragraph holding `offset`; an offset inside a separator belongs to the paragraph before it. */
export function paragraphIndexAt(ranges: readonly ParagraphRange[], offset: number): number {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((ranges[mid] as ParagraphRange).start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function compareInnermostFirst(a: MarkSpan, b: MarkSpan): number {
  return a.end - a.start - (b.end - b.start) || a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

type Entry = { span: MarkSpan; start: number; end: number };

/** Where `entry` sits in the sorted `active` list, or where it would be inserted. */
function searchActive(active: readonly Entry[], entry: Entry): number {
  let lo = 0;
  let hi = active.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareInnermostFirst((active[mid] as Entry).span, entry.span) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Sweep over the span boundaries clipped to [from, to). Sorting is O(m log m); each boundary
 * costs a binary search plus a splice of the (usually tiny) active list, and each emitted
 * segment copies the ids that cover it, which is the size of the output anyway. Ranking uses
 * the unclipped span so a paragraph's piece of a long span still counts as the outer one, and
 * a paragraph segmented alone orders its ids exactly as the whole text does.
 */
function sweep(spans: readonly MarkSpan[], from: number, to: number): Segment[] {
  const entries: Entry[] = [];
  for (const span of spans) {
    const start = Math.max(span.start, from);
    const end = Math.min(span.end, to);
    if (start < end) entries.push({ span, start, end });
  }
  if (entries.length === 0) return [];
  const byStart = [...entries].sort((a, b) => a.start - b.start);
  const byEnd = entries.sort((a, b) => a.end - b.end);
  const active: Entry[] = [];
  const out: Segment[] = [];
  let si = 0;
  let ei = 0;
  while (ei < byEnd.length) {
    const nextStart = si < byStart.length ? (byStart[si] as Entry).start : Infinity;
    const position = Math.min(nextStart, (byEnd[ei] as Entry).end);
    while (ei < byEnd.length && (byEnd[ei] as Entry).end === position) {
      const entry = byEnd[ei++] as Entry;
      let at = searchActive(active, entry);
      while (at < active.length && active[at] !== entry) at++;
      active.splice(at, 1);
    }
    while (si < byStart.length && (byStart[si] as Entry).start === position) {
      const entry = byStart[si++] as Entry;
      active.splice(searchActive(active, entry), 0, entry);
    }
    if (active.length === 0) continue;
    const nextEnd = ei < byEnd.length ? (byEnd[ei] as Entry).end : to;
    const following = si < byStart.length ? (byStart[si] as Entry).start : to;
    out.push({
      start: position,
      end: Math.min(nextEnd, following),
      ids: active.map((e) => e.span.id),
      labels: active.map((e) => e.span.label),
      // A span reaching before the text starts with the text; one from an earlier paragraph does not start here.
      starts: active.filter((e) => Math.max(0, e.span.start) === position).map((e) => e.span.label),
    });
  }
  return out;
}

/** Segments of one paragraph [start, end); `spans` may be all of the article's spans. */
export function segmentParagraph(start: number, end: number, spans: readonly MarkSpan[]): Segment[] {
  return sweep(spans, start, end);
}

/** Segments of the whole text, split at paragraph separators (which are never highlighted). */
export function segments(text: string, spans: readonly MarkSpan[]): Segment[] {
  const ranges = paragraphRanges(text);
  const out: Segment[] = [];
  for (const segment of sweep(spans, 0, text.length)) {
    let index = paragraphIndexAt(ranges, segment.start);
    for (; index < ranges.length; index++) {
      const range = ranges[index] as ParagraphRange;
      if (range.start >= segment.end) break;
      const start = Math.max(segment.start, range.start);
      const end = Math.min(segment.end, range.end);
      if (start < end) out.push({ start, end, ids: segment.ids, labels: segment.labels, starts: start === segment.start ? segment.starts : [] });
    }
  }
  return out;
}
