import { describe, expect, it } from 'vitest';
import type { Annotation, Label } from '../../../shared/model';
import { seededRandom } from '../../../shared/random';
import { compareTextOrder, panelView, revealOffset, stepFrom, withPut } from './panelOrder';

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

describe('withPut', () => {
  it('keeps the list in text order through random additions, moves and edits, as a full sort would', () => {
    const random = seededRandom('withPut', 1);
    const at = (id: string, start: number, end: number, createdAt: string): Annotation => ({ ...ann(id, 'event', start), end, createdAt });
    let map = new Map<string, Annotation>();
    let sorted: Annotation[] = [];
    for (let step = 0; step < 300; step++) {
      const existing = [...map.values()];
      const batch: Annotation[] = [];
      for (let k = 0; k < 1 + Math.floor(random() * 3); k++) {
        const start = Math.floor(random() * 50);
        const old = existing.length > 0 && random() < 0.5 ? existing[Math.floor(random() * existing.length)] : undefined;
        const id = old?.id ?? `n${step}-${k}`;
        // Keep its place (a note edited), or move (a span trimmed); equal starts and ends are common.
        batch.push(old && random() < 0.5 ? { ...old, note: `${step}` } : at(id, start, start + Math.floor(random() * 5), old?.createdAt ?? `t${step}`));
      }
      const unique = [...new Map(batch.map((a) => [a.id, a])).values()];
      const before = sorted;
      sorted = withPut(sorted, map, unique);
      map = new Map(map);
      for (const a of unique) map.set(a.id, a);
      expect(sorted).not.toBe(before);
      expect(sorted.map((a) => a.id)).toEqual([...map.values()].sort(compareTextOrder).map((a) => a.id));
      expect(new Set(sorted).size).toBe(map.size);
    }
  });
});

describe('revealOffset', () => {
  // A viewport of 300 scrolled to 1000 shows [1000, 1300).
  it('leaves a row in view where it is', () => {
    expect(revealOffset({ start: 1000, end: 1048 }, 1000, 300)).toBeNull();
    expect(revealOffset({ start: 1252, end: 1300 }, 1000, 300)).toBeNull();
  });

  it('brings a row above the view to the top and one below it to the bottom', () => {
    expect(revealOffset({ start: 400, end: 448 }, 1000, 300)).toBe(400);
    expect(revealOffset({ start: 990, end: 1038 }, 1000, 300)).toBe(990);
    expect(revealOffset({ start: 1280, end: 1328 }, 1000, 300)).toBe(1028);
    expect(revealOffset({ start: 5000, end: 5048 }, 1000, 300)).toBe(4748);
  });
});
