import { describe, expect, it } from 'vitest';
import { parseJson } from './json';

const article = (text: string, extra: Record<string, unknown> = {}) => ({ title: text.slice(0, 10), text, ...extra });

describe('parseJson', () => {
  it('reads one article object', () => {
    const outcome = parseJson(JSON.stringify(article('Fire at the port.', { spans: [{ start: 8, end: 12, label: 'EVENT', text: 'the ' }] })), 'f');
    expect(outcome.ok).toBe(true);
    expect(outcome.ok && outcome.drafts[0]).toMatchObject({ text: 'Fire at the port.', spans: [{ label: 'event', start: 8, end: 12 }] });
  });

  it('reads an array, naming the records that fail by number', () => {
    const outcome = parseJson(JSON.stringify([article('One.'), { text: 42 }, article('Three.'), article('Four.', { spans: [{ start: 0, end: 99, label: 'claim' }] })]), 'f');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.drafts.map((d) => [d.text, d.origin])).toEqual([
      ['One.', 'record 1'],
      ['Three.', 'record 3'],
    ]);
    expect(outcome.problems).toEqual(['record 2: "text" is not a string', 'record 4: span #1 (0-99) lies outside the text (5 code points)']);
  });

  it('names the line of a syntax error', () => {
    const outcome = parseJson('{\n  "title": "x",\n  "text": "y",\n}', 'f');
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.reason).toMatch(/^invalid JSON.*line 4/);
  });

  it('refuses an empty list', () => {
    expect(parseJson('[]', 'f')).toEqual({ ok: false, reason: 'no articles in file (the list is empty)' });
  });
});
