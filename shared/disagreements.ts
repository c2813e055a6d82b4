import type { FigureQualifier } from './figures';

/**
 * The disagreement rule (DESIGN.md): figures with the same `counts` and unit, about the same event
 * or incident, whose values differ. Each figure, its qualifier read, allows an interval of true
 * values; the kind is **conflict** when no single value lies in all of them, **variance** when one
 * does. An approximate value allows the analyst's spread around it (5% by default), measured from
 * the approximate value with the edge included: |76 - 80| <= 0.05 x 80.
 */

export const DISAGREEMENT_KINDS = ['conflict', 'variance'] as const;
export type DisagreementKind = (typeof DISAGREEMENT_KINDS)[number];

export const DEFAULT_SPREAD = 0.05;

/** What the rule reads of a figure. */
export interface FigureFact {
  value: number | null;
  min: number | null;
  max: number | null;
  qualifier: FigureQualifier | null;
}

/** The true values a figure allows, both ends included. */
export function allowed(f: FigureFact, spread: number = DEFAULT_SPREAD): [number, number] {
  let lo = f.min ?? f.value ?? Number.NaN;
  let hi = f.max ?? f.value ?? lo;
  if (f.min !== null && f.max === null && f.value !== null) hi = Math.max(lo, f.value);
  switch (f.qualifier) {
    case 'at least':
      hi = Number.POSITIVE_INFINITY;
      break;
    case 'at most':
      lo = Number.NEGATIVE_INFINITY;
      break;
    case 'approximate':
      lo -= spread * Math.abs(lo);
      hi += spread * Math.abs(hi);
      break;
    default:
      break;
  }
  return [lo, hi];
}

/** Whether a figure has a number the rule can read. */
export const readable = (f: FigureFact): boolean => Number.isFinite(f.min ?? f.value ?? Number.NaN);

/** A figure's value as the analyst reads it: the same numbers with another qualifier are not a different value. */
const valueKey = (f: FigureFact) => `${f.value ?? ''}|${f.min ?? ''}|${f.max ?? ''}`;

/** Floating point slack so 0.05 x 80 = 4.000000000000001 still includes the edge at 76. */
export const EPSILON = 1e-9;

/**
 * The kind of disagreement among figures of one count, or null when they agree (fewer than two
 * readable figures, or every one giving the same numbers). store/disagreement-refresh.ts applies
 * the same rule in SQL, with the same operations in the same order; a test compares the two.
 */
export function disagreementKind(figures: readonly FigureFact[], spread: number = DEFAULT_SPREAD): DisagreementKind | null {
  const read = figures.filter(readable);
  if (read.length < 2 || new Set(read.map(valueKey)).size < 2) return null;
  let lo = Number.NEGATIVE_INFINITY;
  let hi = Number.POSITIVE_INFINITY;
  for (const f of read) {
    const [a, b] = allowed(f, spread);
    lo = Math.max(lo, a);
    hi = Math.min(hi, b);
  }
  return lo <= hi + EPSILON * Math.max(1, Math.abs(hi)) ? 'variance' : 'conflict';
}

/**
 * The most conservative value, as ACLED codes an unresolved dispute: the lowest number any figure
 * gives (a range's lower bound).
 */
export function conservativeValue(figures: readonly FigureFact[]): number | null {
  const values = figures.filter(readable).map((f) => (f.min ?? f.value) as number);
  return values.length ? Math.min(...values) : null;
}

/** How a figure is written in notes and lists: "around 80", "at least 70", "80–90". */
export function figureText(f: FigureFact): string {
  const number = f.min !== null && f.max !== null ? `${f.min}–${f.max}` : String(f.value ?? f.min ?? '');
  switch (f.qualifier) {
    case 'approximate':
      return `around ${number}`;
    case 'at least':
      return `at least ${number}`;
    case 'at most':
      return `at most ${number}`;
    default:
      return number;
  }
}
