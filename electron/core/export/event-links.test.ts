import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/ipc/events';
import { startBackend } from '../services/app';
import { importPaths } from '../services/library-import';
import { listAnnotations } from '../store/annotations';
import { openStore, type Db } from '../store/db';
import { loadAttackReports } from '../testing/attack-reports';
import { ok } from '../testing/backend';
import { quietPlatform } from '../testing/platform';
import { useTmpDir } from '../testing/tmp';
import { exportCorpus } from './index';
import { readCsv, readJsonl } from './test-support/readers';

const tmp = useTmpDir();

/** The three reports of one attack, tagged, with roles and claimants, grouped as one incident. */
async function attackLibrary(): Promise<{ dir: string; file: string; incident: Incident }> {
  const dir = tmp();
  const file = join(dir, 'library.db');
  const b = await startBackend(file, quietPlatform('analyst'));
  try {
    const loaded = await loadAttackReports(b);
    const { incident } = await ok<{ incident: Incident }>(b, 'incidents/group', { eventIds: loaded.map((l) => l.ids.event) });
    return { dir, file, incident };
  } finally {
    b.close();
  }
}

/** Every role of the library as `quote -role-> quote`, and every incident as the quotes of its events: what a round trip must keep. */
function linksOf(db: Db): { roles: string[]; incidents: string[][] } {
  const articles = db.prepare('SELECT id FROM articles').pluck().all() as string[];
  const quote = new Map(articles.flatMap((id) => listAnnotations(db, id).map((a) => [a.id, `${a.label} "${a.quote}"`] as const)));
  const roles = (db.prepare('SELECT event_id, role, span_id FROM event_roles').all() as { event_id: string; role: string; span_id: string }[]).map(
    (r) => `${quote.get(r.event_id)} -${r.role}-> ${quote.get(r.span_id)}`,
  );
  const claimants = articles.flatMap((id) =>
    listAnnotations(db, id).flatMap((a) => (a.label === 'claim' && typeof a.attrs.claimantId === 'string' ? [`${quote.get(a.id)} -claimant-> ${quote.get(a.attrs.claimantId)}`] : [])),
  );
  const groups = db.prepare('SELECT incident_id, event_id FROM incident_events').all() as { incident_id: string; event_id: string }[];
  const byIncident = new Map<string, string[]>();
  for (const g of groups) byIncident.set(g.incident_id, [...(byIncident.get(g.incident_id) ?? []), quote.get(g.event_id) ?? '?'].sort());
  return { roles: [...roles, ...claimants].sort(), incidents: [...byIncident.values()] };
}

interface JsonlSpan {
  id: string;
  label: string;
  text: string;
  roles?: { role: string; span_id: string }[];
  incident_id?: string;
}

describe('roles and incidents in JSONL and CSV', () => {
  it('JSONL carries roles [{role, span_id}] and incident_id, and importing it recreates them (round trip)', async () => {
    const { dir, file, incident } = await attackLibrary();
    const db = openStore(file);
    const before = linksOf(db);
    // Three reports: actor, target, figure and source on each event, and a claimant on each claim.
    expect(before.roles).toHaveLength(15);
    expect(before.incidents).toHaveLength(1);
    const out = join(dir, 'out.jsonl');
    await exportCorpus(db, { format: 'jsonl', out });
    const lines = readJsonl(readFileSync(out, 'utf8'));
    for (const line of lines) {
      const spans = line.spans as JsonlSpan[];
      const ids = new Set(spans.map((s) => s.id));
      const event = spans.find((s) => s.label === 'EVENT');
      expect(event?.incident_id).toBe(incident.id);
      expect(event?.roles?.map((r) => r.role)).toEqual(['actor', 'target', 'figure', 'source']);
      for (const r of spans.flatMap((s) => s.roles ?? [])) expect(ids.has(r.span_id)).toBe(true);
      const claim = spans.find((s) => s.label === 'CLAIM');
      expect(claim?.roles).toEqual([{ role: 'claimant', span_id: expect.any(String) }]);
      expect(spans.filter((s) => s.label === 'ACTOR' || s.label === 'FIGURE').every((s) => s.roles === undefined && s.incident_id === undefined)).toBe(true);
    }

    const other = openStore(join(dir, 'other.db'));
    const report = await importPaths(other, [out], { author: 'tester' });
    expect(report.outcomes.map((o) => [o.status, o.message])).toEqual([['imported', null]]);
    expect(linksOf(other)).toEqual(before);
    const again = join(dir, 'again.jsonl');
    await exportCorpus(other, { format: 'jsonl', out: again });
    const spansOf = (f: string) => readJsonl(readFileSync(f, 'utf8')).map((l) => l.spans);
    expect(spansOf(again)).toEqual(spansOf(out));
    other.close();
    db.close();
  });

  it('a label filter leaves out the roles whose other end it leaves out', async () => {
    const { dir, file } = await attackLibrary();
    const db = openStore(file);
    const out = join(dir, 'events.jsonl');
    await exportCorpus(db, { format: 'jsonl', out, labels: ['event', 'figure'] });
    for (const line of readJsonl(readFileSync(out, 'utf8'))) {
      const event = (line.spans as JsonlSpan[]).find((s) => s.label === 'EVENT');
      expect(event?.roles?.map((r) => r.role)).toEqual(['figure']);
    }
    db.close();
  });

  it('CSV fills incident_id and a roles cell (role:span_id, separated by |)', async () => {
    const { dir, file, incident } = await attackLibrary();
    const db = openStore(file);
    const out = join(dir, 'out.csv');
    await exportCorpus(db, { format: 'csv', out });
    const rows = readCsv(readFileSync(out));
    const events = rows.filter((r) => r.label === 'EVENT');
    expect(events.map((r) => r.incident_id)).toEqual([incident.id, incident.id, incident.id]);
    for (const e of events) {
      const inArticle = new Map(rows.filter((r) => r.article_id === e.article_id).map((r) => [r.span_id, r]));
      const roles = (e.roles ?? '').split('|').map((cell) => [cell.slice(0, cell.indexOf(':')), inArticle.get(cell.slice(cell.indexOf(':') + 1))?.label]);
      expect(roles).toEqual([
        ['actor', 'ACTOR'],
        ['target', 'ACTOR'],
        ['figure', 'FIGURE'],
        ['source', 'CLAIM'],
      ]);
    }
    expect(rows.filter((r) => r.label === 'CLAIM').map((r) => (r.roles ?? '').split(':')[0])).toEqual(['claimant', 'claimant', 'claimant']);
    expect(rows.filter((r) => r.label === 'ACTOR').every((r) => r.roles === '' && r.incident_id === '')).toBe(true);
    db.close();
  });
});

describe('roles and incidents a JSONL import refuses', () => {
  const text = 'Russia launched drones at Ukraine. Two people were killed.';
  const at = (quote: string) => ({ start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, text: quote });
  const spans = [
    { id: 'e1', label: 'EVENT', ...at('launched drones at Ukraine'), attrs: { type: 'Explosions/Remote violence' }, roles: [{ role: 'actor', span_id: 'a1' }], incident_id: 'inc-x' },
    { id: 'a1', label: 'ACTOR', ...at('Russia') },
    { id: 'a2', label: 'ACTOR', ...at('Ukraine') },
    { id: 'f1', label: 'FIGURE', ...at('Two people were killed'), attrs: { value: 2 } },
  ];

  async function importLines(records: unknown[]) {
    const dir = tmp();
    const file = join(dir, 'in.jsonl');
    writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n'));
    const db = openStore(join(dir, 'library.db'));
    const report = await importPaths(db, [file], { author: 'tester' });
    return { db, report, outcome: report.outcomes[0] };
  }

  it('leaves out a role to a span of another article, a role whose span has the wrong label and an unknown event type, naming each; the rest imports', async () => {
    const { db, outcome } = await importLines([
      {
        id: 'art1',
        text,
        spans: [
          { ...spans[0], roles: [{ role: 'actor', span_id: 'a1' }, { role: 'target', span_id: 'elsewhere' }, { role: 'figure', span_id: 'a2' }, { role: 'claimant', span_id: 'a2' }] },
          ...spans.slice(1),
        ],
      },
      { id: 'art2', text: `${text} Again.`, spans: [{ id: 'e9', label: 'EVENT', ...at('launched drones at Ukraine'), attrs: { type: 'Teleportation' } }, { id: 'elsewhere', label: 'ACTOR', ...at('Ukraine') }] },
    ]);
    expect(outcome?.status).toBe('partial');
    const message = outcome?.message ?? '';
    expect(message).toContain('role target: no span "elsewhere" in this article (roles point to spans of their own article); left out');
    expect(message).toContain('role figure: annotation a2 is a actor, not a figure; left out');
    expect(message).toContain('a event has no role "claimant"');
    expect(message).toContain('span e9: unknown event type "Teleportation" (not in the library\'s codebook); left out');
    expect(db.prepare('SELECT role, span_id FROM event_roles').all()).toEqual([{ role: 'actor', span_id: 'a1' }]);
    expect(db.prepare('SELECT event_id, incident_id FROM incident_events').all()).toEqual([{ event_id: 'e1', incident_id: 'inc-x' }]);
    // The second article imports without its event.
    expect(listAnnotations(db, 'art2').map((a) => a.id)).toEqual(['elsewhere']);
    db.close();
  });

  it('events of several articles with the same incident_id form one incident', async () => {
    const { db } = await importLines([
      { id: 'one', text, spans: spans.slice(0, 2) },
      { id: 'two', text: `Overnight: ${text}`, spans: [{ id: 'e2', label: 'EVENT', ...at('launched drones at Ukraine'), start: 11 + at('launched drones at Ukraine').start, end: 11 + at('launched drones at Ukraine').end, incident_id: 'inc-x' }] },
    ]);
    expect(db.prepare('SELECT event_id FROM incident_events WHERE incident_id = ? ORDER BY event_id').pluck().all('inc-x')).toEqual(['e1', 'e2']);
    expect(db.prepare('SELECT count(*) FROM incidents').pluck().get()).toBe(1);
    db.close();
  });
});
