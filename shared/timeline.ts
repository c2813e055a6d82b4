import { dateRange } from './codebook';
import type { TimelineUnit } from './ipc/timeline';

/** Pure date arithmetic for the Timeline: days since the epoch (UTC) and the bins they fall in. */

export const DAY_MS = 86_400_000;

export const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const dayOf = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

/** The first day a partial ISO date can mean (2024-11 -> 2024-11-01, 2024-W48 -> its Monday), or null when it is no date. */
export function firstDay(date: string | null | undefined): number | null {
  return dateRange(date)?.[0] ?? null;
}

/** The first day of the bin a day falls in: itself, its ISO week's Monday, or its month's first day. */
export function binStart(day: number, unit: TimelineUnit): number {
  if (unit === 'day') return day;
  if (unit === 'week') return day - ((new Date(day * DAY_MS).getUTCDay() + 6) % 7);
  const d = new Date(day * DAY_MS);
  return Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS);
}

/** The first day of the next bin. */
export function nextBin(start: number, unit: TimelineUnit): number {
  if (unit === 'day') return start + 1;
  if (unit === 'week') return start + 7;
  const d = new Date(start * DAY_MS);
  return Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS);
}

/** The finest unit that keeps a span of days to at most `maxBins` bins. */
export function unitFor(days: number, maxBins: number): TimelineUnit {
  if (days <= maxBins) return 'day';
  if (days / 7 <= maxBins) return 'week';
  return 'month';
}
