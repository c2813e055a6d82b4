import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { insertArticle } from '../store/articles';
import { stagedRestoreFile } from '../store/backup';
import { openStore } from '../store/db';
import { quietPlatform } from '../testing/platform';
import { useTmpDir } from '../testing/tmp';
import { startBackend, type Backend } from './app';

const tmp = useTmpDir();
let open: Backend[] = [];
afterEach(() => {
  for (const b of open) b.close();
  open = [];
});

async function backend(dbFile: string, picks: { target?: string; source?: string } = {}, staged: () => void = () => {}): Promise<Backend> {
  const b = await startBackend(
    dbFile,
    quietPlatform('tester', {
      pickBackupTarget: async () => picks.target ?? null,
      pickBackupSource: async () => picks.source ?? null,
      restoreStaged: staged,
    }),
  );
  open.push(b);
  return b;
}

const article = (title: string) => ({ title, source: null, url: null, author: null, publishedAt: null, language: 'en', text: `${title}. The text.` });
const titles = (b: Backend) => b.db.prepare('SELECT title FROM articles ORDER BY title').pluck().all();

describe('backup and restore from the app', () => {
  it('backs up while open, stages a verified restore, and applies it at the next start', async () => {
    const dir = tmp();
    const dbFile = join(dir, 'library.db');
    const copy = join(dir, 'backup.db');
    let stagedCalls = 0;
    const first = await backend(dbFile, { target: copy, source: copy }, () => stagedCalls++);
    insertArticle(first.db, article('Ferry cancelled'));

    const backedUp = await first.dispatch('library/backup', {});
    expect(backedUp).toEqual({ ok: true, value: { backup: expect.objectContaining({ file: copy, articles: 1, annotations: 0 }) } });

    insertArticle(first.db, article('Written after the backup'));
    const restored = await first.dispatch('library/restore', {});
    expect(restored).toEqual({ ok: true, value: { restore: expect.objectContaining({ file: copy, articles: 1 }) } });
    expect(stagedCalls).toBe(1);
    // Nothing is swapped under the running app.
    expect(titles(first)).toEqual(['Ferry cancelled', 'Written after the backup']);
    first.close();
    open = [];

    const second = await backend(dbFile);
    expect(second.restored).toMatchObject({ applied: true, articles: 1 });
    expect(titles(second)).toEqual(['Ferry cancelled']);
    expect(existsSync(stagedRestoreFile(dbFile))).toBe(false);
    const previous = (second.restored as { previous: string }).previous;
    const kept = openStore(previous, { readonly: true });
    expect(kept.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(2);
    kept.close();
  });

  it('refuses a file that is not a library, stages nothing and keeps running', async () => {
    const dir = tmp();
    const dbFile = join(dir, 'library.db');
    const junk = join(dir, 'notes.db');
    writeFileSync(junk, 'SQLite format 3\0 but not really');
    let stagedCalls = 0;
    const b = await backend(dbFile, { source: junk }, () => stagedCalls++);
    insertArticle(b.db, article('Still here'));
    const answer = await b.dispatch('library/restore', {});
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.message).toContain(junk);
    expect(stagedCalls).toBe(0);
    expect(readdirSync(dir).filter((f) => f.includes('restore'))).toEqual([]);
    expect(titles(b)).toEqual(['Still here']);
  });

  it('answers null when the analyst cancels either dialog', async () => {
    const b = await backend(join(tmp(), 'library.db'));
    expect(await b.dispatch('library/backup', {})).toEqual({ ok: true, value: { backup: null } });
    expect(await b.dispatch('library/restore', {})).toEqual({ ok: true, value: { restore: null } });
  });

  it('sets aside a staged restore that was damaged before the restart and opens the library as it was', async () => {
    const dir = tmp();
    const dbFile = join(dir, 'library.db');
    const first = await backend(dbFile);
    insertArticle(first.db, article('Untouched'));
    first.close();
    open = [];
    writeFileSync(stagedRestoreFile(dbFile), Buffer.alloc(8192, 7));

    const second = await backend(dbFile);
    expect(second.restored).toMatchObject({ applied: false, setAsideAs: `${stagedRestoreFile(dbFile)}.refused` });
    expect(titles(second)).toEqual(['Untouched']);
    expect(existsSync(stagedRestoreFile(dbFile))).toBe(false);
  });
});
