import { describe, expect, it } from 'vitest';
import { dateText, figureText, figuresText, namesText, typeText } from './format';

describe('the Events table cells', () => {
  it('reads a figure with its qualifier, unit and what it counts, and one without a value as unknown', () => {
    expect(figureText({ value: 70, unit: 'drones', counts: 'launched', qualifier: 'at least' })).toBe('at least 70 drones launched');
    expect(figureText({ value: 1200, unit: null, counts: 'displaced', qualifier: 'approximate' })).toBe('about 1,200 displaced');
    expect(figureText({ value: 2, unit: 'people', counts: null, qualifier: 'exact' })).toBe('2 people');
    expect(figureText({ value: null, unit: null, counts: 'killed', qualifier: null })).toBe('? killed');
    expect(figuresText([{ value: 2, unit: null, counts: 'killed', qualifier: null }, { value: 5, unit: null, counts: 'injured', qualifier: null }])).toBe('2 killed; 5 injured');
  });

  it('says how precise a date is, joins names and types, and leaves unknowns empty', () => {
    expect(dateText({ date: '2026-03-14', datePrecision: 'day' })).toBe('2026-03-14');
    expect(dateText({ date: '2026-W11', datePrecision: 'week' })).toBe('2026-W11 (week)');
    expect(dateText({ date: '2026-03', datePrecision: 'month' })).toBe('2026-03 (month)');
    expect(dateText({ date: null, datePrecision: null })).toBe('');
    expect(namesText(['Russia', '', 'Belarus'])).toBe('Russia; Belarus');
    expect(typeText({ eventType: 'Battles', subEventType: 'Armed clash' })).toBe('Battles — Armed clash');
    expect(typeText({ eventType: 'Protests', subEventType: null })).toBe('Protests');
    expect(typeText({ eventType: null, subEventType: null })).toBe('');
  });
});
