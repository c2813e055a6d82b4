import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/ipc/events';
import { ACLED_COLUMNS } from '../core/export/acled';
import { readCsv, readCsvRecords, readJsonl } from '../core/export/test-support/readers';
import { startBackend } from '../core/services/app';
import { loadAttackReports, type LoadedReport } from '../core/testing/attack-reports';
import { ok } from '../core/testing/backend';
import { quietPlatform } from '../core/testing/platform';
import { useTmpDir } from '../core/testing/tmp';
import { run } from './index';
import { createOutput, EXIT } from './output';

const tmp = useTmpDir();

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  return { output: createOutput(true, stdout, stderr), stdout: () => out, stderr: () => err };
}

/** The three reports of one attack, tagged, with roles, confirmed as one incident. */
async function attackLibrary(): Promise<{ dir: string; file: string; loaded: LoadedReport[]; incident: Incident }> {
  const dir = tmp();
  const file = join(dir, 'library.db');
  const b = await startBackend(file, quietPlatform('analyst'));
  try {
    const loaded = await loadAttackReports(b);
    const { incident } = await ok<{ incident: Incident }>(b, 'incidents/group', { eventIds: loaded.map((l) => l.ids.event) });
    return { dir, file, loaded, incident };
  } finally {
    b.close();
  }
}

describe('spanwise events and the ACLED and PLOVER exports of three reports of one attack', () => {
  it('events --json lists the three events of the incident with canonical actor names', async () => {
    const { file, loaded, incident } = await attackLibrary();
    const c = capture();
    expect(await run(['events', '--db', file, '--json'], c.output), c.stderr()).toBe(EXIT.ok);
    const lines = c.stdout().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const events = lines.filter((l) => l.type === 'event');
    expect(events.map((e) => e.id)).toEqual(loaded.map((l) => l.ids.event));
    for (const e of events) {
      expect(Object.keys(e)).toEqual(['type', 'id', 'article_id', 'incident_id', 'date', 'event_type', 'sub_event_type', 'actor', 'target', 'with', 'location', 'figures', 'quote']);
      expect(e).toMatchObject({ incident_id: incident.id, date: '2026-03-14', event_type: 'Explosions/Remote violence', sub_event_type: 'Air/drone strike', actor: ['Russia'], target: ['Ukraine'], with: [] });
      expect(e.figures).toEqual([{ counts: null, value: 2, unit: expect.any(String), qualifier: 'exact' }]);
    }
    expect(events[2]).toMatchObject({ quote: 'атакувала Україну 112 дронами', location: 'Острівська область' });
    expect(lines.at(-1)).toEqual({ type: 'summary', events: 3 });
  });

  it('export --format acled writes one row with the three sources, every other cell from the reports or empty', async () => {
    const { dir, file, incident } = await attackLibrary();
    const out = join(dir, 'acled.csv');
    const c = capture();
    expect(await run(['export', '--db', file, '--format', 'acled', '--out', out], c.output), c.stderr()).toBe(EXIT.ok);
    const written = readFileSync(out);
    // ACLED's files carry no byte order mark; the strict RFC 4180 reader the tests share expects one.
    expect(written[0]).not.toBe(0xef);
    const bytes = Buffer.concat([Buffer.from('\uFEFF', 'utf8'), written]);
    expect(readCsvRecords(bytes)[0]).toEqual([...ACLED_COLUMNS]);
    const rows = readCsv(bytes);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      event_id_cnty: incident.id,
      event_date: '2026-03-14',
      year: '2026',
      time_precision: '1',
      disorder_type: 'Political violence',
      event_type: 'Explosions/Remote violence',
      sub_event_type: 'Air/drone strike',
      actor1: 'Russia',
      assoc_actor_1: '',
      inter1: '',
      actor2: 'Ukraine',
      location: 'Ostrivka',
      source: 'Daily Ledger; Harbour Wire; Вісті Острівки',
      latitude: '',
      country: '',
    });
    expect(JSON.parse(c.stdout().trim())).toMatchObject({ type: 'export', format: 'acled', articles: 1, spans: 3 });
  });

  it('export --format plover writes one record naming the actor, and refuses filters', async () => {
    const { dir, file, incident } = await attackLibrary();
    const out = join(dir, 'plover.jsonl');
    const c = capture();
    expect(await run(['export', '--db', file, '--format', 'plover', '--out', out], c.output), c.stderr()).toBe(EXIT.ok);
    const records = readJsonl(readFileSync(out, 'utf8'));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ id: incident.id, date: '2026-03-14', actor: 'Russia', recipient: 'Ukraine', event: 'Explosions/Remote violence', coder: 'analyst' });
    expect(records[0]?.text_info).toHaveLength(3);

    const refused = capture();
    expect(await run(['export', '--db', file, '--format', 'plover', '--out', join(dir, 'x.jsonl'), '--source', 'Daily Ledger'], refused.output)).toBe(EXIT.usage);
    expect(refused.stderr()).toContain('exports every event of the library');
  });
});
