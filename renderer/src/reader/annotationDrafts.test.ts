import { describe, expect, it } from 'vitest';
import type { Annotation, Article } from '../../../shared/model';
import { initialAttrs, provisionalAnnotations, retagAttrs, retagNotice } from './annotationDrafts';

const article = { id: 'art', text: 'Officials counted about 40 trucks.' } as Article;
const [figure] = provisionalAnnotations(article, 'figure', [{ start: 18, end: 33 }], {});
const annotation = (over: Partial<Annotation>): Annotation => ({ ...(figure as Annotation), ...over });

describe('annotation drafts', () => {
  it('reads a new figure from its quote, and nothing for other labels', () => {
    expect(initialAttrs('figure', 'about 40 trucks')).toEqual({ value: 40, qualifier: 'approximate', unit: 'truck', auto: true });
    expect(initialAttrs('figure', 'many trucks')).toEqual({});
    expect(initialAttrs('event', 'about 40 trucks')).toEqual({});
  });

  it('reads number words in the article’s language', () => {
    expect(initialAttrs('figure', 'cinquante drones', 'fr')).toMatchObject({ value: 50, unit: 'drone', auto: true });
    expect(initialAttrs('figure', 'cinquante drones', 'en')).toEqual({});
    expect(initialAttrs('figure', 'cincuenta drones', 'es')).toMatchObject({ value: 50, auto: true });
    expect(retagAttrs(annotation({ label: 'event', attrs: {}, quote: 'cinquante camions' }), 'figure', 'fr')).toMatchObject({ value: 50, auto: true });
  });

  it('reads a retagged figure from its quote only when it has no value yet', () => {
    expect(retagAttrs(annotation({ label: 'event', attrs: {} }), 'figure')).toEqual({ value: 40, qualifier: 'approximate', unit: 'truck', auto: true });
    expect(retagAttrs(annotation({ label: 'event', attrs: { value: 7 } }), 'figure')).toEqual({});
    expect(retagAttrs(annotation({ label: 'figure', attrs: {} }), 'actor')).toEqual({});
  });

  it('names only the attributes the new label has no place for', () => {
    expect(retagNotice(annotation({ label: 'event', attrs: { date: '2024-03', location: 'Dorn', category: null } }), 'claim')).toBe(
      'Retagged as Claim: dropped date, location (undo brings them back)',
    );
    expect(retagNotice(annotation({ label: 'claim', attrs: { claimantId: 'x', status: 'unverified' } }), 'claim')).toBeNull();
  });

  it('draws provisional annotations with fresh ids and their quotes', () => {
    const drafts = provisionalAnnotations(article, 'actor', [{ start: 0, end: 9 }, { start: 18, end: 33 }], {});
    expect(drafts.map((a) => [a.articleId, a.label, a.quote, a.status])).toEqual([
      ['art', 'actor', 'Officials', 'ok'],
      ['art', 'actor', 'about 40 trucks', 'ok'],
    ]);
    expect(new Set(drafts.map((a) => a.id)).size).toBe(2);
  });
});
