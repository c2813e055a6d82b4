import { describe, expect, it } from 'vitest';
import type { Label } from '../../../shared/model';
import { type MarkSpan, type Segment, paragraphIndexAt, paragraphRanges, segmentParagraph, segments } from './segments';
import { makeArticle, makeSpans } from './testSupport';

const span = (id: string, start: number, end: number, label: Label = 'claim'): MarkSpan => ({ id, label, start, end });

/** Brute force: the ids covering each offset, innermost first, separators left bare. */
function coverage(text: string, spans: readonly MarkSpan[]): string[][] {
  const separator = new Uint8Array(text.length);
  for (let at = text.indexOf('\n\n'); at !== -1; at = text.indexOf('\n\n', at + 2)) separator.fill(1, at, at + 2);
  const rank = [...spans].sort((a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start || (a.id < b.id ? -1 : 1));
  const cells: string[][] = Array.from({ length: text.length }, () => []);
  for (const s of rank) for (let i = s.start; i < s.end; i++) if (!separator[i]) cells[i]?.push(s.id);
  return cells;
}

function expand(text: string, segs: readonly Segment[]): string[][] {
  const cells: string[][] = Array.from({ length: text.length }, () => []);
  for (const s of segs) for (let i = s.start; i < s.end; i++) cells[i] = s.ids;
  return cells;
}

describe('paragraphRanges', () => {
  it.each(['', 'a', 'a\nb', 'a\n\nb', 'a\n\n\nb', 'a\n\n\n\nb', 'a\n\n', '\n\na', 'one\n\ntwo\nlines\n\nthree'])(
    'splits %j exactly like split("\\n\\n")',
    (text) => {
      const ranges = paragraphRanges(text);
      expect(ranges.map((r) => text.slice(r.start, r.end))).toEqual(text.split('\n\n'));
      expect(ranges.map((r) => text.slice(r.start, r.end)).join('\n\n')).toBe(text);
    },
  );

  it('finds the paragraph of an offset, separators going to the paragraph before', () => {
    const ranges = paragraphRanges('ab\n\ncd\n\nef');
    expect([0, 2, 3, 4, 6, 7, 8, 10].map((o) => paragraphIndexAt(ranges, o))).toEqual([0, 0, 0, 1, 1, 1, 2, 2]);
  });
});

describe('segments', () => {
  it('flattens overlapping and nested spans, innermost first, labels alongside', () => {
    const text = 'Officials said 80 drones were shot down.';
    const result = segments(text, [span('outer', 0, 39, 'claim'), span('fig', 15, 24, 'figure'), span('actor', 0, 9, 'actor')]);
    expect(result).toEqual([
      { start: 0, end: 9, ids: ['actor', 'outer'], labels: ['actor', 'claim'], starts: ['actor', 'claim'] },
      { start: 9, end: 15, ids: ['outer'], labels: ['claim'], starts: [] },
      { start: 15, end: 24, ids: ['fig', 'outer'], labels: ['figure', 'claim'], starts: ['figure'] },
      { start: 24, end: 39, ids: ['outer'], labels: ['claim'], starts: [] },
    ]);
  });

  it('orders equally long spans by start, then id', () => {
    const result = segments('abcdef', [span('b', 1, 4), span('a', 1, 4), span('c', 0, 3)]);
    expect(result.find((s) => s.start === 1)?.ids).toEqual(['c', 'a', 'b']);
  });

  it('splits spans at paragraph separators and never covers a separator', () => {
    const text = 'one two\n\nthree\n\nfour';
    expect(segments(text, [span('x', 4, 20)])).toEqual([
      { start: 4, end: 7, ids: ['x'], labels: ['claim'], starts: ['claim'] },
      { start: 9, end: 14, ids: ['x'], labels: ['claim'], starts: [] },
      { start: 16, end: 20, ids: ['x'], labels: ['claim'], starts: [] },
    ]);
  });

  it('keeps single newlines inside a segment', () => {
    expect(segments('a\nb', [span('x', 0, 3)])).toEqual([{ start: 0, end: 3, ids: ['x'], labels: ['claim'], starts: ['claim'] }]);
  });

  it('ignores empty, inverted and out-of-range spans', () => {
    expect(segments('abc', [span('e', 1, 1), span('i', 2, 1), span('o', 5, 9)])).toEqual([]);
    expect(segments('abc', [span('c', -4, 99)])).toEqual([{ start: 0, end: 3, ids: ['c'], labels: ['claim'], starts: ['claim'] }]);
  });

  it('names each annotation as starting in exactly one segment, the one at its start', () => {
    const text = makeArticle(3000, 9);
    const spans = makeSpans(text, 800, 13, 900);
    const result = segments(text, spans);
    const labelOf = new Map(spans.map((s) => [s.id, s.label]));
    const startsAt = new Map<number, string[]>();
    for (const s of spans) startsAt.set(s.start, [...(startsAt.get(s.start) ?? []), s.id]);
    let total = 0;
    for (const segment of result) {
      const starting = segment.ids.filter((id) => startsAt.get(segment.start)?.includes(id));
      expect(segment.starts).toEqual(starting.map((id) => labelOf.get(id)));
      total += segment.starts.length;
    }
    expect(total).toBe(spans.length);
  });

  it('matches a brute-force reference on 3,000 random overlapping spans', () => {
    const text = makeArticle(6000, 7);
    const spans = makeSpans(text, 3000, 11, 600);
    const result = segments(text, spans);
    expect(expand(text, result)).toEqual(coverage(text, spans));
    for (let i = 1; i < result.length; i++) {
      const [a, b] = [result[i - 1] as Segment, result[i] as Segment];
      expect(b.start).toBeGreaterThanOrEqual(a.end);
      // Maximal: touching segments differ in their ids.
      if (a.end === b.start) expect(b.ids).not.toEqual(a.ids);
    }
  });

  it('segments one paragraph exactly as the whole text does', () => {
    const text = makeArticle(3000, 3);
    const spans = makeSpans(text, 800, 5, 900);
    const whole = segments(text, spans);
    for (const range of paragraphRanges(text)) {
      const inside = whole.filter((s) => s.start >= range.start && s.end <= range.end);
      expect(segmentParagraph(range.start, range.end, spans)).toEqual(inside);
    }
  });
});
