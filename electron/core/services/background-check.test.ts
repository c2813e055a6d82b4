import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertArticle } from '../store/articles';
import { openStore } from '../store/db';
import { useTmpDir } from '../testing/tmp';
import { checkInBackground } from './background-check';

const tmp = useTmpDir();

function library(file: string): void {
  const db = openStore(file);
  db.transaction(() => {
    for (let i = 0; i < 300; i++) {
      insertArticle(db, { title: `Report ${i}`, source: null, url: null, author: null, publishedAt: null, language: 'en', text: `Report ${i}. ${'The convoy waited at the border. '.repeat(30)}` });
    }
  })();
  db.close();
}

describe('the full check in the background', () => {
  it('checks a library the app holds open, on a worker thread, while the app keeps writing', async () => {
    const file = join(tmp(), 'open.db');
    library(file);
    const app = openStore(file, { fullCheckUpToBytes: 0 });
    const check = checkInBackground(file);
    insertArticle(app, { title: 'Meanwhile', source: null, url: null, author: null, publishedAt: null, language: 'en', text: 'Saved while the check ran.' });
    const report = await check.done;
    expect(report).toMatchObject({ ok: true, mode: 'integrity_check' });
    app.close();
  }, 60_000);

  it('reports a damaged page the open did not read', async () => {
    const file = join(tmp(), 'damaged.db');
    library(file);
    const raw = new Database(file);
    const pages = raw.prepare("SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    raw.close();
    const fd = openSync(file, 'r+');
    writeSync(fd, randomBytes(pageSize), 0, pageSize, ((pages[Math.floor(pages.length / 2)] as number) - 1) * pageSize);
    closeSync(fd);
    const app = openStore(file, { fullCheckUpToBytes: 0 });
    const report = await checkInBackground(file).done;
    expect(report.ok).toBe(false);
    expect(report.problems.length).toBeGreaterThan(0);
    app.close();
  }, 60_000);

  it('rejects with the reason when the library cannot be read at all', async () => {
    const sealed = join(tmp(), 'sealed.db');
    openStore(sealed, { passphrase: 'north quay' }).close();
    await expect(checkInBackground(sealed, { passphrase: 'south quay' }).done).rejects.toThrow(/passphrase is wrong/);
  }, 60_000);
});
