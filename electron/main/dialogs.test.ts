import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBackend } from '../core/services/app';
import { quietPlatform } from '../core/testing/platform';
import { useTmpDir } from '../core/testing/tmp';
import { importDialogOptions } from './dialogs';

const tmp = useTmpDir();

describe('the Import pickers', () => {
  it('asks for files alone, so Windows and Linux show files rather than a folder-only picker', () => {
    const options = importDialogOptions(false);
    expect(options.properties).toEqual(['openFile', 'multiSelections']);
    expect(options.filters?.[0]?.extensions).toEqual(expect.arrayContaining(['txt', 'md', 'html', 'json', 'jsonl', 'ann', 'spanwise']));
    expect(options.filters?.at(-1)).toEqual({ name: 'All files', extensions: ['*'] });
  });

  it('asks for folders in a picker of its own', () => {
    const options = importDialogOptions(true);
    expect(options.properties).toContain('openDirectory');
    expect(options.properties).not.toContain('openFile');
  });
});

describe('import/dialog', () => {
  it('tells the platform which picker the analyst asked for, files by default, and imports what it answers', async () => {
    const dir = tmp();
    const folder = join(dir, 'reports');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.txt'), 'Ferry crossing\n\nThe ferry crossing reopened after the storm.');
    writeFileSync(join(folder, 'b.md'), '# Grain talks\n\nNegotiators met to discuss the corridor.');
    const asked: { folder: boolean }[] = [];
    const backend = await startBackend(
      join(dir, 'library.db'),
      quietPlatform('analyst', {
        pickImportFiles: async (options) => {
          asked.push(options);
          return options.folder ? [folder] : [];
        },
      }),
    );
    try {
      expect(await backend.dispatch('import/dialog', {})).toEqual({ ok: true, value: { job: null } });
      const started = await backend.dispatch('import/dialog', { folder: true });
      expect(asked).toEqual([{ folder: false }, { folder: true }]);
      expect(started.ok).toBe(true);
      const id = started.ok ? (started.value as { job: { id: string } }).job.id : '';
      let job: { state: string; report: { outcomes: { file: string }[] } | null } | undefined;
      // Waits on the job, not on a clock: a loaded machine may take several seconds to start the import worker.
      for (const until = Date.now() + 25_000; Date.now() < until && job?.state !== 'done'; ) {
        await new Promise((ok) => setTimeout(ok, 20));
        const polled = await backend.dispatch('jobs/get', { id });
        job = polled.ok ? (polled.value as typeof job) : undefined;
      }
      // Both files of the folder reached the importer (how each one parses is the importer's business).
      expect(job?.report?.outcomes.map((o) => o.file).sort()).toEqual([join(folder, 'a.txt'), join(folder, 'b.md')]);
      expect(await backend.dispatch('import/dialog', { folder: 'yes' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    } finally {
      backend.close();
    }
  });
});
