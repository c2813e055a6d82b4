import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportReport, Job } from '../../../shared/ipc/contract';
import type { Annotation } from '../../../shared/model';
import { quietPlatform } from '../testing/platform';
import { useTmpDir } from '../testing/tmp';
import { startBackend, type Backend } from './app';
import { ok } from '../testing/backend';

const tmp = useTmpDir();
let backend: Backend | null = null;
afterEach(() => {
  backend?.close();
  backend = null;
});

async function settle(b: Backend, id: string): Promise<Job> {
  for (;;) {
    const job = await ok<Job>(b, 'jobs/get', { id });
    if (job.state !== 'running') return job;
    await new Promise((r) => setTimeout(r, 5));
  }
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('a drop sent in parts', () => {
  it('imports every part into one report, with what the renderer set aside and brat pairs kept together', async () => {
    const b = (backend = await startBackend(join(tmp(), 'library.db'), quietPlatform('tester')));
    const job = await ok<Job>(b, 'import/begin', {
      expected: 3,
      outcomes: [{ file: 'folder/photo.png', status: 'skipped', message: 'not an article file (.png)' }],
    });
    expect(job.state).toBe('running');
    await ok(b, 'import/add', { id: job.id, items: [{ name: 'folder/a.txt', base64: b64('Quay two\n\nMore text here.'), annBase64: b64('T1\tACTOR 0 4\tQuay\n') }], last: false });
    await ok(b, 'import/add', {
      id: job.id,
      items: [{ name: 'folder/b.md', base64: b64('# Heading\n\nBody of b.') }],
      outcomes: [{ file: 'folder/c.txt', status: 'failed', message: 'could not be read: NotReadableError' }],
      last: true,
    });
    const done = await settle(b, job.id);
    const report = done.report as ImportReport;
    expect(report.outcomes.map((o) => [o.file, o.status])).toEqual([
      ['folder/photo.png', 'skipped'],
      ['folder/c.txt', 'failed'],
      ['folder/a.txt', 'imported'],
      ['folder/b.md', 'imported'],
    ]);
    expect(report).toMatchObject({ imported: 2, skipped: 1, failed: 1, cancelled: false });
    const pair = await ok<{ annotations: Annotation[] }>(b, 'articles/get', { id: report.outcomes[2]?.articleIds[0] });
    expect(pair.annotations.map((a) => [a.label, a.quote])).toEqual([['actor', 'Quay']]);
  });

  it('stops taking parts once cancelled, and the report says what was not imported', async () => {
    const b = (backend = await startBackend(join(tmp(), 'library.db'), quietPlatform('tester')));
    const job = await ok<Job>(b, 'import/begin', { expected: 2, outcomes: [] });
    await ok(b, 'jobs/cancel', { id: job.id });
    const after = await ok<Job>(b, 'import/add', { id: job.id, items: [{ name: 'late.txt', content: 'Too late.' }], last: true });
    expect(after.state).not.toBe('running');
    const done = await settle(b, job.id);
    expect(done.state).toBe('cancelled');
    expect(await ok(b, 'library/stats', {})).toMatchObject({ articles: 0 });
  });

  it('takes items from any client as the drop sends them: non-articles skipped, a .txt and its .ann paired, a file too large named', async () => {
    const b = (backend = await startBackend(join(tmp(), 'library.db'), quietPlatform('tester')));
    const job = await ok<Job>(b, 'import/texts', {
      items: [
        { name: 'folder/doc.txt', base64: b64('Quay two\n\nMore text here.') },
        { name: 'folder/doc.ann', base64: b64('T1\tACTOR 0 4\tQuay\n') },
        { name: 'folder/photo.png', base64: b64('\x89PNG') },
        { name: 'folder/annotation.conf', base64: b64('[entities]\nACTOR') },
      ],
    });
    const report = (await settle(b, job.id)).report as ImportReport;
    expect(report.outcomes.map((o) => [o.file, o.status])).toEqual([
      ['folder/photo.png', 'skipped'],
      ['folder/annotation.conf', 'skipped'],
      ['folder/doc.txt', 'imported'],
    ]);
    const pair = await ok<{ annotations: Annotation[] }>(b, 'articles/get', { id: report.outcomes[2]?.articleIds[0] });
    expect(pair.annotations.map((a) => a.quote)).toEqual(['Quay']);
    const big = await b.dispatch('import/texts', { items: [{ name: 'ok.txt', content: 'Fine.' }, { name: 'big.txt', base64: 'A'.repeat(70_000_000) }] });
    expect(big).toEqual({ ok: false, error: { code: 'invalid_input', message: 'import/texts: items.1.base64: "big.txt" is too large to send (50.1 MB); a dropped file may be at most 50 MB' } });
    const long = await b.dispatch('import/texts', { items: [{ name: 'pasted', content: 'a'.repeat(50_000_001) }] });
    expect(long).toEqual({ ok: false, error: { code: 'invalid_input', message: 'import/texts: items.0.content: "pasted" is too large to send (50,000,001 characters); pasted text may be at most 50,000,000 characters' } });
    // Buffer.from(x, 'base64') would drop the stray characters and import what is left.
    const garbled = await b.dispatch('import/texts', { items: [{ name: 'odd.txt', base64: 'UXVheQ$$==' }] });
    expect(garbled).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('items.0.base64') } });
  });

  it('answers a part for a job that does not exist with not_found', async () => {
    const b = (backend = await startBackend(join(tmp(), 'library.db'), quietPlatform('tester')));
    expect(await b.dispatch('import/add', { id: 'nope', items: [], last: true })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
