import { describe, expect, it } from 'vitest';
import type { Annotation, Label } from '../../../shared/model';
import { actorChoices, claimantLink } from './claimant';

const TEXT = 'Kyiv talks\n\nThe mayor said the strike hit Brenn. Later the mayor denied it.\n\nThe mayor resigned.';
const ann = (id: string, label: Label, quote: string, occurrence = 0, attrs: Annotation['attrs'] = {}): Annotation => {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = TEXT.indexOf(quote, start + 1);
  return { id, articleId: 'a', label, start, end: start + quote.length, quote, note: '', attrs, author: '', status: 'ok', conflictOf: null, createdAt: '', updatedAt: '' };
};

describe('actorChoices', () => {
  it('tells duplicate actors apart by paragraph and the words around them, in text order', () => {
    const list = [ann('m1', 'actor', 'The mayor'), ann('x', 'event', 'the strike'), ann('m2', 'actor', 'the mayor'), ann('m3', 'actor', 'The mayor', 1, { canonicalName: 'Mayor Ilse Barend' })];
    expect(actorChoices(list, TEXT)).toEqual([
      { id: 'm1', name: 'The mayor', title: 'The mayor (¶2: [The mayor] said the strike hit…)' },
      { id: 'm2', name: 'the mayor', title: 'the mayor (¶2: …strike hit Brenn. Later [the mayor] denied it.)' },
      { id: 'm3', name: 'Mayor Ilse Barend', title: 'Mayor Ilse Barend (¶3: [The mayor] resigned.)' },
    ]);
    // Asked again about a corrected text, the same annotations are described from the new text.
    const corrected = TEXT.replace('resigned', 'quit');
    expect(actorChoices([list[3] as Annotation], corrected)[0]?.title).toBe('Mayor Ilse Barend (¶3: [The mayor] quit.)');
  });
});

describe('claimantLink', () => {
  it('is linked to a present actor, broken when the actor is gone or no longer an actor', () => {
    const actor = ann('m1', 'actor', 'The mayor');
    const claim = ann('c', 'claim', 'the strike hit Brenn', 0, { claimantId: 'm1' });
    expect(claimantLink(claim, new Map([[actor.id, actor]]))).toEqual({ state: 'linked', actor });
    expect(claimantLink(claim, new Map())).toEqual({ state: 'broken', id: 'm1' });
    expect(claimantLink(claim, new Map([[actor.id, { ...actor, label: 'event' as const }]]))).toEqual({ state: 'broken', id: 'm1' });
    expect(claimantLink({ ...claim, attrs: { claimant: 'someone' } }, new Map())).toEqual({ state: 'none' });
  });
});
