import { describe, expect, it } from 'vitest';
import { codePointLength } from '../../../shared/text';
import { parseJsonl } from './jsonl';
import type { ImportDraft } from './types';

const TEXT = '🇺🇦 Kyiv said 76 drones were downed.\n\nMoscow said 80.';

/** A span in the export format: code point offsets of `quote` (its nth occurrence) in `text`. */
function cpSpan(text: string, quote: string, extra: Record<string, unknown> = {}) {
  const at = text.indexOf(quote);
  const start = codePointLength(text.slice(0, at));
  return { start, end: start + codePointLength(quote), text: quote, note: null, attrs: {}, ...extra };
}

function record(overrides: Record<string, unknown> = {}) {
  return {
    id: 'art-1',
    title: 'Drone attack',
    source: 'Ledger',
    url: 'https://ledger.example/a',
    author: 'Ana Ruiz',
    published_at: '2024-11-26',
    language: 'en',
    text: TEXT,
    spans: [
      cpSpan(TEXT, '76 drones', { id: 's1', label: 'FIGURE', attrs: { value: 76, unit: 'drones', qualifier: 'exact' } }),
      cpSpan(TEXT, 'Kyiv', { id: 's2', label: 'actor', note: 'Ukrainian government', attrs: { canonical_name: 'Government of Ukraine', kind: 'state' } }),
    ],
    meta: { offset_unit: 'codepoint' },
    ...overrides,
  };
}

const lines = (...records: unknown[]) => records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n');
const quoted = (d: ImportDraft) => (d.spans ?? []).map((s) => d.text.slice(s.start, s.end));

describe('parseJsonl', () => {
  it('reads the export format, converting code points to UTF-16 offsets', () => {
    const outcome = parseJsonl(lines(record()), 'data');
    expect(outcome).toMatchObject({ ok: true, warnings: [], problems: [] });
    if (!outcome.ok) return;
    const draft = outcome.drafts[0] as ImportDraft;
    expect(draft).toMatchObject({
      id: 'art-1',
      origin: 'line 1',
      title: 'Drone attack',
      source: 'Ledger',
      url: 'https://ledger.example/a',
      author: 'Ana Ruiz',
      publishedAt: '2024-11-26',
      language: 'en',
      text: TEXT,
    });
    // The flag is 2 code points but 4 UTF-16 units: offsets must have moved by 2.
    expect(draft.spans?.[0]).toEqual({ id: 's1', label: 'figure', start: TEXT.indexOf('76 drones'), end: TEXT.indexOf('76 drones') + 9, attrs: { value: 76, unit: 'drones', qualifier: 'exact' } });
    expect(draft.spans?.[1]).toMatchObject({ id: 's2', label: 'actor', note: 'Ukrainian government', attrs: { canonicalName: 'Government of Ukraine', kind: 'state' } });
    expect(quoted(draft)).toEqual(['76 drones', 'Kyiv']);
  });

  it('ignores blank lines and reports each broken line by number while the good ones import', () => {
    const good2 = record({ id: 'art-2', text: 'Second article.', spans: [] });
    const badQuote = record({ id: 'art-3', text: 'Third article text.', spans: [{ id: 's2', start: 0, end: 5, label: 'EVENT', text: 'Fourth' }] });
    const input = lines(record(), '', '{"title": "broken",', good2, '   ', '{oops}', '', badQuote);
    const outcome = parseJsonl(input, 'data');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.drafts.map((d) => d.origin)).toEqual(['line 1', 'line 4']);
    expect(outcome.problems).toHaveLength(2);
    expect(outcome.problems[0]).toMatch(/^lines 3, 6: invalid JSON \(.+\)$/);
    expect(outcome.problems[1]).toBe('line 8: span s2 quote does not match the text (quote "Fourth", text at 0-5 is "Third")');
  });

  it('keeps the article and its other spans when a span has a label outside the four, naming the line and the span', () => {
    const spans = [cpSpan(TEXT, 'Kyiv', { id: 'k', label: 'actor' }), { id: 'x1', start: 0, end: 2, label: 'LOCATION' }, cpSpan(TEXT, 'Moscow', { label: 'PERSON' })];
    const outcome = parseJsonl(lines(record({ spans }), record({ id: 'b', text: 'Other.', spans: [] })), 'd');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.drafts.map((d) => d.id)).toEqual(['art-1', 'b']);
    expect(quoted(outcome.drafts[0] as ImportDraft)).toEqual(['Kyiv']);
    expect(outcome.problems).toEqual([
      'line 1: span x1 has label "LOCATION", which is not one of EVENT, CLAIM, ACTOR, FIGURE; left out',
      'line 1: span #3 has label "PERSON", which is not one of EVENT, CLAIM, ACTOR, FIGURE; left out',
    ]);
  });

  it('leaves out spans with invalid attributes or notes, keeping the article', () => {
    const spans = [cpSpan(TEXT, 'Kyiv', { id: 'c', label: 'claim', attrs: { status: 'probably' } }), cpSpan(TEXT, 'Moscow', { id: 'n', label: 'actor', note: 7 }), cpSpan(TEXT, '76 drones', { id: 'f', label: 'figure' })];
    const outcome = parseJsonl(lines(record({ spans })), 'd');
    expect(outcome.ok && quoted(outcome.drafts[0] as ImportDraft)).toEqual(['76 drones']);
    expect(outcome.ok && outcome.problems).toEqual([expect.stringMatching(/^line 1: span c attributes: status: .*; left out$/), 'line 1: span n note is not text; left out']);
  });

  it('refuses a record whose spans do not fit its text (another text or another offset unit)', () => {
    const length = codePointLength(TEXT);
    const outcome = parseJsonl(
      lines(
        record({ spans: [{ id: 'a', start: length - 2, end: length + 1, label: 'event' }] }),
        record({ spans: [{ id: 'b', start: 3, end: 3, label: 'event' }] }),
        record({ spans: [{ id: 'd', start: '0', end: 2, label: 'claim' }] }),
        record({ spans: [{ id: 'e', start: 0, end: 2, label: 'LOCATION', text: 'no' }] }),
      ),
      'd',
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.reason).toContain(`line 1: span a (${length - 2}-${length + 1}) lies outside the text (${length} code points)`);
    expect(outcome.reason).toContain('line 2: span b (3-3) lies outside the text');
    expect(outcome.reason).toContain('line 3: span d has no whole-number start and end');
    // A misfit refuses the record even when the span would also be left out for its label.
    expect(outcome.reason).toContain('line 4: span e quote does not match the text');
  });

  it('remaps spans when canonicalization changes the text (CRLF, extra blank lines)', () => {
    const raw = 'Kyiv said 76 drones\r\nwere downed.\r\n\r\n\r\nMoscow said 80.';
    const outcome = parseJsonl(lines(record({ text: raw, spans: [cpSpan(raw, 'Moscow said 80', { id: 'm', label: 'claim' }), cpSpan(raw, 'drones\r\nwere', { id: 'n', label: 'event' })] })), 'd');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const draft = outcome.drafts[0] as ImportDraft;
    expect(draft.text).toBe('Kyiv said 76 drones\nwere downed.\n\nMoscow said 80.');
    expect(quoted(draft)).toEqual(['Moscow said 80', 'drones\nwere']);
    expect(outcome.warnings).toEqual(['line 1: text normalized (line endings, spacing or Unicode form); 2 span(s) moved with it']);
  });

  it('leaves out a span that cannot follow canonicalization, rather than shifting it', () => {
    const raw = 'Cafe\u0301 owner said 3 people were hurt.';
    const outcome = parseJsonl(lines(record({ text: raw, spans: [{ id: 'e', start: 0, end: 4, label: 'actor', text: 'Cafe' }] }), record({ id: 'ok', text: 'Fine.', spans: [] })), 'd');
    expect(outcome.ok && outcome.drafts.map((d) => [d.id, d.spans?.length])).toEqual([
      ['art-1', 0],
      ['ok', 0],
    ]);
    expect(outcome.ok && outcome.problems).toEqual(['line 1: span e ends inside characters that canonicalization combined; left out']);
  });

  it('accepts UTF-16 offsets when the record says so', () => {
    const outcome = parseJsonl(lines(record({ meta: { offset_unit: 'utf16' }, spans: [{ start: TEXT.indexOf('Kyiv'), end: TEXT.indexOf('Kyiv') + 4, label: 'Actor', text: 'Kyiv' }] })), 'd');
    expect(outcome.ok && quoted(outcome.drafts[0] as ImportDraft)).toEqual(['Kyiv']);
  });

  it('refuses unknown offset units and records without text', () => {
    const outcome = parseJsonl(lines(record({ meta: { offset_unit: 'byte' } }), { title: 'no text' }, '[1,2]', { text: ' \n ' }), 'd');
    expect(outcome).toEqual({
      ok: false,
      reason: 'line 1: unknown offset unit "byte" (expected "codepoint"); line 2: no "text" field; line 3: not an article object; line 4: the text is empty',
    });
  });

  it('names the fields an attribute set does not have, keeping the span', () => {
    const outcome = parseJsonl(lines(record({ spans: [cpSpan(TEXT, 'Kyiv', { label: 'actor', attrs: { kind: 'state', mood: 'grim' } })] })), 'd');
    expect(outcome.ok && outcome.warnings).toEqual(['line 1: span #1: actor has no attribute mood; ignored']);
    expect(outcome.ok && outcome.drafts[0]?.spans?.[0]?.attrs).toEqual({ kind: 'state' });
  });

  it('takes the title from the text when the record has none, and refuses a file of blank lines', () => {
    const outcome = parseJsonl(lines(record({ title: null, text: 'Short headline\nBody follows here.', spans: [] })), 'd');
    expect(outcome.ok && outcome.drafts[0]?.title).toBe('Short headline');
    expect(parseJsonl('\n \n\n', 'd')).toEqual({ ok: false, reason: 'no articles in file (every line is blank)' });
  });
});

describe('lone surrogates in records', () => {
  it('are replaced one for one, so a span after one still covers its quote', () => {
    const line = '{"title":"Lone","text":"Intro \\ud800 then Zelenskyy spoke.","spans":[{"start":13,"end":22,"label":"actor","text":"Zelenskyy"}]}';
    const outcome = parseJsonl(line, 'lone');
    expect(outcome.ok).toBe(true);
    const draft = (outcome as { drafts: ImportDraft[] }).drafts[0] as ImportDraft;
    expect(draft.text).toBe('Intro \ufffd then Zelenskyy spoke.');
    const span = draft.spans?.[0];
    expect(draft.text.slice(span?.start, span?.end)).toBe('Zelenskyy');
  });
});
