import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportCorpus } from '../export';
import { insertArticle } from '../store/articles';
import { openStore, type Db } from '../store/db';
import { useTmpDir } from '../testing/tmp';
import { createJobs } from './jobs';

const tmp = useTmpDir();
let db: Db | null = null;
afterEach(() => {
  db?.close();
  db = null;
});

const draft = (i: number) => ({ title: `T${i}`, source: null, url: null, author: null, publishedAt: null, language: null, text: `Article number ${i}.` });

describe('jobs', () => {
  it('call an export done when its file was written, even if a cancel came after the last step', async () => {
    const dir = tmp();
    db = openStore(join(dir, 'x.db'));
    for (let i = 0; i < 3; i++) insertArticle(db, draft(i));
    const jobs = createJobs();
    const out = join(dir, 'out.jsonl');
    const store = db;
    let id = '';
    const job = jobs.start('export', async ({ signal, progress }) => ({
      exported: await exportCorpus(
        store,
        { format: 'jsonl', out },
        {
          signal,
          onProgress: (done, total) => {
            progress(done, total);
            // The last progress call comes once everything is written, just before the rename.
            if (done === total && total > 0) jobs.cancel(id);
          },
        },
      ),
    }));
    id = job.id;
    const settled = await jobs.settle(job.id);
    expect(existsSync(out)).toBe(true);
    expect(settled.state).toBe('done');
    expect(settled.exported?.articles).toBe(3);
  });

  it('call a job cancelled when it stopped because of the cancel', async () => {
    const jobs = createJobs();
    const job = jobs.start('export', ({ signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(Object.assign(new Error('export cancelled'), { code: 'cancelled' })))));
    await new Promise((r) => setImmediate(r));
    jobs.cancel(job.id);
    expect((await jobs.settle(job.id)).state).toBe('cancelled');
  });

  it('call a job failed when it failed for another reason', async () => {
    const jobs = createJobs();
    const job = jobs.start('export', async () => {
      throw new Error('disk full');
    });
    expect(await jobs.settle(job.id)).toMatchObject({ state: 'failed', error: 'disk full' });
  });
});
