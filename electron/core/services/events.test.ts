import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventRecord, Incident, IncidentCandidate, RoleLink } from '../../../shared/ipc/events';
import type { Annotation } from '../../../shared/model';
import { ATTACK_REPORTS, loadAttackReports } from '../testing/attack-reports';
import { importText, ok } from '../testing/backend';
import { quietPlatform } from '../testing/platform';
import { useTmpDir } from '../testing/tmp';
import { startBackend, type Backend } from './app';
import { roleProblem } from './events';

const tmp = useTmpDir();
let backend: Backend | null = null;
afterEach(() => {
  backend?.close();
  backend = null;
});

async function open(): Promise<Backend> {
  backend = await startBackend(join(tmp(), 'library.db'), quietPlatform('tester'));
  return backend;
}

const roles = (b: Backend, articleId: string) => ok<RoleLink[]>(b, 'roles/list', { articleId });

describe('roles on events and claims', () => {
  it('lists an event\'s roles and a claim\'s claimant, each pointing into the same article', async () => {
    const b = await open();
    const [harbour] = await loadAttackReports(b);
    const { ids, articleId } = harbour!;
    expect(await roles(b, articleId)).toEqual(
      expect.arrayContaining([
        { ownerId: ids.event, role: 'actor', spanId: ids.russia },
        { ownerId: ids.event, role: 'target', spanId: ids.ukraine },
        { ownerId: ids.event, role: 'figure', spanId: ids.killed },
        { ownerId: ids.event, role: 'source', spanId: ids.claim },
        { ownerId: ids.claim, role: 'claimant', spanId: ids.airforce },
      ]),
    );
    expect(await roles(b, articleId)).toHaveLength(5);
  });

  it('refuses a role to another article, to the event itself, or to a span of the wrong label, and keeps the roles it had', async () => {
    const b = await open();
    const [harbour, ledger] = await loadAttackReports(b);
    const before = await roles(b, harbour!.articleId);
    const other = await b.dispatch('roles/set', { eventId: harbour!.ids.event, roles: [{ role: 'actor', spanId: ledger!.ids.russia }] });
    expect(other).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('another article') } });
    const self = await b.dispatch('roles/set', { eventId: harbour!.ids.event, roles: [{ role: 'source', spanId: harbour!.ids.event }] });
    expect(self).toMatchObject({ ok: false, error: { message: expect.stringContaining('role cycle') } });
    const label = await b.dispatch('roles/set', { eventId: harbour!.ids.event, roles: [{ role: 'figure', spanId: harbour!.ids.russia }] });
    expect(label).toMatchObject({ ok: false, error: { message: expect.stringContaining('is a actor, not a figure') } });
    const notEvent = await b.dispatch('roles/set', { eventId: harbour!.ids.claim, roles: [] });
    expect(notEvent).toMatchObject({ ok: false, error: { message: expect.stringContaining('only events have roles') } });
    expect(await roles(b, harbour!.articleId)).toEqual(before);
  });

  it('finds a cycle through any chain of links, claimants included', () => {
    const links: Record<string, string[]> = { e1: ['c1'], c1: ['e2'], e2: ['e1'] };
    const spans: Record<string, { articleId: string; label: Annotation['label'] }> = {
      c1: { articleId: 'a', label: 'claim' },
      e2: { articleId: 'a', label: 'event' },
    };
    const problem = roleProblem({ id: 'e1', articleId: 'a' }, [{ role: 'source', spanId: 'c1' }], (id) => spans[id] ?? null, (id) => links[id] ?? []);
    expect(problem).toContain('role cycle');
    expect(roleProblem({ id: 'e1', articleId: 'a' }, [{ role: 'source', spanId: 'c1' }], (id) => spans[id] ?? null, () => [])).toBeNull();
  });

  it('a role to a deleted span goes with it and comes back with the undo; so do the roles of a deleted event', async () => {
    const b = await open();
    const [harbour] = await loadAttackReports(b);
    const { ids, articleId } = harbour!;
    const [russia] = await ok<Annotation[]>(b, 'annotations/delete', { ids: [ids.russia] });
    expect((await roles(b, articleId)).some((r) => r.spanId === ids.russia)).toBe(false);
    await ok(b, 'annotations/restore', { annotations: [russia] });
    expect(await roles(b, articleId)).toContainEqual({ ownerId: ids.event, role: 'actor', spanId: ids.russia });

    const [event] = await ok<Annotation[]>(b, 'annotations/delete', { ids: [ids.event] });
    expect((await roles(b, articleId)).filter((r) => r.ownerId === ids.event)).toEqual([]);
    await ok(b, 'annotations/restore', { annotations: [event] });
    expect((await roles(b, articleId)).filter((r) => r.ownerId === ids.event)).toHaveLength(4);
  });

  it('a role to a deleted span outlives an edit of the event\'s roles made meanwhile, and comes back with the span', async () => {
    const b = await open();
    const [harbour] = await loadAttackReports(b);
    const { ids, articleId } = harbour!;
    const [ukraine] = await ok<Annotation[]>(b, 'annotations/delete', { ids: [ids.ukraine] });
    // The reader sends the roles it shows: the deleted target is not among them.
    const shown = (await roles(b, articleId)).filter((r) => r.ownerId === ids.event && r.role !== 'figure');
    const edited = await ok<RoleLink[]>(b, 'roles/set', { eventId: ids.event, roles: shown.map((r) => ({ role: r.role as 'actor', spanId: r.spanId })) });
    expect(edited.some((r) => r.spanId === ids.ukraine || r.spanId === ids.killed)).toBe(false);
    // Undo of the edit, then of the delete.
    await ok(b, 'roles/set', { eventId: ids.event, roles: [...shown.map((r) => ({ role: r.role as 'actor', spanId: r.spanId })), { role: 'figure', spanId: ids.killed }] });
    await ok(b, 'annotations/restore', { annotations: [ukraine] });
    expect(await roles(b, articleId)).toContainEqual({ ownerId: ids.event, role: 'target', spanId: ids.ukraine });
    expect(await roles(b, articleId)).toHaveLength(5);
    // A later edit that leaves the target out, now that it is back, does remove it.
    await ok(b, 'roles/set', { eventId: ids.event, roles: [{ role: 'actor', spanId: ids.russia }] });
    expect((await roles(b, articleId)).filter((r) => r.ownerId === ids.event)).toEqual([{ ownerId: ids.event, role: 'actor', spanId: ids.russia }]);
  });

  it('an article deleted and restored keeps its roles and its place in an incident', async () => {
    const b = await open();
    const [harbour, ledger] = await loadAttackReports(b);
    const { incident } = await ok<{ incident: Incident }>(b, 'incidents/group', { eventIds: [harbour!.ids.event, ledger!.ids.event] });
    const { token } = await ok<{ token: string }>(b, 'articles/delete', { ids: [harbour!.articleId] });
    expect((await ok<{ incident: Incident }>(b, 'incidents/get', { id: incident.id })).incident.events).toEqual([ledger!.ids.event]);
    await ok(b, 'articles/restore', { token });
    expect(await roles(b, harbour!.articleId)).toHaveLength(5);
    expect((await ok<{ incident: Incident }>(b, 'incidents/get', { id: incident.id })).incident.events.sort()).toEqual([harbour!.ids.event, ledger!.ids.event].sort());
  });

  it('roles stay on their spans when the text is corrected around them', async () => {
    const b = await open();
    const [harbour] = await loadAttackReports(b);
    const text = harbour!.report.text.replace('Drones over Ostrivka', 'Drones over the Ostrivka region');
    const { annotations } = await ok<{ annotations: Annotation[] }>(b, 'articles/correctText', { id: harbour!.articleId, text });
    expect(annotations.find((a) => a.id === harbour!.ids.russia)?.quote).toBe('Russia');
    expect(await roles(b, harbour!.articleId)).toHaveLength(5);
  });
});

describe('the codebook', () => {
  it('takes ACLED\'s types, refuses unknown ones with the reason, and takes the analyst\'s own once added', async () => {
    const b = await open();
    const id = await importText(b, 'Hackers took the ministry site offline on Monday.');
    const start = 0;
    const end = 'Hackers took the ministry site offline'.length;
    const acled = await b.dispatch('annotations/create', { articleId: id, label: 'event', start, end, attrs: { type: 'Battles', subType: 'Armed clash' } });
    expect(acled).toMatchObject({ ok: true });
    const unknown = await b.dispatch('annotations/create', { articleId: id, label: 'event', start, end, attrs: { type: 'Cyber attack' } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('unknown event type "Cyber attack"') } });
    const wrongSub = await b.dispatch('annotations/create', { articleId: id, label: 'event', start, end, attrs: { type: 'Battles', subType: 'Grenade' } });
    expect(wrongSub).toMatchObject({ ok: false, error: { message: expect.stringContaining('unknown sub-type "Grenade"') } });
    const book = await ok<{ types: { type: string; subTypes: string[]; custom: boolean }[] }>(b, 'codebook/add', { type: 'Cyber attack', subType: 'Defacement' });
    expect(book.types.find((t) => t.type === 'Cyber attack')).toEqual({ type: 'Cyber attack', subTypes: ['Defacement'], custom: true });
    expect(book.types.find((t) => t.type === 'Explosions/Remote violence')?.subTypes).toContain('Air/drone strike');
    const custom = await b.dispatch('annotations/create', { articleId: id, label: 'event', start, end: end + ' on Monday'.length, attrs: { type: 'Cyber attack', subType: 'Defacement', date: '2026-W11' } });
    expect(custom).toMatchObject({ ok: true });
    const [record] = (await ok<{ items: EventRecord[] }>(b, 'events/list', { type: 'Cyber attack' })).items;
    expect(record).toMatchObject({ eventType: 'Cyber attack', subEventType: 'Defacement', date: '2026-W11', datePrecision: 'week' });
  });
});

describe('incidents', () => {
  it('proposes the other two reports of the attack, and confirming groups all three', async () => {
    const b = await open();
    const [harbour, ledger, visti] = await loadAttackReports(b);
    const candidates = await ok<IncidentCandidate[]>(b, 'events/candidates', { eventId: harbour!.ids.event });
    expect(candidates.map((c) => c.event.id).sort()).toEqual([ledger!.ids.event, visti!.ids.event].sort());
    expect(candidates.find((c) => c.event.id === ledger!.ids.event)?.reasons).toEqual(['date', 'place', 'actors', 'type']);
    expect(candidates.find((c) => c.event.id === visti!.ids.event)?.reasons).toEqual(['date', 'actors', 'type']);

    const first = await ok<{ incident: Incident; previous: unknown[] }>(b, 'incidents/group', { eventIds: [harbour!.ids.event, ledger!.ids.event] });
    expect(first.previous).toEqual([
      { eventId: harbour!.ids.event, incidentId: null },
      { eventId: ledger!.ids.event, incidentId: null },
    ]);
    // The third joins the incident the first two already form.
    const second = await ok<{ incident: Incident }>(b, 'incidents/group', { eventIds: [visti!.ids.event, harbour!.ids.event] });
    expect(second.incident.id).toBe(first.incident.id);
    expect(second.incident.events).toHaveLength(3);
    expect(await ok<IncidentCandidate[]>(b, 'events/candidates', { eventId: harbour!.ids.event })).toEqual([]);

    const page = await ok<{ items: EventRecord[] }>(b, 'events/list', {});
    expect(page.items.map((r) => r.incidentId)).toEqual([first.incident.id, first.incident.id, first.incident.id]);
    const { reports } = await ok<{ reports: { record: EventRecord }[] }>(b, 'incidents/get', { id: first.incident.id });
    expect(reports.map((r) => r.record.source).sort()).toEqual(['Daily Ledger', 'Harbour Wire', 'Вісті Острівки']);

    const { previous } = await ok<{ previous: unknown[] }>(b, 'incidents/ungroup', { eventIds: [visti!.ids.event] });
    expect(previous).toEqual([{ eventId: visti!.ids.event, incidentId: first.incident.id }]);
    expect((await ok<{ incident: Incident }>(b, 'incidents/get', { id: first.incident.id })).incident.events).toHaveLength(2);
  });

  it('does not propose reports days apart or sharing a single signal', async () => {
    const b = await open();
    const [harbour, ledger] = await loadAttackReports(b);
    await ok(b, 'annotations/update', { id: ledger!.ids.event, attrs: { date: '2026-03-25', type: 'Explosions/Remote violence', location: 'Ostrivka' } });
    const ids = (await ok<IncidentCandidate[]>(b, 'events/candidates', { eventId: harbour!.ids.event })).map((c) => c.event.id);
    expect(ids).not.toContain(ledger!.ids.event);
    expect(ids).toHaveLength(1);
  });
});

describe('canonical names', () => {
  it('takes a linked registry entity\'s name over the span\'s own canonical name, for actors and for places', async () => {
    const b = await open();
    const [, , visti] = await loadAttackReports(b);
    const russia = await ok<{ id: string }>(b, 'entities/create', { kind: 'actor', name: 'Russian Federation', actorKind: 'state', aliases: ['Росія'] });
    const place = await ok<{ id: string }>(b, 'entities/create', { kind: 'place', name: 'Ostrivka Oblast' });
    const actor = (await ok<{ annotations: Annotation[] }>(b, 'articles/get', { id: visti!.articleId })).annotations.find((a) => a.id === visti!.ids.russia)!;
    await ok(b, 'annotations/update', { id: actor.id, attrs: { ...actor.attrs, entityId: russia.id } });
    const event = (await ok<{ annotations: Annotation[] }>(b, 'articles/get', { id: visti!.articleId })).annotations.find((a) => a.id === visti!.ids.event)!;
    await ok(b, 'annotations/update', { id: event.id, attrs: { ...event.attrs, locationEntityId: place.id } });
    const [record] = (await ok<{ items: EventRecord[] }>(b, 'events/list', { source: 'Вісті Острівки' })).items;
    expect(record).toMatchObject({ actor: ['Russian Federation'], target: ['Ukraine'], location: 'Ostrivka Oblast' });
    expect((await ok<{ total: number }>(b, 'events/list', { actor: 'federation' })).total).toBe(1);
  });
});

describe('the events table', () => {
  it('sorts, filters by type, actor, date range and source, and pages', async () => {
    const b = await open();
    const loaded = await loadAttackReports(b);
    await ok(b, 'annotations/update', { id: loaded[1]!.ids.event, attrs: { date: '2026-03-12', type: 'Battles', subType: 'Armed clash' } });
    const list = (q: Record<string, unknown>) => ok<{ total: number; items: EventRecord[] }>(b, 'events/list', q);
    expect((await list({ sort: 'date', descending: false })).items.map((r) => r.date)).toEqual(['2026-03-12', '2026-03-14', '2026-03-14']);
    expect((await list({ type: 'Battles' })).items.map((r) => r.source)).toEqual(['Daily Ledger']);
    expect((await list({ actor: 'russ' })).total).toBe(3);
    expect((await list({ actor: 'Ukraine' })).total).toBe(0);
    expect((await list({ dateFrom: '2026-03-13', dateTo: '2026-03-14' })).total).toBe(2);
    expect((await list({ source: 'Вісті Острівки' })).items[0]).toMatchObject({ actor: ['Russia'], target: ['Ukraine'], location: 'Острівська область', datePrecision: 'day' });
    const paged = await list({ sort: 'source', descending: false, limit: 2, offset: 2 });
    expect(paged).toMatchObject({ total: 3, items: [{ source: 'Вісті Острівки' }] });
    expect(ATTACK_REPORTS).toHaveLength(3);
  });
});

describe('an event by id', () => {
  it('reads the records of the events asked for, in that order, leaving out what is not a live event', async () => {
    const b = await open();
    const [harbour, ledger] = await loadAttackReports(b);
    await ok(b, 'incidents/group', { eventIds: [harbour!.ids.event, ledger!.ids.event] });
    const got = await ok<EventRecord[]>(b, 'events/get', { ids: [ledger!.ids.event, harbour!.ids.russia, 'no-such-id', harbour!.ids.event] });
    expect(got.map((r) => r.id)).toEqual([ledger!.ids.event, harbour!.ids.event]);
    expect(got[0]).toMatchObject({ source: 'Daily Ledger', actor: ['Russia'], target: ['Ukraine'], incidentId: got[1]!.incidentId });
    expect(got[0]!.incidentId).not.toBeNull();
    await ok(b, 'annotations/delete', { ids: [harbour!.ids.event] });
    expect((await ok<EventRecord[]>(b, 'events/get', { ids: [harbour!.ids.event] })).length).toBe(0);
  });
});
