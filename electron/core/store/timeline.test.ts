import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/ipc/events';
import type { NetworkGraph } from '../../../shared/ipc/network';
import type { TimelineData, TimelineFigure } from '../../../shared/ipc/timeline';
import { binStart, dayOf, isoDay, unitFor } from '../../../shared/timeline';
import { startBackend } from '../services/app';
import { loadAttackReports, type LoadedReport } from '../testing/attack-reports';
import { importText, ok } from '../testing/backend';
import { quietPlatform } from '../testing/platform';
import { useTmpDir } from '../testing/tmp';
import { openStore } from './db';
import { timelineCounts } from './timeline';
import type { Annotation } from '../../../shared/model';

const tmp = useTmpDir();

/**
 * The three reports of one attack (2026-03-14, one incident, Russia -> Ukraine, two deaths each),
 * plus a fourth article with two events of its own: one dated only to the month, with Ukraine
 * acting on Russia, and one with no date.
 */
async function library() {
  const b = await startBackend(join(tmp(), 'library.db'), quietPlatform('analyst'));
  const loaded = await loadAttackReports(b);
  const { incident } = await ok<{ incident: Incident }>(b, 'incidents/group', { eventIds: loaded.map((l) => l.ids.event) });
  const text = 'Ukraine struck Russia in March. Later something happened.';
  const articleId = await importText(b, text);
  await ok(b, 'articles/updateMeta', { id: articleId, meta: { source: 'Other Wire' } });
  const at = (q: string) => ({ start: text.indexOf(q), end: text.indexOf(q) + q.length });
  const [ev, ua, ru] = await ok<Annotation[]>(b, 'annotations/createMany', {
    articleId,
    items: [
      { label: 'event', ...at('struck Russia in March'), attrs: { date: '2026-03', type: 'Battles', subType: 'Armed clash' } },
      { label: 'actor', ...at('Ukraine'), attrs: { canonicalName: 'Ukraine' } },
      { label: 'actor', ...at('Russia'), attrs: { canonicalName: 'Russia' } },
      { label: 'event', ...at('something happened'), attrs: {} },
    ],
  });
  await ok(b, 'roles/set', { eventId: ev?.id, roles: [{ role: 'actor', spanId: ua?.id }, { role: 'target', spanId: ru?.id }] });
  return { b, loaded, incident };
}

describe('timeline counts', () => {
  it('counts events by day and type, incidents once at their earliest report, figures per day, and the undated apart', async () => {
    const { b } = await library();
    const data = await ok<TimelineData>(b, 'timeline/counts', {});
    expect(data.unit).toBe('day');
    expect(data.counts).toEqual([
      // 2026-03 is placed on its first day, and counted as imprecise.
      { date: '2026-03-01', type: 'Battles', events: 1, imprecise: 1 },
      { date: '2026-03-14', type: 'Explosions/Remote violence', events: 3, imprecise: 0 },
    ]);
    expect(data.incidents).toEqual([
      { date: '2026-03-01', incidents: 1 },
      { date: '2026-03-14', incidents: 1 },
    ]);
    // Each report's death toll is a figure role of its event.
    const figures = await ok<TimelineFigure[]>(b, 'timeline/figures', { filter: {}, unit: data.unit });
    expect(figures.map((f) => [f.date, f.min, f.max, f.reports])).toEqual([
      ['2026-03-14', 2, 2, 1],
      ['2026-03-14', 2, 2, 1],
      ['2026-03-14', 2, 2, 1],
    ]);
    expect(data.undated).toBe(1);
    expect(data.types).toEqual(['Battles', 'Explosions/Remote violence']);
    expect(data.sources).toEqual(['Daily Ledger', 'Harbour Wire', 'Other Wire', 'Вісті Острівки']);
    b.close();
  });

  it('filters by type, actor and source as the Events table does', async () => {
    const { b } = await library();
    const total = (d: TimelineData) => d.counts.reduce((n, c) => n + c.events, 0);
    expect(total(await ok<TimelineData>(b, 'timeline/counts', { type: 'Battles' }))).toBe(1);
    expect(total(await ok<TimelineData>(b, 'timeline/counts', { actor: 'russ' }))).toBe(3);
    expect(total(await ok<TimelineData>(b, 'timeline/counts', { actor: 'UKRAINE' }))).toBe(1);
    const ledger = await ok<TimelineData>(b, 'timeline/counts', { source: 'Daily Ledger' });
    expect([total(ledger), ledger.incidents]).toEqual([1, [{ date: '2026-03-14', incidents: 1 }]]);
    // Figures filter as the counts do, and are binned by the unit asked for.
    expect(await ok<TimelineFigure[]>(b, 'timeline/figures', { filter: { type: 'Battles' }, unit: 'day' })).toEqual([]);
    const monthly = await ok<TimelineFigure[]>(b, 'timeline/figures', { filter: { source: 'Daily Ledger' }, unit: 'month' });
    expect(monthly.map((f) => [f.date, f.reports])).toEqual([['2026-03-01', 1]]);
    b.close();
  });
});

describe('timeline counts kept between calls', () => {
  it('answers again from what it kept while the library is unchanged, and counts again after a write here or on another connection', async () => {
    const { b, loaded } = await library();
    const file = b.db.name;
    const total = (d: TimelineData) => d.counts.reduce((n, c) => n + c.events, 0);
    const first = timelineCounts(b.db, { type: 'Battles' });
    expect(timelineCounts(b.db, { type: 'Battles' })).toBe(first);
    expect(total(timelineCounts(b.db, {}))).toBe(4);

    // An event retyped through the contract: both filters see it.
    const event = loaded[0]?.ids.event as string;
    const attrs = JSON.parse(b.db.prepare('SELECT attrs FROM annotations WHERE id = ?').pluck().get(event) as string) as Record<string, unknown>;
    await ok(b, 'annotations/update', { id: event, attrs: { ...attrs, type: 'Battles', subType: 'Armed clash' } });
    expect(total(timelineCounts(b.db, { type: 'Battles' }))).toBe(2);

    // Another process (the command, another window) deletes an event: data_version tells.
    const other = openStore(file);
    other.prepare('DELETE FROM annotations WHERE id = ?').run(loaded[1]?.ids.event);
    other.close();
    expect(total(timelineCounts(b.db, {}))).toBe(3);
    b.close();
  });
});

describe('timeline bins', () => {
  it('bins days into ISO weeks (their Monday) and months (their first day), and picks the finest unit that fits', () => {
    expect(isoDay(binStart(dayOf('2026-03-14'), 'week'))).toBe('2026-03-09');
    expect(isoDay(binStart(dayOf('2026-03-09'), 'week'))).toBe('2026-03-09');
    expect(isoDay(binStart(dayOf('2026-03-14'), 'month'))).toBe('2026-03-01');
    expect([unitFor(2000, 2000), unitFor(2001, 2000), unitFor(14_000, 2000), unitFor(14_001, 2000)]).toEqual(['day', 'week', 'week', 'month']);
  });
});

describe('actor network', () => {
  it('joins actors to targets weighted by incidents, under their canonical names', async () => {
    const { b } = await library();
    const graph = await ok<NetworkGraph>(b, 'network/graph', {});
    const name = new Map(graph.nodes.map((n) => [n.id, n.name]));
    expect(graph.edges.map((e) => [name.get(e.source), name.get(e.target), e.incidents, e.events])).toEqual([
      // The three reports are one incident.
      ['Russia', 'Ukraine', 1, 3],
      ['Ukraine', 'Russia', 1, 1],
    ]);
    expect(graph.nodes.map((n) => [n.name, n.incidents])).toEqual([
      ['Russia', 2],
      ['Ukraine', 2],
    ]);
    expect(graph.omitted).toBe(0);
    const limited = await ok<NetworkGraph>(b, 'network/graph', { limit: 1 });
    expect([limited.edges.length, limited.omitted]).toEqual([1, 1]);
    expect((await ok<NetworkGraph>(b, 'network/graph', { type: 'Battles' })).edges).toHaveLength(1);
    b.close();
  });

  it('makes a registry entity one node whatever its spans are called', async () => {
    const { b, loaded } = await library();
    const [harbour, ledger] = loaded as [LoadedReport, LoadedReport];
    const { id } = await ok<{ id: string }>(b, 'entities/create', { kind: 'actor', name: 'Russian Federation' });
    for (const r of [harbour, ledger]) await ok(b, 'annotations/link', { annotationId: r.ids.russia, entityId: id });
    const graph = await ok<NetworkGraph>(b, 'network/graph', {});
    const name = new Map(graph.nodes.map((n) => [n.id, n.name]));
    expect(graph.edges.map((e) => [name.get(e.source), name.get(e.target), e.incidents, e.events])).toEqual([
      ['Russian Federation', 'Ukraine', 1, 2],
      ['Russia', 'Ukraine', 1, 1],
      ['Ukraine', 'Russia', 1, 1],
    ]);
    expect(graph.nodes.find((n) => n.name === 'Russian Federation')?.entityId).toBe(id);
    b.close();
  });
});
