import { describe, expect, it } from 'vitest';
import { planRoleMarks } from './roleMarks';

describe('planRoleMarks', () => {
  it('draws every run of a role span in its role and badges the first run, numbering within each role', () => {
    const runs: Record<string, string[]> = { russia: ['r1'], belarus: ['b1', 'b2'], ukraine: ['u1'], killed: ['k1'] };
    const plan = planRoleMarks(
      [
        { spanId: 'russia', role: 'actor', n: 1 },
        { spanId: 'belarus', role: 'actor', n: 2 },
        { spanId: 'ukraine', role: 'target', n: 1 },
        { spanId: 'killed', role: 'figure', n: 1 },
      ],
      (id) => runs[id] ?? [],
    );
    expect(Object.fromEntries(plan)).toEqual({
      r1: { role: 'actor', badge: 'A1' },
      b1: { role: 'actor', badge: 'A2' },
      b2: { role: 'actor', badge: null },
      u1: { role: 'target', badge: 'T1' },
      k1: { role: 'figure', badge: 'F1' },
    });
  });

  it('gives a span in two roles both badges, and looks each span up once', () => {
    const asked: string[] = [];
    const plan = planRoleMarks(
      [
        { spanId: 'army', role: 'actor', n: 1 },
        { spanId: 'army', role: 'with', n: 1 },
      ],
      (id) => {
        asked.push(id);
        return ['a1', 'a2'];
      },
    );
    expect(asked).toEqual(['army']);
    expect(plan.get('a1')).toEqual({ role: 'actor', badge: 'A1 W1' });
    expect(plan.get('a2')).toEqual({ role: 'actor', badge: null });
  });

  it('draws nothing for nothing', () => {
    expect(planRoleMarks([], () => ['x']).size).toBe(0);
  });
});
