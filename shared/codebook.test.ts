import { describe, expect, it } from 'vitest';
import { buildCodebook, codebookProblem, datePrecision, dateRange, daysApart, disorderType, SHIPPED_TYPES } from './codebook';

describe('the shipped codebook', () => {
  it('holds ACLED\'s six event types with their sub-event types', () => {
    expect(SHIPPED_TYPES.map((t) => t.type)).toEqual(['Battles', 'Protests', 'Riots', 'Explosions/Remote violence', 'Violence against civilians', 'Strategic developments']);
    expect(SHIPPED_TYPES.flatMap((t) => t.subTypes)).toHaveLength(25);
    expect(SHIPPED_TYPES.find((t) => t.type === 'Explosions/Remote violence')?.subTypes).toContain('Shelling/artillery/missile attack');
    expect(disorderType('Explosions/Remote violence', 'Air/drone strike')).toBe('Political violence');
    expect(disorderType('Protests', 'Peaceful protest')).toBe('Demonstrations');
    expect(disorderType('Cyber attack', 'Defacement')).toBeUndefined();
  });

  it('takes the analyst\'s types and sub-types, also under a shipped type, once each', () => {
    const book = buildCodebook([
      { type: 'Cyber attack', subType: '' },
      { type: 'Cyber attack', subType: 'Defacement' },
      { type: 'Battles', subType: 'Naval clash' },
      { type: 'Battles', subType: 'Naval clash' },
    ]);
    expect(book.types.find((t) => t.type === 'Cyber attack')).toEqual({ type: 'Cyber attack', subTypes: ['Defacement'], custom: true });
    expect(book.types.find((t) => t.type === 'Battles')?.subTypes.filter((s) => s === 'Naval clash')).toHaveLength(1);
    expect(codebookProblem(book, 'Battles', 'Naval clash')).toBeNull();
    expect(codebookProblem(book, 'Riots', 'Naval clash')).toContain('unknown sub-type');
    expect(codebookProblem(book, undefined, 'Armed clash')).toContain('needs an event type');
    expect(codebookProblem(book, undefined, undefined)).toBeNull();
  });
});

describe('partial dates', () => {
  it('reads the precision from the ISO form', () => {
    expect(['2026-03-14', '2026-W11', '2026-03', '2026', '14/03/2026', ''].map(datePrecision)).toEqual(['day', 'week', 'month', 'year', null, null]);
  });

  it('gives the days a date stands for, ISO weeks from their Monday', () => {
    const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
    expect(dateRange('2026-02')?.map(iso)).toEqual(['2026-02-01', '2026-02-28']);
    expect(dateRange('2024')?.map(iso)).toEqual(['2024-01-01', '2024-12-31']);
    // 2026-W01 starts on Monday 29 December 2025 (1 January 2026 is a Thursday).
    expect(dateRange('2026-W01')?.map(iso)).toEqual(['2025-12-29', '2026-01-04']);
    expect(dateRange('2020-W53')?.map(iso)).toEqual(['2020-12-28', '2021-01-03']);
  });

  it('measures the gap between two dates as the days between their spans', () => {
    expect(daysApart('2026-03-14', '2026-03-11')).toBe(3);
    expect(daysApart('2026-03-14', '2026-03')).toBe(0);
    expect(daysApart('2026-04-03', '2026-03')).toBe(3);
    expect(daysApart('2026-03-14', null)).toBeNull();
  });
});
