import { disorderType, type DatePrecision } from '../../../shared/codebook';
import type { EventRecord } from '../../../shared/ipc/events';
import type { Disagreement } from '../../../shared/ipc/figures';
import type { IncidentGroup } from '../store/incident-groups';
import { disputedFatalities, figureNotes } from './figure-notes';

/** ACLED's columns in ACLED's order (DESIGN.md). */
export const ACLED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'tags',
  'timestamp',
] as const;
export type AcledColumn = (typeof ACLED_COLUMNS)[number];

/** ACLED's time precision codes: 1 the day is known, 2 the week, 3 the month. A year alone has none. */
const TIME_PRECISION: Record<DatePrecision, string> = { day: '1', week: '2', month: '3', year: '' };
const RANK: Record<DatePrecision, number> = { day: 0, week: 1, month: 2, year: 3 };

/** ACLED separates several actors or sources in one cell with a semicolon and a space. */
const JOIN = '; ';

/** The values as they first appear, each once. */
function distinct(values: Iterable<string | null | undefined>): string[] {
  const out: string[] = [];
  for (const v of values) if (v && !out.includes(v)) out.push(v);
  return out;
}

/** The value most reports give; on a tie, the one the earliest report gives. */
function mostGiven(values: (string | null)[]): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const v of distinct(values)) {
    const count = values.filter((x) => x === v).length;
    if (count > bestCount) {
      best = v;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The incident's date: the most precise one a report gives (the earliest of those on a tie).
 * Only a known day is written as ACLED's event_date; a week or a month keeps its precision code
 * and its year, and the day is left empty rather than made up.
 */
function incidentDate(reports: readonly EventRecord[]): { date: string; precision: DatePrecision } | null {
  const dated = reports.filter((r): r is EventRecord & { date: string; datePrecision: DatePrecision } => r.date !== null && r.datePrecision !== null);
  if (dated.length === 0) return null;
  const best = Math.min(...dated.map((r) => RANK[r.datePrecision]));
  const date = dated.filter((r) => RANK[r.datePrecision] === best).map((r) => r.date).sort()[0] as string;
  return { date, precision: dated.find((r) => r.date === date)?.datePrecision as DatePrecision };
}

/** Words ACLED's fatalities count: deaths. */
const KILLED = new Set(['killed', 'fatalities', 'dead', 'deaths']);

/**
 * Reported fatalities: the figures counting deaths across the reports. Where reports disagree
 * ACLED codes the most conservative figure, so the lowest, unless the analyst resolved the
 * disagreement with a value (or a range: its lower bound); with none, the cell stays empty (an
 * unreported toll is not zero).
 */
function fatalities(reports: readonly EventRecord[], disagreements: readonly Disagreement[]): string {
  const resolved = disputedFatalities(disagreements, (counts) => KILLED.has(counts.toLowerCase()));
  if (resolved !== null) return String(resolved);
  const values = reports.flatMap((r) => r.figures.filter((f) => f.counts !== null && KILLED.has(f.counts.toLowerCase()) && f.value !== null).map((f) => f.value as number));
  return values.length ? String(Math.min(...values)) : '';
}

/** Unix seconds of the latest change to the incident or any of its reports. */
function timestamp(group: IncidentGroup): string {
  const times = [group.incident?.updatedAt, ...group.reports.map((r) => r.updatedAt)].filter((t): t is string => !!t).map((t) => Date.parse(t)).filter((t) => Number.isFinite(t));
  return times.length ? String(Math.floor(Math.max(...times) / 1000)) : '';
}

/**
 * One ACLED row for an incident (or a lone event). Only what the library knows is written:
 * actors' inter codes, the interaction, civilian targeting, geography beyond the location's name,
 * coordinates, the source scale and tags stay empty, never guessed.
 */
export function acledRow(group: IncidentGroup, disagreements: readonly Disagreement[] = []): Record<AcledColumn, string> {
  const { reports } = group;
  const date = incidentDate(reports);
  const eventType = mostGiven(reports.map((r) => r.eventType));
  const subType = mostGiven(reports.filter((r) => r.eventType === eventType).map((r) => r.subEventType));
  const actors = distinct(reports.flatMap((r) => r.actor));
  const targets = distinct(reports.flatMap((r) => r.target));
  const associated = distinct([...actors.slice(1), ...reports.flatMap((r) => r.with)]).filter((n) => n !== actors[0] && !targets.includes(n));
  return {
    event_id_cnty: group.id,
    event_date: date?.precision === 'day' ? date.date : '',
    year: date ? date.date.slice(0, 4) : '',
    time_precision: date ? TIME_PRECISION[date.precision] : '',
    disorder_type: disorderType(eventType ?? undefined, subType ?? undefined) ?? '',
    event_type: eventType ?? '',
    sub_event_type: subType ?? '',
    actor1: actors[0] ?? '',
    assoc_actor_1: associated.join(JOIN),
    inter1: '',
    actor2: targets[0] ?? '',
    assoc_actor_2: targets.slice(1).join(JOIN),
    inter2: '',
    interaction: '',
    civilian_targeting: '',
    iso: '',
    region: '',
    country: '',
    admin1: '',
    admin2: '',
    admin3: '',
    location: mostGiven(reports.map((r) => r.location)) ?? '',
    latitude: '',
    longitude: '',
    geo_precision: '',
    source: distinct(reports.map((r) => r.source)).join(JOIN),
    source_scale: '',
    notes: [group.incident?.note || (reports[0]?.quote ?? ''), ...figureNotes(disagreements)].filter((n) => n !== '').join(' '),
    fatalities: fatalities(reports, disagreements),
    tags: '',
    timestamp: timestamp(group),
  };
}
