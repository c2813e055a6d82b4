import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/ipc/events';
import type { Disagreement } from '../../../shared/ipc/figures';
import { bundleWriter } from '../export/test-support/bundles';
import { openStore } from '../store/db';
import { listDisagreements } from '../store/disagreements';
import { ok } from '../testing/backend';
import { loadDroneReports } from '../testing/drone-reports';
import { quietPlatform } from '../testing/platform';
import { useTmpDir } from '../testing/tmp';
import { startBackend } from './app';
import { importBundle } from './bundle';

const tmp = useTmpDir();

/** Each disagreement as what it is about and how it was resolved, ids left out (they differ between libraries only in their article's). */
const resolved = (items: Disagreement[]) =>
  items
    .map((d) => ({ kind: d.kind, scope: d.scope, counts: d.counts, unit: d.unit, quotes: d.values.map((v) => v.quote).sort(), resolution: d.resolution }))
    .sort((a, b) => `${a.scope}${a.kind}`.localeCompare(`${b.scope}${b.kind}`));

describe('resolutions in bundles', () => {
  it('travel to another library with their disagreements, and the same bundle again changes nothing', async () => {
    const dir = tmp();
    const file = join(dir, 'a.db');
    const a = await startBackend(file, quietPlatform('alice'));
    const loaded = await loadDroneReports(a);
    await ok<{ incident: Incident }>(a, 'incidents/group', { eventIds: loaded.map((l) => l.ids.event) });
    const { items } = await ok<{ items: Disagreement[] }>(a, 'figures/disagreements', {});
    const conflict = items.find((d) => d.kind === 'conflict' && d.scope === 'incident');
    const variance = items.find((d) => d.kind === 'variance' && d.scope === 'article');
    expect(conflict && variance).toBeTruthy();
    await ok(a, 'figures/resolve', { id: conflict?.id, resolution: { decision: 'value', value: 76, note: 'the ministry count' } });
    await ok(a, 'figures/resolve', { id: variance?.id, resolution: { decision: 'range', min: 76, max: 80, note: 'both plausible' } });
    a.close();

    const source = openStore(file);
    const bundle = await bundleWriter(dir)(source);
    const b = openStore(join(dir, 'b.db'));
    const report = await importBundle(b, bundle);
    expect(report.resolutions).toMatchObject({ added: 2, conflicts: [], leftOut: 0 });
    const there = resolved(listDisagreements(b).items);
    expect(there).toEqual(resolved(listDisagreements(source).items));
    expect(there.filter((d) => d.resolution !== null)).toHaveLength(2);
    expect(there.find((d) => d.scope === 'incident')?.resolution).toMatchObject({ decision: 'value', value: 76, note: 'the ministry count', author: 'alice' });

    const again = await importBundle(b, bundle);
    expect(again.resolutions?.added).toBe(0);
    expect(again.resolutions?.conflicts).toEqual([]);
    expect(resolved(listDisagreements(b).items)).toEqual(there);
    source.close();
    b.close();
  }, 60_000);

  it('keeps a disagreement resolved otherwise here, and says so', async () => {
    const dir = tmp();
    const file = join(dir, 'a.db');
    const a = await startBackend(file, quietPlatform('alice'));
    const loaded = await loadDroneReports(a);
    await ok<{ incident: Incident }>(a, 'incidents/group', { eventIds: loaded.map((l) => l.ids.event) });
    const conflict = (await ok<{ items: Disagreement[] }>(a, 'figures/disagreements', { kind: 'conflict' })).items[0] as Disagreement;
    await ok(a, 'figures/resolve', { id: conflict.id, resolution: { decision: 'value', value: 76, note: '' } });
    a.close();
    const source = openStore(file);
    const write = bundleWriter(dir);
    const first = await write(source);
    const b = openStore(join(dir, 'b.db'));
    await importBundle(b, first);
    source.close();

    const a2 = await startBackend(file, quietPlatform('alice'));
    await ok(a2, 'figures/resolve', { id: conflict.id, resolution: { decision: 'not_same_count', note: 'two nights' } });
    a2.close();
    const source2 = openStore(file);
    const report = await importBundle(b, await write(source2));
    expect(report.resolutions?.conflicts).toMatchObject([{ scope: 'incident', counts: 'intercepted', unit: 'drone' }]);
    expect(listDisagreements(b, { kind: 'conflict' }).items[0]?.resolution).toMatchObject({ decision: 'value', value: 76 });
    source2.close();
    b.close();
  }, 60_000);
});
