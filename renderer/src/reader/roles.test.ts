import { describe, expect, it } from 'vitest';
import type { Annotation, Label } from '../../../shared/model';
import { spanChoices } from './claimant';
import { badgeText, roleOptions } from './roles';

const TEXT = 'Drones over Ostrivka\n\nRussia launched 112 drones at Ukraine overnight, the air force said. Two people were killed.';
const ann = (id: string, label: Label, quote: string, attrs: Annotation['attrs'] = {}): Annotation => {
  const start = TEXT.indexOf(quote);
  return { id, articleId: 'a', label, start, end: start + quote.length, quote, note: '', attrs, author: '', status: 'ok', conflictOf: null, createdAt: '', updatedAt: '' };
};

const list = [
  ann('ru', 'actor', 'Russia', { canonicalName: 'Russian Federation' }),
  ann('ev', 'event', 'launched 112 drones at Ukraine overnight'),
  ann('ua', 'actor', 'Ukraine'),
  ann('af', 'actor', 'the air force'),
  ann('k', 'figure', 'Two people were killed'),
];
const quotes = new Map(list.map((a) => [a.id, a.quote]));
const quoteOf = (id: string) => quotes.get(id) ?? '';

describe('roleOptions', () => {
  it('offers the spans of the role label not chosen yet, named and placed', () => {
    const actors = spanChoices(list, TEXT, 'actor');
    expect(roleOptions(actors, new Set(['ua']), '', quoteOf)).toEqual([
      { id: 'ru', label: 'Russian Federation', detail: '¶2: [Russia] launched 112 drones at…' },
      { id: 'af', label: 'the air force', detail: '¶2: …at Ukraine overnight, [the air force] said. Two people were…' },
    ]);
    expect(roleOptions(spanChoices(list, TEXT, 'figure'), new Set(), '', quoteOf).map((o) => o.id)).toEqual(['k']);
  });

  it('keeps the spans whose name or text holds every word typed, case and diacritics aside', () => {
    const actors = spanChoices(list, TEXT, 'actor');
    expect(roleOptions(actors, new Set(), 'RUSS', quoteOf).map((o) => o.id)).toEqual(['ru']);
    // The span's own text counts as well as its canonical name.
    expect(roleOptions(actors, new Set(), 'russia fed', quoteOf).map((o) => o.id)).toEqual(['ru']);
    expect(roleOptions(actors, new Set(), 'air forcé', quoteOf).map((o) => o.id)).toEqual(['af']);
    expect(roleOptions(actors, new Set(), 'navy', quoteOf)).toEqual([]);
  });
});

describe('badgeText', () => {
  it('names a role by its initial and its place in the role', () => {
    expect([badgeText('actor', 1), badgeText('target', 2), badgeText('with', 1), badgeText('figure', 3), badgeText('source', 1), badgeText('claimant', 1)]).toEqual(['A1', 'T2', 'W1', 'F3', 'S1', 'C1']);
  });
});
