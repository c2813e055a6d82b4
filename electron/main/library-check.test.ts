import type { MessageBoxOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { BackgroundCheck } from '../core/services/background-check';
import type { CheckReport } from '../core/store/check';
import { reportCheck } from './library-check';

const report = (problems: string[]): CheckReport => ({ ok: problems.length === 0, mode: 'integrity_check', problems, pages: 10, bytes: 40960, schemaVersion: 10, ms: 5 });
const settled = (done: Promise<CheckReport>): BackgroundCheck => ({ done, cancel: () => undefined });

describe('the check after start', () => {
  it('tells the analyst what damage it found, with the way out', async () => {
    const shown: MessageBoxOptions[] = [];
    await reportCheck('/lib/spanwise.db', settled(Promise.resolve(report(['Tree 5 page 7: btreeInitPage() returns error code 11']))), (o) => shown.push(o), () => undefined);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.type).toBe('warning');
    expect(shown[0]?.detail).toContain('/lib/spanwise.db');
    expect(shown[0]?.detail).toContain('Tree 5 page 7');
    expect(shown[0]?.detail).toMatch(/Restore from backup/);
  });

  it('shows nothing for a sound library, and only logs a check that could not run', async () => {
    const shown: MessageBoxOptions[] = [];
    const logged: string[] = [];
    await reportCheck('/lib/spanwise.db', settled(Promise.resolve(report([]))), (o) => shown.push(o), (m) => logged.push(m));
    await reportCheck('/lib/spanwise.db', settled(Promise.reject(new Error('the library check stopped'))), (o) => shown.push(o), (m) => logged.push(m));
    expect(shown).toEqual([]);
    expect(logged[0]).toMatch(/found no damage/);
    expect(logged[1]).toMatch(/did not run: the library check stopped/);
  });
});
