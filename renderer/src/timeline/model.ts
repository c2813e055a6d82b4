import { area, line, stack, curveStepAfter } from 'd3-shape';
import { scaleLinear, scaleUtc } from 'd3-scale';
import type { TimelineData, TimelineFigure, TimelineUnit } from '../../../shared/ipc/timeline';
import { binStart, DAY_MS, dayOf, isoDay, nextBin, unitFor } from '../../../shared/timeline';
import { OTHER_COLOUR, SERIES_COLOURS } from './palette';

/**
 * What the Timeline draws, as plain data and SVG path strings (no DOM): the store's counts re-binned
 * to the window on screen (bars at least MIN_BAR px wide), stacked by type into one path per
 * series, and the incidents as one line. Re-computed for every frame of a pan: its cost grows with
 * the bins in view, never with the library's events.
 */
export const MIN_BAR = 3;

/** The counts with the figures, which the store gives in a second answer (an empty list until then). */
export type TimelinePicture = TimelineData & { figures: readonly TimelineFigure[] };
const UNIT_ORDER: TimelineUnit[] = ['day', 'week', 'month'];
export const OTHER = 'Other types';
export const UNTYPED = 'No type';

export interface Series {
  key: string;
  colour: string;
  path: string;
}

export interface Bin {
  start: number;
  end: number;
  events: number;
  incidents: number;
  imprecise: number;
  byType: Map<string, number>;
  figures: { counts: string; unit: string; min: number; max: number; reports: number }[];
}

export interface Frame {
  unit: TimelineUnit;
  bins: Bin[];
  series: Series[];
  incidentsPath: string;
  ticks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  x: (day: number) => number;
  /** The bin under an x position, if any. */
  binAt(x: number): Bin | null;
}

/** The series drawn: the most frequent types, one colour each, then the rest as one. */
export function seriesKeys(data: TimelineData): { key: string; colour: string; types: Set<string> }[] {
  const totals = new Map<string, number>();
  for (const c of data.counts) totals.set(c.type, (totals.get(c.type) ?? 0) + c.events);
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
  const top = ranked.slice(0, SERIES_COLOURS.length);
  const rest = ranked.slice(SERIES_COLOURS.length);
  const keys = top.map((t, i) => ({ key: t === '' ? UNTYPED : t, colour: SERIES_COLOURS[i] as string, types: new Set([t]) }));
  if (rest.length > 0) keys.push({ key: OTHER, colour: OTHER_COLOUR, types: new Set(rest) });
  return keys;
}

export function extent(data: TimelineData): [number, number] | null {
  if (data.counts.length === 0) return null;
  const first = dayOf((data.counts[0] as { date: string }).date);
  const last = dayOf((data.counts[data.counts.length - 1] as { date: string }).date);
  return [first, nextBin(last, data.unit)];
}

export function frame(data: TimelinePicture, domain: [number, number], size: { width: number; height: number }, margin = { left: 40, right: 12, top: 10, bottom: 24 }): Frame {
  const [d0, d1] = domain;
  const innerWidth = Math.max(10, size.width - margin.left - margin.right);
  const visible = Math.max(1, d1 - d0);
  // The display unit: no finer than the store's, coarse enough that a bar is MIN_BAR px wide.
  const wanted = unitFor(visible, Math.floor(innerWidth / MIN_BAR));
  const unit = UNIT_ORDER[Math.max(UNIT_ORDER.indexOf(wanted), UNIT_ORDER.indexOf(data.unit))] as TimelineUnit;
  const keys = seriesKeys(data);
  const keyOf = new Map(keys.flatMap((k) => [...k.types].map((t) => [t, k.key] as const)));
  const bins = new Map<number, Bin>();
  const binFor = (day: number) => {
    const start = binStart(day, unit);
    let b = bins.get(start);
    if (!b) {
      b = { start, end: nextBin(start, unit), events: 0, incidents: 0, imprecise: 0, byType: new Map(), figures: [] };
      bins.set(start, b);
    }
    return b;
  };
  // One bin either side of the window, so a pan shows no gap at the edges.
  const inView = (day: number) => day >= binStart(d0, unit) - 31 && day < d1 + 31;
  for (const c of data.counts) {
    const day = dayOf(c.date);
    if (!inView(day)) continue;
    const b = binFor(day);
    b.events += c.events;
    b.imprecise += c.imprecise;
    const key = keyOf.get(c.type) ?? OTHER;
    b.byType.set(key, (b.byType.get(key) ?? 0) + c.events);
  }
  for (const i of data.incidents) {
    const day = dayOf(i.date);
    if (inView(day)) binFor(day).incidents += i.incidents;
  }
  for (const f of data.figures) {
    const day = dayOf(f.date);
    if (!inView(day)) continue;
    const b = binFor(day);
    const same = b.figures.find((x) => x.counts === f.counts && x.unit === f.unit);
    if (same) {
      same.min = Math.min(same.min, f.min);
      same.max = Math.max(same.max, f.max);
      same.reports += f.reports;
    } else b.figures.push({ counts: f.counts, unit: f.unit, min: f.min, max: f.max, reports: f.reports });
  }
  const sorted = [...bins.values()].sort((a, b) => a.start - b.start);
  const x = scaleUtc()
    .domain([new Date(d0 * DAY_MS), new Date(d1 * DAY_MS)])
    .range([margin.left, margin.left + innerWidth]);
  const xDay = (day: number) => x(new Date(day * DAY_MS));
  const top = Math.max(1, ...sorted.map((b) => Math.max(b.events, b.incidents)));
  const y = scaleLinear()
    .domain([0, top])
    .nice()
    .range([size.height - margin.bottom, margin.top]);
  // Step areas need a point at each bin's start and a closing point at its end; empty bins between are zero.
  const points: { day: number; values: Record<string, number> }[] = [];
  for (const b of sorted) {
    const last = points[points.length - 1];
    if (last && last.day < b.start) points.push({ day: last.day, values: {} });
    points.push({ day: b.start, values: Object.fromEntries(b.byType) });
    points.push({ day: b.end, values: {} });
  }
  // The closing point of each bin starts a zero step, which the next bin's start overrides.
  const stacked = stack<{ day: number; values: Record<string, number> }>()
    .keys(keys.map((k) => k.key))
    .value((d, key) => d.values[key] ?? 0)(points);
  const shape = area<[number, number] & { data: { day: number } }>()
    .x((d) => xDay(d.data.day))
    .y0((d) => y(d[0]))
    .y1((d) => y(d[1]))
    .curve(curveStepAfter);
  const series = stacked.map((layer, i) => ({ key: keys[i]?.key ?? OTHER, colour: keys[i]?.colour ?? OTHER_COLOUR, path: shape(layer as never) ?? '' }));
  const incidentPoints: [number, number][] = sorted.flatMap((b) => [
    [xDay(b.start), y(b.incidents)],
    [xDay(b.end), y(b.incidents)],
  ]);
  const incidentsPath = line().curve(curveStepAfter)(incidentPoints) ?? '';
  const format = x.tickFormat();
  const ticks = x.ticks(Math.max(2, Math.floor(innerWidth / 90))).map((t) => ({ x: x(t), label: format(t) }));
  const yTicks = y.ticks(4).map((v) => ({ y: y(v), label: String(v) }));
  return {
    unit,
    bins: sorted.filter((b) => b.end > d0 && b.start < d1),
    series,
    incidentsPath,
    ticks,
    yTicks,
    x: xDay,
    binAt(px: number) {
      const day = Math.floor(x.invert(px).getTime() / DAY_MS);
      return sorted.find((b) => b.start <= day && day < b.end) ?? null;
    },
  };
}

/** A bin's period in words: a day, a week from its Monday, or a month. */
export function period(b: Pick<Bin, 'start' | 'end'>): string {
  const from = isoDay(b.start);
  if (b.end - b.start === 1) return from;
  if (b.end - b.start === 7) return `week of ${from}`;
  return from.slice(0, 7);
}

/** A figure line for the hover card and the table: "killed: 2–3 people (3 reports)". */
export function figureText(f: Bin['figures'][number]): string {
  const value = f.min === f.max ? String(f.min) : `${f.min}–${f.max}`;
  return `${f.counts ? `${f.counts}: ` : ''}${value}${f.unit ? ` ${f.unit}` : ''} (${f.reports} report${f.reports === 1 ? '' : 's'})`;
}

