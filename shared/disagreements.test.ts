import { describe, expect, it } from 'vitest';
import { FIGURE_QUALIFIERS } from './model';
import { allowed, conservativeValue, disagreementKind, figureText, type FigureFact } from './disagreements';
import type { FigureQualifier } from './figures';

const f = (value: number, qualifier: FigureQualifier = 'exact', range?: [number, number]): FigureFact => ({
  value,
  qualifier,
  min: range ? range[0] : null,
  max: range ? range[1] : null,
});

describe('the disagreement rule', () => {
  it('gives the examples DESIGN.md gives', () => {
    expect(disagreementKind([f(62), f(76)])).toBe('conflict');
    expect(disagreementKind([f(70, 'at least'), f(76)])).toBe('variance');
    // The edge is included: |76 - 80| = 0.05 x 80.
    expect(disagreementKind([f(80, 'approximate'), f(76)])).toBe('variance');
    expect(disagreementKind([f(80, 'approximate'), f(75)])).toBe('conflict');
    expect(disagreementKind([f(62), f(76), f(80, 'approximate'), f(70, 'at least')])).toBe('conflict');
  });

  it('finds none among figures that give the same numbers, or fewer than two', () => {
    expect(disagreementKind([f(188), f(188), f(188)])).toBeNull();
    expect(disagreementKind([f(76), f(76, 'at least')])).toBeNull();
    expect(disagreementKind([f(76)])).toBeNull();
    expect(disagreementKind([])).toBeNull();
    expect(disagreementKind([f(76), { value: null, min: null, max: null, qualifier: 'exact' }])).toBeNull();
  });

  it('uses the spread the analyst sets', () => {
    expect(disagreementKind([f(80, 'approximate'), f(72)], 0.1)).toBe('variance');
    expect(disagreementKind([f(80, 'approximate'), f(72)])).toBe('conflict');
    expect(disagreementKind([f(80, 'approximate'), f(79)], 0)).toBe('conflict');
  });

  // Every pair of qualifiers, one figure at 70 and one at 80: when can both be true?
  const pairs: [FigureQualifier, FigureQualifier, 'conflict' | 'variance'][] = [
    ['exact', 'exact', 'conflict'],
    ['exact', 'approximate', 'conflict'],
    ['exact', 'at least', 'conflict'],
    ['exact', 'at most', 'variance'],
    ['approximate', 'exact', 'conflict'],
    ['approximate', 'approximate', 'conflict'],
    ['approximate', 'at least', 'conflict'],
    ['approximate', 'at most', 'variance'],
    ['at least', 'exact', 'variance'],
    ['at least', 'approximate', 'variance'],
    ['at least', 'at least', 'variance'],
    ['at least', 'at most', 'variance'],
    ['at most', 'exact', 'conflict'],
    ['at most', 'approximate', 'conflict'],
    ['at most', 'at least', 'conflict'],
    ['at most', 'at most', 'variance'],
  ];
  it('covers every qualifier pair', () => {
    expect(pairs.map(([a, b]) => `${a}/${b}`).sort()).toEqual(FIGURE_QUALIFIERS.flatMap((a) => FIGURE_QUALIFIERS.map((b) => `${a}/${b}`)).sort());
  });
  it.each(pairs)('70 %s and 80 %s: %s', (a, b, kind) => {
    expect(disagreementKind([f(70, a), f(80, b)])).toBe(kind);
    // Order does not matter.
    expect(disagreementKind([f(80, b), f(70, a)])).toBe(kind);
  });
  it('reads an approximate pair close enough as a variance', () => {
    expect(disagreementKind([f(78, 'approximate'), f(80, 'approximate')])).toBe('variance');
  });

  it('reads a range as every value between its bounds', () => {
    expect(allowed(f(80, 'exact', [80, 90]))).toEqual([80, 90]);
    expect(disagreementKind([f(80, 'exact', [80, 90]), f(85)])).toBe('variance');
    expect(disagreementKind([f(80, 'exact', [80, 90]), f(95)])).toBe('conflict');
    expect(disagreementKind([f(80, 'approximate', [80, 90]), f(94)])).toBe('variance');
  });

  it('codes the most conservative value and writes figures as notes do', () => {
    expect(conservativeValue([f(62), f(76), f(80, 'approximate'), f(70, 'at least')])).toBe(62);
    expect(conservativeValue([f(85, 'exact', [80, 90]), f(84)])).toBe(80);
    expect([f(80, 'approximate'), f(70, 'at least'), f(5, 'at most'), f(80, 'exact', [80, 90]), f(62)].map(figureText)).toEqual(['around 80', 'at least 70', 'at most 5', '80–90', '62']);
  });
});
