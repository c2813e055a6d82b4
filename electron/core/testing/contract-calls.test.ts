import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../shared/ipc/channels';
import { startBackend, type Backend } from '../services/app';
import { loadAttackReports } from './attack-reports';
import { fuzzPlatform, newCallState, settle, type CallState } from './call-state';
import { CHANNEL_USES, validCall, WRITE_CHANNELS } from './contract-calls';
import { createRng } from './fuzz';
import { storeProblems } from './library-check';
import { useTmpDir } from './tmp';

const tmp = useTmpDir();

describe('a valid call for every write channel of the contract', () => {
  it('lists every channel, each as a writer with its valid call or as a reader', () => {
    expect(Object.keys(CHANNEL_USES).sort()).toEqual([...CHANNELS].sort());
    // The channels that change the library or write a file the analyst picked.
    for (const c of ['annotations/restore', 'roles/set', 'incidents/group', 'entities/merge', 'figures/restoreResolution', 'articles/restore', 'import/add', 'library/backup']) {
      expect(WRITE_CHANNELS).toContain(c);
    }
  });

  describe('each accepted as made, twice, on a library of tagged reports', () => {
    let b: Backend | null = null;
    let s: CallState;
    const refused: string[] = [];
    const broken: string[] = [];

    beforeAll(async () => {
      const dir = tmp();
      b = await startBackend(join(dir, 'library.db'), fuzzPlatform('tester', () => s));
      s = { ...newCallState(createRng(7), join(dir, 'scratch')), b };
      await loadAttackReports(b);
      for (const round of [1, 2]) {
        for (const channel of WRITE_CHANNELS) {
          const input = await validCall(s, channel);
          const answer = await b.dispatch(channel, input);
          if (!answer.ok) refused.push(`round ${round}, ${channel}: ${answer.error.code} ${answer.error.message}`);
          else await settle(s, channel, input, answer.value);
          broken.push(...storeProblems(b.db).map((p) => `after ${channel}: ${p}`));
        }
      }
    }, 120_000);
    afterAll(() => b?.close());

    it('is accepted', () => expect(refused).toEqual([]));
    it('leaves the library keeping its invariants', () => expect(broken).toEqual([]));
  });
});
