import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/ipc/events';
import { readCsv } from '../core/export/test-support/readers';
import { startBackend, type Backend } from '../core/services/app';
import { ok } from '../core/testing/backend';
import { DRONE_REPORTS, loadDroneReports, type LoadedDroneReport } from '../core/testing/drone-reports';
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

type Line = Record<string, unknown> & { type: string };
type Value = { value: number; qualifier: string; span_id: string; article_id: string; quote: string; source: string; published_at: string };

async function disagreements(file: string): Promise<Line[]> {
  const c = capture();
  expect(await run(['figures', '--db', file, '--disagreements', '--json'], c.output), c.stderr()).toBe(EXIT.ok);
  return c
    .stdout()
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line)
    .filter((l) => l.type === 'disagreement');
}

async function library(reports = DRONE_REPORTS, group = true): Promise<{ file: string; b: Backend; loaded: LoadedDroneReport[]; incident: Incident | null }> {
  const file = join(tmp(), 'library.db');
  const b = await startBackend(file, quietPlatform('analyst'));
  const loaded = await loadDroneReports(b, reports);
  const incident = group ? (await ok<{ incident: Incident }>(b, 'incidents/group', { eventIds: loaded.map((l) => l.ids.event) })).incident : null;
  return { file, b, loaded, incident };
}

const sorted = (values: Value[]) => values.map((v) => `${v.qualifier} ${v.value}`).sort();

describe('spanwise figures --disagreements on three reports of one attack', () => {
  it('lists one conflict for the intercepted drones across the incident, none for the 188 launched, and the first report\'s own variance', async () => {
    const { file, b, loaded, incident } = await library();
    b.close();
    const lines = await disagreements(file);
    const conflicts = lines.filter((l) => l.kind === 'conflict');
    expect(conflicts).toHaveLength(1);
    const conflict = conflicts[0] as Line & { values: Value[] };
    expect(conflict).toMatchObject({ scope: 'incident', scope_id: incident?.id, counts: 'intercepted', unit: 'drone', resolution: null });
    expect(sorted(conflict.values)).toEqual(['approximate 80', 'at least 70', 'exact 62', 'exact 76']);
    const ids = loaded.flatMap((l) => ['around80', 'downed76', 'downed62', 'atleast70'].filter((k) => l.ids[k]).map((k) => l.ids[k]));
    expect(conflict.values.map((v) => v.span_id).sort()).toEqual(ids.sort());
    const ledger = conflict.values.find((v) => v.value === 62);
    expect(ledger).toMatchObject({ quote: 'shot down 62 drones', source: 'Daily Ledger', published_at: '2024-11-26', article_id: loaded[1]?.articleId });
    expect(lines.filter((l) => l.counts === 'launched')).toEqual([]);
    // Within the first report alone, 76 and around 80 can both be true.
    expect(lines.filter((l) => l.kind === 'variance')).toMatchObject([{ scope: 'article', scope_id: loaded[0]?.articleId, counts: 'intercepted', unit: 'drone' }]);
  }, 60_000);

  it('gives a variance for the first article alone (76 vs around 80)', async () => {
    const { file, b } = await library([DRONE_REPORTS[0] as (typeof DRONE_REPORTS)[number]], false);
    b.close();
    const lines = (await disagreements(file)) as (Line & { values: Value[] })[];
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ kind: 'variance', scope: 'article', counts: 'intercepted', unit: 'drone' });
    expect(sorted((lines[0] as { values: Value[] }).values)).toEqual(['approximate 80', 'exact 76']);
  }, 60_000);

  it('follows a changed figure, and resolving the conflict changes the ACLED row', async () => {
    const { file, b, loaded } = await library();
    const acled = async () => {
      const out = join(tmp(), 'incidents.csv');
      const c = capture();
      expect(await run(['export', '--db', file, '--format', 'acled', '--out', out, '--json'], c.output), c.stderr()).toBe(EXIT.ok);
      // ACLED's files carry no byte order mark; the strict RFC 4180 reader the tests share expects one.
      const rows = readCsv(Buffer.concat([Buffer.from('\uFEFF', 'utf8'), readFileSync(out)]));
      expect(rows).toHaveLength(1);
      return rows[0] as Record<string, string>;
    };
    const [conflict] = (await ok<{ items: { id: string; kind: string }[] }>(b, 'figures/disagreements', { kind: 'conflict' })).items;
    expect(conflict).toBeDefined();
    b.close();
    const before = await acled();
    expect(before.notes).toContain('Reports conflict on intercepted drone: 62 (Daily Ledger, 2024-11-26)');
    expect(before.notes).toContain('unresolved; the most conservative, 62, is coded');

    const again = await startBackend(file, quietPlatform('analyst'));
    const resolved = await ok<{ disagreement: { resolution: { decision: string; value: number } }; previous: unknown }>(again, 'figures/resolve', {
      id: conflict?.id,
      resolution: { decision: 'value', value: 76, note: 'the ministry count' },
    });
    expect(resolved.previous).toBeNull();
    expect(resolved.disagreement.resolution).toMatchObject({ decision: 'value', value: 76 });
    again.close();
    const after = await acled();
    expect(after.notes).toContain('resolved by the analyst: 76 (the ministry count)');
    expect(after.notes).not.toContain('unresolved; the most conservative, 62');
    const listed = (await disagreements(file)).find((l) => l.id === conflict?.id);
    expect(listed?.resolution).toMatchObject({ decision: 'value', value: 76, note: 'the ministry count', author: 'analyst' });

    // One figure changed: 62 becomes 76 exact, and the incident's figures can all be true.
    const third = await startBackend(file, quietPlatform('analyst'));
    const figure = loaded[1]?.ids.downed62 as string;
    await ok(third, 'annotations/update', { id: figure, attrs: { value: 76, unit: 'drone', counts: 'intercepted', qualifier: 'exact' } });
    const now = await ok<{ items: { id: string; kind: string }[] }>(third, 'figures/disagreements', {});
    third.close();
    expect(now.items.find((d) => d.id === conflict?.id)?.kind).toBe('variance');
  }, 120_000);
});
