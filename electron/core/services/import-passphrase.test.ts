import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/ipc/contract';
import { exportCorpus } from '../export';
import { buildCorpus } from '../export/test-support/corpus';
import { openStore } from '../store/db';
import { ok } from '../testing/backend';
import { quietPlatform } from '../testing/platform';
import { useTmpDir } from '../testing/tmp';
import { startBackend, type Backend } from './app';

const tmp = useTmpDir();
const PASS = 'north pier, low tide';
let backend: Backend | null = null;
afterEach(() => {
  backend?.close();
  backend = null;
});

/** The app's Import of one encrypted bundle, through the contract as the window makes it. */
async function importSealed(): Promise<{ b: Backend; job: Job; articles: number }> {
  const dir = tmp();
  const source = openStore(join(dir, 'theirs.db'));
  const articles = buildCorpus(source).articles.length;
  const file = join(dir, 'for-colleague.spanwise');
  await exportCorpus(source, { format: 'bundle', out: file, passphrase: PASS });
  source.close();
  const b = (backend = await startBackend(join(dir, 'library.db'), quietPlatform('tester', { pickImportFiles: async () => [file] })));
  const { job } = await ok<{ job: Job }>(b, 'import/dialog', {});
  return { b, job: job as Job, articles };
}

/** Polls the job until it asks for attempt `attempt` of a passphrase, or ends. */
async function next(b: Backend, id: string, attempt?: number): Promise<Job> {
  for (;;) {
    const job = await ok<Job>(b, 'jobs/get', { id });
    if (job.state !== 'running' || (attempt !== undefined && job.passphrase?.attempt === attempt)) return job;
    await new Promise((r) => setTimeout(r, 5));
  }
}

const count = (b: Backend) => b.db.prepare('SELECT count(*) FROM articles').pluck().get() as number;

describe("an encrypted bundle picked in the app's Import", () => {
  it('waits for its passphrase, asks again with the reason after a wrong one, and imports with the right one', async () => {
    const { b, job, articles } = await importSealed();
    const before = count(b);
    expect(await next(b, job.id, 1)).toMatchObject({ state: 'running', passphrase: { file: 'for-colleague.spanwise', attempt: 1, reason: null } });

    await ok(b, 'import/passphrase', { id: job.id, passphrase: 'south pier' });
    const again = await next(b, job.id, 2);
    expect(again.passphrase?.reason).toMatch(/passphrase is wrong: nothing of this bundle was imported/);
    expect(count(b)).toBe(before);

    await ok(b, 'import/passphrase', { id: job.id, passphrase: PASS });
    const done = await next(b, job.id);
    expect(done).toMatchObject({ state: 'done', passphrase: null, report: { imported: 1, failed: 0 } });
    expect(count(b)).toBe(before + articles);
  });

  it('leaves the bundle out, saying why, when the analyst skips it, and refuses an answer nobody asked for', async () => {
    const { b, job } = await importSealed();
    const before = count(b);
    await next(b, job.id, 1);
    await ok(b, 'import/passphrase', { id: job.id, passphrase: null });
    const done = await next(b, job.id);
    expect(done.report?.outcomes).toEqual([expect.objectContaining({ status: 'failed', message: 'an encrypted bundle, not imported: no passphrase was given' })]);
    expect(count(b)).toBe(before);
    expect(await b.dispatch('import/passphrase', { id: job.id, passphrase: PASS })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('stops waiting when the import is cancelled', async () => {
    const { b, job } = await importSealed();
    await next(b, job.id, 1);
    await ok(b, 'jobs/cancel', { id: job.id });
    expect(await next(b, job.id)).toMatchObject({ state: 'cancelled', passphrase: null });
  });

  it('asks for the passphrase of an encrypted bundle dropped or pasted (sent as its bytes), and merges it with the right one', async () => {
    const dir = tmp();
    const source = openStore(join(dir, 'theirs.db'));
    const articles = buildCorpus(source).articles.length;
    const file = join(dir, 'sealed.spanwise');
    await exportCorpus(source, { format: 'bundle', out: file, passphrase: PASS });
    source.close();
    const b = (backend = await startBackend(join(dir, 'library.db'), quietPlatform('tester')));
    const base64 = readFileSync(file).toString('base64');
    const before = count(b);

    // A drop: begun, then its files sent, the bundle beside an article file.
    const begun = await ok<Job>(b, 'import/begin', { expected: 2, outcomes: [] });
    await ok(b, 'import/add', { id: begun.id, items: [{ name: 'inbox/for-colleague.spanwise', base64 }, { name: 'inbox/note.txt', base64: Buffer.from('Note\n\nThe ferry ran late.').toString('base64') }], last: true });
    expect(await next(b, begun.id, 1)).toMatchObject({ passphrase: { file: 'for-colleague.spanwise', attempt: 1, reason: null } });
    await ok(b, 'import/passphrase', { id: begun.id, passphrase: 'south pier' });
    expect((await next(b, begun.id, 2)).passphrase?.reason).toMatch(/passphrase is wrong/);
    await ok(b, 'import/passphrase', { id: begun.id, passphrase: PASS });
    const done = await next(b, begun.id);
    expect(done.report?.outcomes.map((o) => [o.file, o.status])).toEqual([
      ['inbox/note.txt', 'imported'],
      ['inbox/for-colleague.spanwise', 'imported'],
    ]);
    expect(count(b)).toBe(before + 1 + articles);

    // Sent whole in one call (import/texts), and skipped: left out with the reason, nothing of it imported.
    const sent = await ok<Job>(b, 'import/texts', { items: [{ name: 'again.spanwise', base64 }] });
    await next(b, sent.id, 1);
    await ok(b, 'import/passphrase', { id: sent.id, passphrase: null });
    expect((await next(b, sent.id)).report?.outcomes).toEqual([expect.objectContaining({ file: 'again.spanwise', status: 'failed', message: 'an encrypted bundle, not imported: no passphrase was given' })]);
    expect(count(b)).toBe(before + 1 + articles);
  });
});
