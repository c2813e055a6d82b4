import { describe, expect, it } from 'vitest';
import { checkAnnotation, checkAttrs, isIsoInstant, withBatch, type AnnotationCandidate, type References } from './annotation-invariants';

const TEXT = 'Hi 👩‍💼 said 80.\n\nEnd';
const none: References = { liveArticleOf: () => null, formerArticleOf: () => null };
const base: AnnotationCandidate = { id: 'a1', articleId: 'art', label: 'figure', start: 14, end: 16, status: 'ok', quote: 'given', note: '', attrs: { value: 80 }, author: 'me', conflictOf: null, createdAt: '2024-11-26T10:00:00.000Z' };
const reason = (a: Partial<AnnotationCandidate>, refs = none) => {
  const r = checkAnnotation(TEXT, { ...base, ...a }, refs);
  return r.ok ? null : r.reason;
};

describe('checkAnnotation', () => {
  it('reads a live quote from the text and keeps an orphan its own', () => {
    expect(checkAnnotation(TEXT, base, none)).toMatchObject({ ok: true, value: { quote: '80' } });
    expect(checkAnnotation(TEXT, { ...base, status: 'orphaned', start: 3, end: 3, quote: 'gone words' }, none)).toMatchObject({ ok: true, value: { quote: 'gone words' } });
  });

  it('refuses offsets outside, inside a character, empty or over whitespace only', () => {
    expect(reason({ end: 999 })).toMatch(/do not fit/);
    expect(reason({ start: 4, end: 6 })).toMatch(/split a character/);
    expect(reason({ start: 14, end: 14 })).toMatch(/empty/);
    expect(reason({ start: 16, end: 20 })).toBeNull();
    expect(reason({ start: 17, end: 19 })).toMatch(/only whitespace/);
    expect(reason({ start: -1 })).toMatch(/do not fit/);
    expect(reason({ start: 1.5 })).toMatch(/do not fit/);
  });

  it('refuses attributes of another label, bad values, unbounded strings and times that are not ISO', () => {
    expect(reason({ attrs: { value: 80, status: 'false' } })).toMatch(/"status" are not attributes of figure/);
    expect(reason({ attrs: { value: 'many' } })).toMatch(/value/);
    expect(reason({ author: 'x'.repeat(501) })).toMatch(/author/);
    expect(reason({ note: 'x'.repeat(100_001) })).toMatch(/note/);
    expect(reason({ createdAt: 'yesterday' })).toMatch(/createdAt/);
    expect(reason({ updatedAt: '2024-13-45T99:00:00Z' })).toMatch(/updatedAt/);
    expect(reason({ status: 'orphaned', start: 3, end: 3, quote: '\ud800x' })).toMatch(/well-formed/);
  });

  it('keeps links inside the article: claimants live, in the batch or deleted from it; conflict copies of live ones', () => {
    const refs = withBatch({ liveArticleOf: (id) => (id === 'here' ? 'art' : id === 'there' ? 'other' : null), formerArticleOf: (id) => (id === 'deleted' ? 'art' : null) });
    const claim = { label: 'claim' as const, attrs: {} };
    expect(reason({ ...claim, attrs: { claimantId: 'here' } }, refs)).toBeNull();
    expect(reason({ ...claim, attrs: { claimantId: 'deleted' } }, refs)).toBeNull();
    expect(reason({ ...claim, attrs: { claimantId: 'there' } }, refs)).toMatch(/not an annotation of this article/);
    expect(reason({ ...claim, attrs: { claimantId: 'later' } }, refs)).toMatch(/not an annotation of this article/);
    refs.add('later', 'art', 'actor');
    expect(reason({ ...claim, attrs: { claimantId: 'later' } }, refs)).toBeNull();
    // A live claimant is an actor annotation, whether stored or written earlier in the batch.
    refs.add('a figure', 'art', 'figure');
    expect(reason({ ...claim, attrs: { claimantId: 'a figure' } }, refs)).toMatch(/claimant a figure is a figure annotation; a claimant is an actor annotation/);
    const stored = withBatch({ liveArticleOf: (id) => (id === 'event' ? 'art' : null), formerArticleOf: () => null, liveLabelOf: (id) => (id === 'event' ? 'event' : null) });
    expect(reason({ ...claim, attrs: { claimantId: 'event' } }, stored)).toMatch(/is an event annotation/);
    expect(reason({ ...claim, attrs: { claimantId: 'a1' } }, refs)).toMatch(/its own claimant/);
    expect(reason({ conflictOf: 'here' }, refs)).toBeNull();
    expect(reason({ conflictOf: 'deleted' }, refs)).toMatch(/conflict copy/);
    expect(reason({ conflictOf: 'a1' }, refs)).toMatch(/itself/);
  });

  it("refuses an id that still names an annotation of another article, even once it is written under it", () => {
    const aliasThere: References = { liveArticleOf: (id) => (id === 'a1' ? 'art' : null), formerArticleOf: (id) => (id === 'a1' ? 'other' : null) };
    expect(reason({}, aliasThere)).toMatch(/its id is that of an annotation of another article/);
    const aliasHere: References = { liveArticleOf: (id) => (id === 'a1' ? 'art' : null), formerArticleOf: (id) => (id === 'a1' ? 'art' : null) };
    expect(reason({}, aliasHere)).toBeNull();
  });
});

describe('helpers', () => {
  it('isIsoInstant takes what toISOString writes and nothing vague', () => {
    expect(isIsoInstant(new Date().toISOString())).toBe(true);
    expect(isIsoInstant('2024-11-26T10:00:00+02:00')).toBe(true);
    expect(isIsoInstant('2024-11-26')).toBe(false);
    expect(isIsoInstant('yesterday')).toBe(false);
  });

  it('checkAttrs gives the stored form', () => {
    expect(checkAttrs('event', { date: '2024-11', location: '' })).toEqual({ ok: true, value: { date: '2024-11' } });
  });
});
