import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/ipc/events';
import { bundleWriter } from '../export/test-support/bundles';
import { listAnnotations } from '../store/annotations';
import { openStore, type Db } from '../store/db';
import { getIncident } from '../store/incidents';
import { eventRoles, replaceEventRoles } from '../store/roles';
import { loadAttackReports, type LoadedReport } from '../testing/attack-reports';
import { ok } from '../testing/backend';
import { quietPlatform } from '../testing/platform';
import { useTmpDir } from '../testing/tmp';
import { startBackend } from './app';
import { BundleError, importBundle } from './bundle';
import { assignIncident, ensureIncident } from '../store/incidents';

const tmp = useTmpDir();

/** Machine A: the three reports of one attack, with roles and claimants, grouped as one titled incident. */
async function machineA(): Promise<{ dir: string; a: Db; loaded: LoadedReport[]; incident: Incident }> {
  const dir = tmp();
  const file = join(dir, 'a.db');
  const b = await startBackend(file, quietPlatform('alice'));
  try {
    const loaded = await loadAttackReports(b);
    const { incident } = await ok<{ incident: Incident }>(b, 'incidents/group', { eventIds: loaded.map((l) => l.ids.event) });
    return { dir, a: openStore(file), loaded, incident };
  } finally {
    b.close();
  }
}

/** Roles as `event quote -role-> span quote`, and incidents as their events' quotes: what a merge must bring. */
function linksOf(db: Db): { roles: string[]; incidents: string[][] } {
  const articles = db.prepare('SELECT id FROM articles').pluck().all() as string[];
  const quote = new Map(articles.flatMap((id) => listAnnotations(db, id).map((a) => [a.id, `${a.label} "${a.quote}"`] as const)));
  const roles = (db.prepare('SELECT event_id, role, span_id FROM event_roles').all() as { event_id: string; role: string; span_id: string }[]).map((r) => `${quote.get(r.event_id)} -${r.role}-> ${quote.get(r.span_id)}`);
  const groups = db.prepare('SELECT incident_id, event_id FROM incident_events').all() as { incident_id: string; event_id: string }[];
  const byIncident = new Map<string, string[]>();
  for (const g of groups) byIncident.set(g.incident_id, [...(byIncident.get(g.incident_id) ?? []), quote.get(g.event_id) ?? '?'].sort());
  return { roles: roles.sort(), incidents: [...byIncident.values()] };
}

const counts = (db: Db) => ['articles', 'annotations', 'event_roles', 'incidents', 'incident_events'].map((t) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get());

describe('roles and incidents in bundles', () => {
  it('carries every role and incident to another library, and the same bundle again changes nothing', async () => {
    const { dir, a, incident } = await machineA();
    const bundle = bundleWriter(dir);
    const file = await bundle(a);
    const b = openStore(join(dir, 'b.db'));
    const report = await importBundle(b, file);
    expect(report.events).toEqual({ rolesAdded: 12, rolesLeftOut: 0, eventsJoined: 3, incidentConflicts: [] });
    expect(linksOf(b)).toEqual(linksOf(a));
    expect(getIncident(b, incident.id)).toEqual(getIncident(a, incident.id));
    const before = counts(b);
    expect((await importBundle(b, file)).events).toEqual({ rolesAdded: 0, rolesLeftOut: 0, eventsJoined: 0, incidentConflicts: [] });
    expect(counts(b)).toEqual(before);
    // And back: B's bundle into A is already there.
    expect((await importBundle(a, await bundle(b))).events).toEqual({ rolesAdded: 0, rolesLeftOut: 0, eventsJoined: 0, incidentConflicts: [] });
    a.close();
    b.close();
  });

  it('merges roles added on both machines, and keeps an event in the incident it has here when the bundle has it in another', async () => {
    const { dir, a, loaded } = await machineA();
    const bundle = bundleWriter(dir);
    const b = openStore(join(dir, 'b.db'));
    await importBundle(b, await bundle(a));
    const [first, second] = loaded as [LoadedReport, LoadedReport];
    // A adds the air force as an associated actor of the first report; B the claim's actor as the target of the second.
    replaceEventRoles(a, first.ids.event as string, first.articleId, [...eventRoles(a, first.ids.event as string), { role: 'with', spanId: first.ids.airforce as string }]);
    replaceEventRoles(b, second.ids.event as string, second.articleId, [...eventRoles(b, second.ids.event as string), { role: 'target', spanId: second.ids.governor as string }]);
    // B moves the second report to an incident of its own.
    const own = ensureIncident(b, 'b-own', { title: 'a separate attack' });
    assignIncident(b, second.ids.event as string, second.articleId, own);

    const report = await importBundle(b, await bundle(a));
    expect(report.events).toEqual({
      rolesAdded: 1,
      rolesLeftOut: 0,
      eventsJoined: 0,
      incidentConflicts: [{ articleId: second.articleId, eventId: second.ids.event, here: 'b-own', there: expect.any(String) }],
    });
    const roles = linksOf(b).roles;
    expect(roles).toContain('event "launched 112 drones at Ukraine overnight" -with-> actor "the air force"');
    expect(roles).toContain('event "attacked Ukraine with more than a hundred drones" -target-> actor "the regional governor"');
    expect(b.prepare('SELECT incident_id FROM incident_events WHERE event_id = ?').pluck().get(second.ids.event)).toBe('b-own');
    expect(report.conflicts).toEqual([]);
    a.close();
    b.close();
  });

  it("leaves out the membership of an event retagged since, as its roles, so the library's own bundle re-imports", async () => {
    const dir = tmp();
    const file = join(dir, 'a.db');
    const b = await startBackend(file, quietPlatform('alice'));
    const loaded = await loadAttackReports(b);
    const { incident } = await ok<{ incident: Incident }>(b, 'incidents/group', { eventIds: loaded.map((l) => l.ids.event) });
    const retagged = loaded[0]?.ids.event as string;
    await ok(b, 'annotations/update', { id: retagged, label: 'actor', attrs: {} });
    b.close();
    const a = openStore(file);
    const fresh = openStore(join(dir, 'fresh.db'));
    await importBundle(fresh, await bundleWriter(dir)(a));
    expect(getIncident(fresh, incident.id)?.events.sort()).toEqual(loaded.slice(1).map((l) => l.ids.event).sort());
    a.close();
    fresh.close();
  });

  it('refuses whole a bundle whose role points to an annotation of another article, writing nothing', async () => {
    const { dir, a, loaded } = await machineA();
    const file = await bundleWriter(dir)(a);
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    const [first, second] = loaded as [LoadedReport, LoadedReport];
    const at = lines.findIndex((l) => l.includes(`"id":"${first.articleId}"`));
    const line = JSON.parse(lines[at] as string) as { roles: { event_id: string; role: string; span_id: string; position: number }[] };
    line.roles.push({ event_id: first.ids.event as string, role: 'actor', span_id: second.ids.russia as string, position: 9 });
    lines[at] = JSON.stringify(line);
    const bad = join(dir, 'bad.spanwise');
    writeFileSync(bad, gzipSync(lines.join('\n')));
    const b = openStore(join(dir, 'b.db'));
    const before = counts(b);
    const refused = importBundle(b, bad);
    await expect(refused).rejects.toBeInstanceOf(BundleError);
    await expect(refused).rejects.toThrow(`line ${at + 1}: role actor of event ${first.ids.event}: no annotation ${second.ids.russia} in this article`);
    expect(counts(b)).toEqual(before);
    a.close();
    b.close();
  });

  it('refuses a role whose annotation has another label than the role takes', async () => {
    const { dir, a, loaded } = await machineA();
    const file = await bundleWriter(dir)(a);
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    const [first] = loaded as [LoadedReport];
    const at = lines.findIndex((l) => l.includes(`"id":"${first.articleId}"`));
    const line = JSON.parse(lines[at] as string) as { roles: { event_id: string; role: string; span_id: string; position: number }[] };
    line.roles.push({ event_id: first.ids.event as string, role: 'figure', span_id: first.ids.russia as string, position: 9 });
    lines[at] = JSON.stringify(line);
    const bad = join(dir, 'bad.spanwise');
    writeFileSync(bad, gzipSync(lines.join('\n')));
    const b = openStore(join(dir, 'b.db'));
    await expect(importBundle(b, bad)).rejects.toThrow(`annotation ${first.ids.russia} is a actor, not a figure`);
    expect(counts(b)).toEqual([0, 0, 0, 0, 0]);
    a.close();
    b.close();
  });
});
