import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/ipc/events';
import type { Disagreement, Resolution } from '../../../shared/ipc/figures';
import { ok } from '../testing/backend';
import { loadDroneReports } from '../testing/drone-reports';
import { quietPlatform } from '../testing/platform';
import { useTmpDir } from '../testing/tmp';
import { startBackend, type Backend } from './app';

const tmp = useTmpDir();
let b: Backend | null = null;
afterEach(() => {
  b?.close();
  b = null;
});

describe('figures/restoreResolution', () => {
  it('refuses a resolution the store could not keep, with the reason, and leaves the one there', async () => {
    b = await startBackend(join(tmp(), 'library.db'), quietPlatform('alice'));
    const loaded = await loadDroneReports(b);
    await ok<{ incident: Incident }>(b, 'incidents/group', { eventIds: loaded.map((l) => l.ids.event) });
    const conflict = (await ok<{ items: Disagreement[] }>(b, 'figures/disagreements', { kind: 'conflict' })).items[0] as Disagreement;
    await ok(b, 'figures/resolve', { id: conflict.id, resolution: { decision: 'value', value: 76, note: 'the ministry count' } });
    const { previous } = await ok<{ previous: Resolution }>(b, 'figures/resolve', { id: conflict.id, resolution: { decision: 'not_same_count' } });
    const kept = (await ok<{ items: Disagreement[] }>(b, 'figures/disagreements', { kind: 'conflict' })).items[0]?.resolution;

    for (const [broken, reason] of [
      [{ ...previous, value: null }, /an accepted value needs a value/],
      [{ ...previous, decision: 'range', min: 80, max: 76 }, /an accepted range needs min <= max/],
      [{ ...previous, decision: 'range', min: null, max: 80 }, /an accepted range needs min <= max/],
      [{ ...previous, author: 'x'.repeat(501) }, /author/],
    ] as const) {
      const answer = await b.dispatch('figures/restoreResolution', { id: conflict.id, resolution: broken });
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(reason) } });
    }
    expect((await ok<{ items: Disagreement[] }>(b, 'figures/disagreements', { kind: 'conflict' })).items[0]?.resolution).toEqual(kept);

    await ok(b, 'figures/restoreResolution', { id: conflict.id, resolution: previous });
    expect((await ok<{ items: Disagreement[] }>(b, 'figures/disagreements', { kind: 'conflict' })).items[0]?.resolution).toEqual(previous);
  }, 60_000);
});
