import { describe, expect, it } from 'vitest';
import type { Annotation, Label } from '../../../shared/model';
import { panelView, stepFrom } from './panelOrder';

const ann = (id: string, label: Label, start: number): Annotation => ({
  id, articleId: 'a', label, start, end: start + 1, quote: id, note: '', attrs: {}, author: '', status: 'ok', conflictOf: null, createdAt: '', updatedAt: '',
});

// In text order, as the session lists them.
const all = [ann('c1', 'claim', 0), ann('e1', 'event', 1), ann('a1', 'actor', 2), ann('e2', 'event', 3), ann('c2', 'claim', 4)];

describe('panelView', () => {
  it('groups by label in label order, text order inside a group', () => {
    const view = panelView(all, null);
    expect(view.rows.map((r) => (r.kind === 'group' ? `${r.label}(${r.count})` : r.annotation.id))).toEqual([
      'event(2)', 'e1', 'e2', 'claim(2)', 'c1', 'c2', 'actor(1)', 'a1',
    ]);
    expect(view.ordered.map((a) => a.id)).toEqual(['e1', 'e2', 'c1', 'c2', 'a1']);
  });

  it('lists only the filtered label', () => {
    expect(panelView(all, 'claim').ordered.map((a) => a.id)).toEqual(['c1', 'c2']);
    expect(panelView(all, 'figure').rows).toEqual([]);
  });
});

describe('stepFrom', () => {
  const { ordered } = panelView(all, null);
  it('steps in the panel order, not the text order', () => {
    expect(stepFrom(ordered, 'e1', 1)?.id).toBe('e2');
    expect(stepFrom(ordered, 'e2', 1)?.id).toBe('c1');
    expect(stepFrom(ordered, 'c1', -1)?.id).toBe('e2');
  });

  it('starts at an end when nothing in the list is selected, and stops at the ends', () => {
    expect(stepFrom(ordered, null, 1)?.id).toBe('e1');
    expect(stepFrom(ordered, null, -1)?.id).toBe('a1');
    expect(stepFrom(panelView(all, 'claim').ordered, 'e1', 1)?.id).toBe('c1');
    expect(stepFrom(ordered, 'a1', 1)).toBeNull();
    expect(stepFrom(ordered, 'e1', -1)).toBeNull();
    expect(stepFrom([], null, 1)).toBeNull();
  });
});
