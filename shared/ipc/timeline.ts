import { z } from 'zod';

/**
 * The Timeline's part of the contract (DESIGN.md, "More of the interface"): the library's events
 * counted by date, aggregated in the store so the chart's cost does not grow with the number of
 * events. An event is placed on the first day its date can mean (2024-11 on 2024-11-01, a week on
 * its Monday, a year on 1 January) and counted as imprecise; an event with no date is counted apart.
 */

export const TimelineFilter = z
  .object({
    type: z.string().max(200).optional(),
    /** An actor's canonical name or span text, matched after folding case (as the Events table filters). */
    actor: z.string().max(500).optional(),
    source: z.string().max(2000).optional(),
  })
  .strict();
export type TimelineFilter = z.infer<typeof TimelineFilter>;

/** Days, ISO weeks (their Monday) or months (their first day): the store picks the finest that keeps the series short. */
export const TIMELINE_UNITS = ['day', 'week', 'month'] as const;
export type TimelineUnit = (typeof TIMELINE_UNITS)[number];

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const TimelineCount = z.object({
  /** The first day of the bin. */
  date: IsoDay,
  /** The codebook type ('' for events without one). */
  type: z.string(),
  events: z.number().int().nonnegative(),
  /** Of those, events whose date is known only to the week, month or year. */
  imprecise: z.number().int().nonnegative(),
});
export type TimelineCount = z.infer<typeof TimelineCount>;

/** A figure reported about the bin's events: what it counts, in which unit, its lowest and highest value, and how many reports give one. */
export const TimelineFigure = z.object({ date: IsoDay, counts: z.string(), unit: z.string(), min: z.number(), max: z.number(), reports: z.number().int().positive() });
export type TimelineFigure = z.infer<typeof TimelineFigure>;

export const TimelineData = z.object({
  unit: z.enum(TIMELINE_UNITS),
  /** One entry per bin and type that has events, in date order. */
  counts: z.array(TimelineCount),
  /** Incidents per bin, each counted once, at the earliest date of its reports (an event in no incident counts as its own). */
  incidents: z.array(z.object({ date: IsoDay, incidents: z.number().int().nonnegative() })),
  /** Events the filters keep that have no date, and so are not drawn. */
  undated: z.number().int().nonnegative(),
  /** Every type and source of the library's events, for the filters. */
  types: z.array(z.string()),
  sources: z.array(z.string()),
});
export type TimelineData = z.infer<typeof TimelineData>;

/**
 * The figures of the filtered events, per bin of the unit the counts chose: asked for after the
 * counts, since they need every figure read, so the chart is drawn before they arrive.
 */
export const TimelineFiguresQuery = z.object({ filter: TimelineFilter, unit: z.enum(TIMELINE_UNITS) }).strict();
export type TimelineFiguresQuery = z.infer<typeof TimelineFiguresQuery>;

export const timelineContract = {
  'timeline/counts': { input: TimelineFilter, output: TimelineData },
  'timeline/figures': { input: TimelineFiguresQuery, output: z.array(TimelineFigure) },
} as const;
