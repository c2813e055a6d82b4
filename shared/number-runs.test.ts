import { describe, expect, it } from 'vitest';
import { replaceNumberRuns, wordsOf, type NumberPart, type RunRules } from './number-runs';

// A toy language: enough to see the shared run mechanics apart from any real one's rules.
const PARTS: Record<string, NumberPart> = { one: { kind: 'number', value: 1 }, two: { kind: 'number', value: 2 }, twenty: { kind: 'number', value: 20 }, thousand: { kind: 'scale', value: 1000 }, dozen: { kind: 'dozen', value: 12 } };
const rules = (extra: Partial<RunRules> = {}): RunRules => ({ read: (w) => PARTS[w] ?? null, starts: (p) => p.kind !== 'scale', continues: () => true, ...extra });
const run = (text: string, extra?: Partial<RunRules>) => replaceNumberRuns(text, wordsOf(text, /\p{L}+/gu), rules(extra));

describe('runs of number words', () => {
  it('add values, multiply by scales and dozens, and keep the text around them', () => {
    expect(run('twenty two thousand one drones')).toBe('22001 drones');
    expect(run('two dozen and one')).toBe('24 and 1');
    expect(run('Twenty Two')).toBe('22');
  });
  it('end at anything but spaces between words, and never start where the rules say not to', () => {
    expect(run('twenty, two')).toBe('20, 2');
    expect(run('thousand drones')).toBe('thousand drones');
    expect(run('twenty two', { continues: (part, current) => !(part.kind === 'number' && current !== 0) })).toBe('20 2');
  });
  it('leave a run the rules do not keep as it was written', () => {
    expect(run('one drone, two drones', { keep: (words, i) => words[i]?.text !== 'one' })).toBe('one drone, 2 drones');
  });
});
