import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/model';
import { duplicateNotice, duplicateOf, retagByKeyNotice, stepNotice } from './keyFeedback';

const base = { articleId: 'a', note: '', attrs: {}, author: 'x', created: '', updated: '', status: 'ok', conflictOf: null } as const;
const ann = (id: string, label: Annotation['label'], start: number, end: number, quote: string): Annotation =>
  ({ ...base, id, label, start, end, quote }) as unknown as Annotation;

describe('key feedback', () => {
  const list = [ann('1', 'actor', 0, 7, 'Kharkiv'), ann('2', 'event', 0, 7, 'Kharkiv'), ann('3', 'actor', 10, 17, 'Kharkiv')];
  it('finds the annotation with the same span and label only', () => {
    expect(duplicateOf(list, 'actor', 0, 7)?.id).toBe('1');
    expect(duplicateOf(list, 'actor', 10, 17)?.id).toBe('3');
    expect(duplicateOf(list, 'claim', 0, 7)).toBeNull();
    expect(duplicateOf(list, 'actor', 0, 6)).toBeNull();
  });
  it('says where the first one is', () => {
    expect(duplicateNotice(list[0] as Annotation)).toBe('Already tagged: “Kharkiv” is an Actor annotation at 0–7; it is selected.');
  });
  it('says what a retag by key did, or that it had nothing to do', () => {
    expect(retagByKeyNotice(list[0] as Annotation, 'event')).toMatch(/^Retagged “Kharkiv” from Actor to Event \(no text was selected\)/);
    expect(retagByKeyNotice(list[0] as Annotation, 'actor')).toMatch(/already an Actor/);
  });
  it('says why N or P did not move', () => {
    expect(stepNotice(0, 0, null)).toMatch(/No annotations yet/);
    expect(stepNotice(3, 0, 'figure')).toMatch(/No Figure annotations/);
    expect(stepNotice(3, 3, null)).toMatch(/No further annotation/);
  });
});
