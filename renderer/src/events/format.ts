import type { EventRecord, FigureSummary } from '../../../shared/ipc/events';

// One formatter for every cell: toLocaleString builds a new one per call, most of a page's drawing time in a profile.
const NUMBER = new Intl.NumberFormat('en');

const QUALIFIER: Record<string, string> = { approximate: 'about ', 'at least': 'at least ', 'at most': 'at most ' };

/** A figure as the table reads it: "at least 70 drones launched"; a figure with no value yet shows its count alone. */
export function figureText(f: FigureSummary): string {
  const value = f.value === null ? '?' : NUMBER.format(f.value);
  const words = [`${f.qualifier ? (QUALIFIER[f.qualifier] ?? '') : ''}${value}`, f.unit, f.counts].filter((w): w is string => !!w);
  return words.join(' ');
}

export function figuresText(list: readonly FigureSummary[]): string {
  return list.map(figureText).join('; ');
}

/** Several names in one cell, as the ACLED export joins them. */
export function namesText(names: readonly string[]): string {
  return names.filter((n) => n !== '').join('; ');
}

const PRECISION_NOTE = { day: '', week: ' (week)', month: ' (month)', year: ' (year)' } as const;

/** The event's date, saying when it is known only to the week, month or year. */
export function dateText(r: Pick<EventRecord, 'date' | 'datePrecision'>): string {
  if (!r.date) return '';
  return `${r.date}${r.datePrecision ? PRECISION_NOTE[r.datePrecision] : ''}`;
}

export function typeText(r: Pick<EventRecord, 'eventType' | 'subEventType'>): string {
  return [r.eventType, r.subEventType].filter((t) => t).join(' — ');
}
