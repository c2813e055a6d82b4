import type { EventRecord } from '../../shared/ipc/events';
import type { Db } from '../core/store/db';
import { allEvents } from '../core/store/events';
import { EXIT, UsageError, type Output } from './output';

/** The line `spanwise events --json` prints per event (DESIGN.md: names are canonical). */
export function eventLine(r: EventRecord) {
  return {
    type: 'event',
    id: r.id,
    article_id: r.articleId,
    incident_id: r.incidentId,
    date: r.date,
    event_type: r.eventType,
    sub_event_type: r.subEventType,
    actor: r.actor,
    target: r.target,
    with: r.with,
    location: r.location,
    figures: r.figures.map((f) => ({ counts: f.counts, value: f.value, unit: f.unit, qualifier: f.qualifier })),
    quote: r.quote,
  };
}

function eventText(r: EventRecord): string[] {
  const who = r.actor.length ? r.actor.join(', ') : '?';
  const whom = r.target.length ? ` -> ${r.target.join(', ')}` : '';
  const what = [r.eventType, r.subEventType].filter(Boolean).join(' / ');
  return [`${r.date ?? '(no date)'}  ${who}${whom}  ${what}${r.location ? ` at ${r.location}` : ''}${r.incidentId ? `  [incident ${r.incidentId}]` : ''}`, `    "${r.quote.replace(/\s+/g, ' ')}"  (${r.source ?? r.articleTitle})`];
}

/** `spanwise events --db FILE [--json]`: every event of the library as a record, in import order. */
export async function eventsCommand(db: Db, rest: string[], out: Output): Promise<number> {
  if (rest.length > 0) throw new UsageError(`events takes no positional arguments (got "${rest[0]}")`);
  let count = 0;
  for (const page of allEvents(db)) {
    for (const record of page) {
      out.result(eventLine(record), eventText(record));
      count++;
    }
  }
  out.result({ type: 'summary', events: count }, `${count} event(s)`);
  return EXIT.ok;
}
