import { describe, expect, it } from 'vitest';
import { listStep } from './listStep';

describe('listStep', () => {
  it('moves by one, stopping at the ends', () => {
    expect(listStep('list-down', 0, 3, 10)).toBe(1);
    expect(listStep('list-down', 2, 3, 10)).toBe(2);
    expect(listStep('list-up', 0, 3, 10)).toBe(0);
    expect(listStep('list-up', 2, 3, 10)).toBe(1);
  });
  it('starts at the first row from nothing active', () => {
    expect(listStep('list-down', -1, 3, 10)).toBe(0);
    expect(listStep('list-up', -1, 3, 10)).toBe(0);
  });
  it('jumps to the ends and by pages', () => {
    expect(listStep('list-first', 5, 9, 4)).toBe(0);
    expect(listStep('list-last', 0, 9, 4)).toBe(8);
    expect(listStep('list-page-down', 1, 9, 4)).toBe(5);
    expect(listStep('list-page-down', 7, 9, 4)).toBe(8);
    expect(listStep('list-page-up', 5, 9, 4)).toBe(1);
    expect(listStep('list-page-up', 2, 9, 4)).toBe(0);
  });
  it('clamps an index left over from a longer list', () => {
    expect(listStep('list-up', 10, 3, 4)).toBe(1);
  });
  it('does nothing in an empty list or for another key', () => {
    expect(listStep('list-down', 0, 0, 4)).toBeNull();
    expect(listStep('list-open', 0, 3, 4)).toBeNull();
    expect(listStep(null, 0, 3, 4)).toBeNull();
  });
});
