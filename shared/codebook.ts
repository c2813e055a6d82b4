import shipped from './codebook/acled-event-types.json' with { type: 'json' };

/** One event type and its sub-types, as the library's codebook holds them. */
export interface CodebookType {
  type: string;
  subTypes: string[];
  /** True for a type the analyst added (the shipped ACLED types are not). */
  custom: boolean;
}

export interface Codebook {
  types: CodebookType[];
}

interface ShippedFile {
  types: { type: string; sub_types: { sub_type: string; disorder_type: string }[] }[];
}

const SHIPPED = shipped as ShippedFile;

/** ACLED's disorder type for a shipped sub-event type; undefined for the analyst's own types. */
const DISORDER = new Map<string, string>(
  SHIPPED.types.flatMap((t) => t.sub_types.map((s) => [`${t.type}\0${s.sub_type}`, s.disorder_type] as const)),
);

export function disorderType(type: string | undefined, subType: string | undefined): string | undefined {
  if (!type || !subType) return undefined;
  return DISORDER.get(`${type}\0${subType}`);
}

export const SHIPPED_TYPES: readonly CodebookType[] = SHIPPED.types.map((t) => ({ type: t.type, subTypes: t.sub_types.map((s) => s.sub_type), custom: false }));

/** The shipped codebook with the analyst's additions (type, or type and sub-type) merged in. */
export function buildCodebook(additions: readonly { type: string; subType: string }[]): Codebook {
  const byType = new Map<string, CodebookType>(SHIPPED_TYPES.map((t) => [t.type, { ...t, subTypes: [...t.subTypes] }]));
  for (const { type, subType } of additions) {
    let entry = byType.get(type);
    if (!entry) {
      entry = { type, subTypes: [], custom: true };
      byType.set(type, entry);
    }
    if (subType && !entry.subTypes.includes(subType)) entry.subTypes.push(subType);
  }
  return { types: [...byType.values()] };
}

/** Why an event's type / sub-type is not in the codebook, or null when it is (or none is set). */
export function codebookProblem(codebook: Codebook, type: unknown, subType: unknown): string | null {
  if (type === undefined || type === null || type === '') {
    return subType === undefined || subType === null || subType === '' ? null : `sub-type "${String(subType)}" needs an event type`;
  }
  const entry = codebook.types.find((t) => t.type === type);
  if (!entry) return `unknown event type "${String(type)}" (not in the library's codebook)`;
  if (subType === undefined || subType === null || subType === '') return null;
  if (!entry.subTypes.includes(String(subType))) return `unknown sub-type "${String(subType)}" for event type "${String(type)}"`;
  return null;
}

export const DATE_PRECISIONS = ['day', 'week', 'month', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** How precise a partial ISO date is: 2024-11-26 day, 2024-W48 week, 2024-11 month, 2024 year. */
export function datePrecision(date: string | undefined | null): DatePrecision | null {
  if (!date) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return 'day';
  if (/^\d{4}-W\d{2}$/.test(date)) return 'week';
  if (/^\d{4}-\d{2}$/.test(date)) return 'month';
  if (/^\d{4}$/.test(date)) return 'year';
  return null;
}

const DAY_MS = 86_400_000;

/**
 * The span of days a partial date stands for, as [first, last] in days since the epoch (UTC):
 * what "within a few days" compares when one report says 2024-11-26 and another 2024-11.
 */
export function dateRange(date: string | undefined | null): [number, number] | null {
  const precision = datePrecision(date);
  if (!precision || !date) return null;
  const year = Number(date.slice(0, 4));
  const day = (y: number, m: number, d: number) => Math.floor(Date.UTC(y, m, d) / DAY_MS);
  switch (precision) {
    case 'day': {
      const d = day(year, Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
      return [d, d];
    }
    case 'month': {
      const m = Number(date.slice(5, 7)) - 1;
      return [day(year, m, 1), day(year, m + 1, 1) - 1];
    }
    case 'year':
      return [day(year, 0, 1), day(year + 1, 0, 1) - 1];
    case 'week': {
      // ISO week 1 holds the year's first Thursday; its Monday starts the count.
      const jan4 = day(year, 0, 4);
      const weekday = (new Date(jan4 * DAY_MS).getUTCDay() + 6) % 7;
      const monday = jan4 - weekday + (Number(date.slice(6, 8)) - 1) * 7;
      return [monday, monday + 6];
    }
  }
}

/** Days between two partial dates' spans (0 when they overlap), or null when either is missing. */
export function daysApart(a: string | undefined | null, b: string | undefined | null): number | null {
  const ra = dateRange(a);
  const rb = dateRange(b);
  if (!ra || !rb) return null;
  if (ra[1] < rb[0]) return rb[0] - ra[1];
  if (rb[1] < ra[0]) return ra[0] - rb[1];
  return 0;
}
