import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/model';
import { labelCounts, linkedEntities } from './articleSummary';

const ann = (id: string, label: Annotation['label'], attrs: Annotation['attrs'] = {}): Annotation =>
  ({ id, label, attrs, start: 0, end: 1, quote: 'x', note: '', status: 'ok' }) as unknown as Annotation;

describe('article summary', () => {
  const list = [
    ann('a', 'actor', { entityId: 'e-kyiv' }),
    ann('b', 'actor', { entityId: 'e-army' }),
    ann('c', 'actor', { entityId: 'e-army' }),
    ann('d', 'actor'),
    ann('e', 'event', { locationEntityId: 'p-dorn' }),
    ann('f', 'figure', { value: 3 }),
  ];
  it('counts the annotations of each label, zero included', () => {
    expect(labelCounts(list)).toEqual({ event: 1, claim: 0, actor: 4, figure: 1 });
  });
  it('lists the linked actors and places, most mentioned first, unlinked spans left out', () => {
    expect(linkedEntities(list)).toEqual([
      { id: 'e-army', kind: 'actor', mentions: 2 },
      { id: 'e-kyiv', kind: 'actor', mentions: 1 },
      { id: 'p-dorn', kind: 'place', mentions: 1 },
    ]);
  });
});
