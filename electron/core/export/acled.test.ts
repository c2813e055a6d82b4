import { describe, expect, it } from 'vitest';
import type { EventRecord } from '../../../shared/ipc/events';
import type { IncidentGroup } from '../store/incident-groups';
import { ACLED_COLUMNS, acledRow } from './acled';
import { PLOVER_FIELDS, ploverRecord } from './plover';

function report(over: Partial<EventRecord>): EventRecord {
  return {
    id: 'e1',
    articleId: 'a1',
    articleTitle: 'Drones over Ostrivka',
    source: 'Harbour Wire',
    publishedAt: '2026-03-14',
    incidentId: 'inc-1',
    date: '2026-03-14',
    datePrecision: 'day',
    eventType: 'Explosions/Remote violence',
    subEventType: 'Air/drone strike',
    actor: ['Russia'],
    target: ['Ukraine'],
    with: [],
    location: 'Ostrivka',
    figures: [],
    quote: 'launched 112 drones at Ukraine overnight',
    author: 'alice',
    updatedAt: '2026-03-14T08:00:00.000Z',
    url: null,
    ...over,
  };
}

const incident = (reports: EventRecord[], note = ''): IncidentGroup => ({ id: 'inc-1', incident: { title: '', note, updatedAt: '2026-03-14T09:00:00.000Z' }, reports });

describe('ACLED mapping', () => {
  it('writes ACLED\'s 31 columns in ACLED\'s order', () => {
    expect(ACLED_COLUMNS).toEqual([
      'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type', 'actor1', 'assoc_actor_1', 'inter1',
      'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting', 'iso', 'region', 'country', 'admin1', 'admin2', 'admin3', 'location',
      'latitude', 'longitude', 'geo_precision', 'source', 'source_scale', 'notes', 'fatalities', 'tags', 'timestamp',
    ]);
    expect(Object.keys(acledRow(incident([report({})])))).toEqual([...ACLED_COLUMNS]);
  });

  it('fills every column the library knows from the incident\'s reports, and leaves the rest empty', () => {
    const row = acledRow(
      incident([
        report({ figures: [{ counts: 'killed', value: 3, unit: 'people', qualifier: 'exact' }], with: ['Belarus'] }),
        report({ id: 'e2', source: 'Daily Ledger', actor: ['Russia', 'Shahed unit'], target: ['Ukraine', 'Ostrivka power plant'], figures: [{ counts: 'killed', value: 2, unit: 'civilians', qualifier: 'exact' }], updatedAt: '2026-03-15T10:00:00.000Z' }),
        report({ id: 'e3', source: 'Вісті Острівки', location: 'Острівська область', date: '2026-03', datePrecision: 'month', figures: [{ counts: 'injured', value: 9, unit: 'people', qualifier: 'exact' }] }),
      ]),
    );
    expect(row).toEqual({
      event_id_cnty: 'inc-1',
      event_date: '2026-03-14',
      year: '2026',
      time_precision: '1',
      disorder_type: 'Political violence',
      event_type: 'Explosions/Remote violence',
      sub_event_type: 'Air/drone strike',
      actor1: 'Russia',
      assoc_actor_1: 'Shahed unit; Belarus',
      inter1: '',
      actor2: 'Ukraine',
      assoc_actor_2: 'Ostrivka power plant',
      inter2: '',
      interaction: '',
      civilian_targeting: '',
      iso: '',
      region: '',
      country: '',
      admin1: '',
      admin2: '',
      admin3: '',
      location: 'Ostrivka',
      latitude: '',
      longitude: '',
      geo_precision: '',
      source: 'Harbour Wire; Daily Ledger; Вісті Острівки',
      source_scale: '',
      notes: 'launched 112 drones at Ukraine overnight',
      // Reports say 3 and 2 killed: ACLED codes the most conservative; injuries are not fatalities.
      fatalities: '2',
      tags: '',
      timestamp: String(Date.parse('2026-03-15T10:00:00.000Z') / 1000),
    });
  });

  it('codes a week or a month with its precision and no made-up day; a year alone has no ACLED code', () => {
    const week = acledRow(incident([report({ date: '2026-W11', datePrecision: 'week' })]));
    expect([week.event_date, week.year, week.time_precision]).toEqual(['', '2026', '2']);
    const month = acledRow(incident([report({ date: '2026-03', datePrecision: 'month' }), report({ date: '2026', datePrecision: 'year' })]));
    expect([month.event_date, month.year, month.time_precision]).toEqual(['', '2026', '3']);
    const year = acledRow(incident([report({ date: '2025', datePrecision: 'year' })]));
    expect([year.event_date, year.year, year.time_precision]).toEqual(['', '2025', '']);
    const none = acledRow(incident([report({ date: null, datePrecision: null })]));
    expect([none.event_date, none.year, none.time_precision]).toEqual(['', '', '']);
    // The earliest of the most precise dates.
    expect(acledRow(incident([report({ date: '2026-03-15' }), report({ date: '2026-03-14' })])).event_date).toBe('2026-03-14');
  });

  it('takes the type most reports give, leaves the disorder type empty for the analyst\'s own types, and the toll empty when none is reported', () => {
    const row = acledRow(
      incident([report({ eventType: 'Cyber attack', subEventType: 'Defacement' }), report({ eventType: 'Cyber attack', subEventType: 'Defacement' }), report({})]),
      // nothing about deaths
    );
    expect([row.event_type, row.sub_event_type, row.disorder_type, row.fatalities]).toEqual(['Cyber attack', 'Defacement', '', '']);
    expect(acledRow(incident([report({ eventType: null, subEventType: null })])).event_type).toBe('');
  });

  it('uses the incident\'s note when it has one, and a lone event\'s own id', () => {
    expect(acledRow(incident([report({})], 'Three outlets, one attack')).notes).toBe('Three outlets, one attack');
    const lone = acledRow({ id: 'e9', incident: null, reports: [report({ id: 'e9', incidentId: null, actor: [], target: [], location: null, source: null })] });
    expect([lone.event_id_cnty, lone.actor1, lone.actor2, lone.location, lone.source]).toEqual(['e9', '', '', '', '']);
    expect(lone.timestamp).toBe(String(Date.parse('2026-03-14T08:00:00.000Z') / 1000));
  });
});

describe('PLOVER mapping', () => {
  it('writes PLOVER\'s fields for an incident, naming its actor and recipient', () => {
    const record = ploverRecord(
      incident(
        [report({ url: 'https://harbour.example/drones' }), report({ id: 'e2', articleId: 'a2', source: 'Daily Ledger', articleTitle: 'Night attack kills two', quote: 'attacked Ukraine with more than a hundred drones', author: 'bob', updatedAt: '2026-03-16T07:00:00.000Z' })],
        'Confirmed by two outlets',
      ),
    );
    expect(Object.keys(record)).toEqual([...PLOVER_FIELDS]);
    expect(record).toEqual({
      id: 'inc-1',
      date: '2026-03-14',
      actor: 'Russia',
      recipient: 'Ukraine',
      event: 'Explosions/Remote violence',
      event_loc: { name: 'Ostrivka' },
      event_text: ['launched 112 drones at Ukraine overnight', 'attacked Ukraine with more than a hundred drones'],
      text_info: [
        { article_id: 'a1', title: 'Drones over Ostrivka', source: 'Harbour Wire', published_at: '2026-03-14', url: 'https://harbour.example/drones' },
        { article_id: 'a2', title: 'Night attack kills two', source: 'Daily Ledger', published_at: '2026-03-14', url: null },
      ],
      cite_info: ['Harbour Wire, Drones over Ostrivka, 2026-03-14, https://harbour.example/drones', 'Daily Ledger, Night attack kills two, 2026-03-14'],
      coder: 'alice; bob',
      coded_date: '2026-03-16',
      comment: 'Confirmed by two outlets',
    });
  });

  it('keeps a partial date as precise as it is, and nulls for what is unknown', () => {
    const record = ploverRecord({ id: 'e9', incident: null, reports: [report({ id: 'e9', date: '2026-03', datePrecision: 'month', actor: [], target: [], location: null, eventType: null, subEventType: null })] });
    expect(record).toMatchObject({ id: 'e9', date: '2026-03', actor: null, recipient: null, event: null, event_loc: null, comment: null });
  });
});
