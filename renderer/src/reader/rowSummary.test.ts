import { describe, expect, it } from 'vitest';
import { attrSummary, rowContext } from './rowSummary';

const TEXT = 'Kharkiv\n\nShelling hit Kharkiv on Monday night, officials in the regional administration said after the sirens stopped.\n\nIn Kharkiv itself the metro was used as a shelter.';

describe('row context', () => {
  it('shows the words around the quote inside its paragraph, cut at words, with an ellipsis where the paragraph goes on', () => {
    const at = TEXT.indexOf('Kharkiv on');
    expect(rowContext(TEXT, at, at + 7, 24)).toEqual({ before: 'Shelling hit ', after: ' on Monday night,…' });
  });
  it('never crosses into the next or the previous paragraph', () => {
    const at = TEXT.lastIndexOf('Kharkiv');
    const c = rowContext(TEXT, at, at + 7, 200);
    expect(c.before).toBe('In ');
    expect(c.after).toBe(' itself the metro was used as a shelter.');
    expect(rowContext(TEXT, 0, 7)).toEqual({ before: '', after: '' });
  });
  it('tells apart annotations with the same quote', () => {
    const first = TEXT.indexOf('Kharkiv', 1);
    const last = TEXT.lastIndexOf('Kharkiv');
    expect(rowContext(TEXT, first, first + 7)).not.toEqual(rowContext(TEXT, last, last + 7));
  });
});

describe('attribute summary', () => {
  it('reads a figure as value, unit and qualifier', () => {
    expect(attrSummary({ label: 'figure', attrs: { qualifier: 'approximate', value: 40, unit: 'trucks' } })).toBe('40 trucks · approximate');
  });
  it('lists other attributes in their order and leaves ids out', () => {
    expect(attrSummary({ label: 'event', attrs: { date: '2024-11', location: 'Kharkiv', locationEntityId: 'e1' } })).toBe('2024-11 · Kharkiv');
    expect(attrSummary({ label: 'actor', attrs: { entityId: 'e2', kind: 'state' } })).toBe('state');
    expect(attrSummary({ label: 'claim', attrs: {} })).toBe('');
    // A flag a view adds (a figure filled in by the app) reads as its name while it is set.
    const flagged = { value: 3, auto: true } as unknown as Record<string, number>;
    expect(attrSummary({ label: 'figure', attrs: flagged })).toBe('3 · auto');
  });
});
