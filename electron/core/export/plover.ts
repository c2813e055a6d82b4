import type { EventRecord } from '../../../shared/ipc/events';
import type { Disagreement } from '../../../shared/ipc/figures';
import type { IncidentGroup } from '../store/incident-groups';
import { acledRow } from './acled';
import { figureNotes } from './figure-notes';

/** The fields of a PLOVER record, in PLOVER's order (DESIGN.md). */
export const PLOVER_FIELDS = ['id', 'date', 'actor', 'recipient', 'event', 'event_loc', 'event_text', 'text_info', 'cite_info', 'coder', 'coded_date', 'comment'] as const;

const distinct = (values: (string | null)[]) => values.filter((v, i): v is string => v !== null && v !== '' && values.indexOf(v) === i);

/** "Source, Title, date, url" for one report, what a reader needs to find the article again. */
function citation(r: EventRecord): string {
  return distinct([r.source, r.articleTitle, r.publishedAt, r.url]).join(', ');
}

/**
 * One PLOVER record for an incident (or a lone event). `event` is the library's event type as
 * coded (the codebook's, ACLED's by default): the library holds no PLOVER category of its own and
 * none is inferred. The date is the incident's date as precise as a report gives it.
 */
export function ploverRecord(group: IncidentGroup, disagreements: readonly Disagreement[] = []): Record<(typeof PLOVER_FIELDS)[number], unknown> {
  const row = acledRow(group, disagreements);
  const comment = [group.incident?.note ?? '', ...figureNotes(disagreements)].filter((n) => n !== '').join(' ');
  const dates = group.reports.map((r) => r.date).filter((d): d is string => d !== null);
  const date = row.event_date || (dates.find((d) => d.slice(0, 4) === row.year) ?? null);
  const updated = [group.incident?.updatedAt, ...group.reports.map((r) => r.updatedAt)].filter((t): t is string => !!t).sort();
  return {
    id: group.id,
    date,
    actor: row.actor1 || null,
    recipient: row.actor2 || null,
    event: row.event_type || null,
    event_loc: row.location ? { name: row.location } : null,
    event_text: group.reports.map((r) => r.quote),
    text_info: group.reports.map((r) => ({ article_id: r.articleId, title: r.articleTitle, source: r.source, published_at: r.publishedAt, url: r.url })),
    cite_info: group.reports.map(citation),
    coder: distinct(group.reports.map((r) => r.author)).join('; ') || null,
    coded_date: updated.length ? (updated[updated.length - 1] as string).slice(0, 10) : null,
    comment: comment || null,
  };
}
