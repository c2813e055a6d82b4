import { describe, expect, it } from 'vitest';
import { diffHunks, remapSpans } from './remap';

/** A span over the first occurrence of `quote` (or the `nth`). */
function spanOf(text: string, quote: string, id = quote, nth = 0) {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(quote, start + 1);
  if (start === -1) throw new Error(`"${quote}" not in text`);
  return { id, start, end: start + quote.length };
}

function quoteAfter(oldText: string, newText: string, quote: string): { text: string; status: string } {
  const [moved] = remapSpans(oldText, newText, [spanOf(oldText, quote)]);
  if (moved === undefined) throw new Error('nothing returned');
  return { text: newText.slice(moved.start, moved.end), status: moved.status };
}

const BASE = 'Officials said 80 drones were shot down over Kyiv overnight.';

describe('remapSpans', () => {
  it('returns spans unchanged when the text did not change', () => {
    const spans = [spanOf(BASE, '80 drones'), spanOf(BASE, 'Kyiv')];
    expect(remapSpans(BASE, BASE, spans)).toEqual(spans.map((s) => ({ ...s, status: 'ok' })));
  });

  it('shifts spans after an insertion, deletion or replacement before them', () => {
    expect(quoteAfter(BASE, `Ukrainian ${BASE}`, 'Kyiv')).toEqual({ text: 'Kyiv', status: 'ok' });
    expect(quoteAfter(BASE, BASE.replace('Officials said ', ''), 'Kyiv')).toEqual({ text: 'Kyiv', status: 'ok' });
    expect(quoteAfter(BASE, BASE.replace('Officials', 'Military officials'), '80 drones')).toEqual({ text: '80 drones', status: 'ok' });
  });

  it('leaves spans before an edit alone', () => {
    const [moved] = remapSpans(BASE, BASE.replace('overnight', 'on Tuesday night'), [spanOf(BASE, 'Officials')]);
    expect(moved).toMatchObject({ start: 0, end: 9, status: 'ok' });
  });

  it('grows and shrinks a span with edits inside it', () => {
    expect(quoteAfter(BASE, BASE.replace('80 drones', '80 Shahed drones'), '80 drones')).toEqual({ text: '80 Shahed drones', status: 'ok' });
    expect(quoteAfter(BASE, BASE.replace('were shot down', 'shot down'), 'drones were shot down')).toEqual({ text: 'drones shot down', status: 'ok' });
    expect(quoteAfter(BASE, BASE.replace('Kyiv', 'Kiev'), 'over Kyiv overnight')).toEqual({ text: 'over Kiev overnight', status: 'ok' });
  });

  it('follows a replacement of exactly the span text', () => {
    expect(quoteAfter(BASE, BASE.replace('80', '76'), '80')).toEqual({ text: '76', status: 'ok' });
    expect(quoteAfter(BASE, BASE.replace('Kyiv', 'Kiev'), 'Kyiv')).toEqual({ text: 'Kiev', status: 'ok' });
  });

  it('keeps a replacement at the start or end of a span inside it', () => {
    expect(quoteAfter(BASE, BASE.replace('80 drones', '76 drones'), '80 drones')).toEqual({ text: '76 drones', status: 'ok' });
    expect(quoteAfter(BASE, BASE.replace('80 drones', '80 UAVs'), '80 drones')).toEqual({ text: '80 UAVs', status: 'ok' });
  });

  it('keeps insertions exactly at a boundary outside the span', () => {
    expect(quoteAfter(BASE, BASE.replace('80 drones', 'about 80 drones'), '80 drones')).toEqual({ text: '80 drones', status: 'ok' });
    expect(quoteAfter(BASE, BASE.replace('80 drones', '80 drones,'), '80 drones')).toEqual({ text: '80 drones', status: 'ok' });
    expect(quoteAfter('Kyiv Oblast', 'Kyiv, Oblast', 'Kyiv')).toEqual({ text: 'Kyiv', status: 'ok' });
    expect(quoteAfter('Kyiv Oblast', 'Kyiv, Oblast', 'Oblast')).toEqual({ text: 'Oblast', status: 'ok' });
    expect(quoteAfter('said Kyiv', 'said (Kyiv)', 'Kyiv')).toEqual({ text: 'Kyiv', status: 'ok' });
  });

  it('handles an edit across a span boundary', () => {
    // The deletion takes the span's first word and the text before it.
    expect(quoteAfter(BASE, BASE.replace('said 80 ', 'said '), '80 drones')).toEqual({ text: 'drones', status: 'ok' });
    // A rewrite straddling the end keeps the rewritten text in the span.
    expect(quoteAfter(BASE, BASE.replace('down over', 'down near'), 'shot down over Kyiv')).toEqual({ text: 'shot down near Kyiv', status: 'ok' });
  });

  it('orphans a span whose text was deleted, collapsed where the text was', () => {
    const newText = BASE.replace(' over Kyiv', '');
    const [moved] = remapSpans(BASE, newText, [spanOf(BASE, 'Kyiv')]);
    expect(moved?.status).toBe('orphaned');
    expect(moved?.start).toBe(moved?.end);
    // Between "down" and "overnight", where " over Kyiv" was.
    expect(newText.slice(0, moved?.start).trimEnd()).toBe('Officials said 80 drones were shot down');
    expect(newText.slice(moved?.start).trimStart()).toBe('overnight.');
  });

  it('orphans a span swallowed by a larger rewrite', () => {
    const newText = BASE.replace('over Kyiv overnight', 'at night');
    const [moved] = remapSpans(BASE, newText, [spanOf(BASE, 'Kyiv')]);
    expect(moved?.status).toBe('orphaned');
    expect(moved?.start).toBe(moved?.end);
    expect(newText.slice(moved?.start, moved?.start === undefined ? 0 : moved.start + 5)).toBe('night');
  });

  it('never drops a span, keeps the input order and the other fields', () => {
    const spans = [
      { ...spanOf(BASE, 'Kyiv'), quote: 'Kyiv', label: 'actor' },
      { ...spanOf(BASE, '80'), quote: '80', label: 'figure' },
    ];
    const moved = remapSpans(BASE, '', spans);
    expect(moved.map((m) => [m.id, m.quote, m.label, m.status, m.start, m.end])).toEqual([
      ['Kyiv', 'Kyiv', 'actor', 'orphaned', 0, 0],
      ['80', '80', 'figure', 'orphaned', 0, 0],
    ]);
  });

  it('keeps orphaned spans orphaned and moves them with the text', () => {
    const at = BASE.indexOf('over');
    const [moved] = remapSpans(BASE, `Breaking: ${BASE}`, [{ id: 'x', start: at, end: at, status: 'orphaned' as const }]);
    expect(moved).toEqual({ id: 'x', start: at + 10, end: at + 10, status: 'orphaned' });
  });

  it('follows text across paragraph edits and astral characters', () => {
    const oldText = 'First 😀 paragraph.\n\nThe 🇺🇦 flag and 80 drones.\n\nLast one.';
    const newText = 'First 😀😀 paragraph, edited.\n\nA new one.\n\nThe 🇺🇦 flag and 76 drones.\n\nLast one!';
    const moved = remapSpans(oldText, newText, [spanOf(oldText, '🇺🇦 flag'), spanOf(oldText, '80 drones'), spanOf(oldText, 'Last one')]);
    expect(moved.map((m) => newText.slice(m.start, m.end))).toEqual(['🇺🇦 flag', '76 drones', 'Last one']);
  });

  it('moves overlapping and nested spans independently', () => {
    const spans = [spanOf(BASE, '80 drones were shot down'), spanOf(BASE, 'drones'), spanOf(BASE, 'shot down over Kyiv')];
    const newText = BASE.replace('drones', 'Shahed drones').replace('Kyiv', 'the capital');
    expect(remapSpans(BASE, newText, spans).map((m) => newText.slice(m.start, m.end))).toEqual([
      '80 Shahed drones were shot down',
      // Inserted exactly at its start, so outside it.
      'drones',
      'shot down over the capital',
    ]);
  });

  it('remaps a 200,000-character text in reasonable time', () => {
    const paragraph = 'Air defence forces said they shot down 80 of the 90 drones launched overnight, the ministry reported. ';
    const oldText = Array.from({ length: 2000 }, (_, i) => `${i}: ${paragraph}`).join('\n\n');
    expect(oldText.length).toBeGreaterThan(200_000);
    const spans = Array.from({ length: 3000 }, (_, i) => spanOf(oldText, 'Air defence', `s${i}`, i % 2000));
    // Edits near both ends and scattered in between: the middle region is the whole text.
    let newText = oldText.replace('0: Air', '0: The air');
    for (const n of [250, 700, 1200, 1999]) newText = newText.replace(`${n}: Air defence forces`, `${n}: Forces`);
    const started = performance.now();
    const moved = remapSpans(oldText, newText, spans);
    const elapsed = performance.now() - started;
    console.log(`remapSpans: ${oldText.length} characters, ${spans.length} spans in ${elapsed.toFixed(1)} ms`);
    for (const m of moved) {
      const n = Number(m.id.slice(1)) % 2000;
      if ([250, 700, 1200, 1999].includes(n)) expect(m.status).toBe('orphaned');
      else expect(newText.slice(m.start, m.end)).toBe(n === 0 ? 'The air defence' : 'Air defence');
    }
  });

  it('stays precise and fast when every paragraph changed (all quotes straightened)', () => {
    const paragraph = (i: number) => `${i}: “We shot down 80 drones,” the ministry said. Officials in Kyiv confirmed it.`;
    const oldText = Array.from({ length: 2000 }, (_, i) => paragraph(i)).join('\n\n');
    const newText = oldText.replace(/[“”]/g, '"');
    const spans = Array.from({ length: 2000 }, (_, i) => spanOf(oldText, 'Officials in Kyiv', `k${i}`, i));
    const started = performance.now();
    const moved = remapSpans(oldText, newText, spans);
    console.log(`remapSpans: ${oldText.length} characters with 4,000 edits in ${(performance.now() - started).toFixed(1)} ms`);
    expect(moved.every((m) => m.status === 'ok' && newText.slice(m.start, m.end) === 'Officials in Kyiv')).toBe(true);
    expect(moved.map((m) => m.start)).toEqual(spans.map((s) => s.start));
  });

  it("fixes a typo letter by letter; letters carrying on the span's word join it", () => {
    expect(quoteAfter('The Kyvi strike', 'The Kyiv strike', 'Kyvi')).toEqual({ text: 'Kyiv', status: 'ok' });
    expect(quoteAfter('shot down 80 drones', 'shot down 800 drones', '80')).toEqual({ text: '800', status: 'ok' });
    expect(quoteAfter('the rones fell', 'the drones fell', 'rones')).toEqual({ text: 'drones', status: 'ok' });
    expect(quoteAfter('An unprecedentd attack', 'An unprecedented attack', 'unprecedentd attack')).toEqual({
      text: 'unprecedented attack',
      status: 'ok',
    });
  });

  it('aligns paragraphs that were added, removed or moved', () => {
    const oldText = 'Alpha one.\n\nBravo two.\n\nCharlie three.\n\nDelta four.';
    const newText = 'Intro.\n\nAlpha one.\n\nCharlie three!\n\nDelta four.\n\nBravo two.';
    const moved = remapSpans(oldText, newText, [spanOf(oldText, 'Alpha'), spanOf(oldText, 'Charlie three'), spanOf(oldText, 'Delta')]);
    expect(moved.map((m) => newText.slice(m.start, m.end))).toEqual(['Alpha', 'Charlie three', 'Delta']);
  });
});

describe('diffHunks', () => {
  it('diffs only between the common prefix and suffix', () => {
    expect(diffHunks('abc def ghi', 'abc xyz ghi')).toEqual([{ oldStart: 4, oldEnd: 7, newStart: 4, newEnd: 7 }]);
    expect(diffHunks('same', 'same')).toEqual([]);
  });

  it('never cuts a surrogate pair', () => {
    // The texts share the high surrogate of two different emoji.
    for (const hunk of diffHunks('a😀b', 'a😁b')) {
      expect(hunk).toEqual({ oldStart: 1, oldEnd: 3, newStart: 1, newEnd: 3 });
    }
  });
});
