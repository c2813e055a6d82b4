import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { insertArticle } from '../core/store/articles';
import { openStore, StoreError } from '../core/store/db';
import { useTmpDir } from '../core/testing/tmp';
import { backupCommand, restoreCommand } from './backup';
import { run } from './index';
import { createOutput, EXIT, UsageError } from './output';

const tmp = useTmpDir();

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let text = '';
  stdout.on('data', (c: Buffer) => (text += c.toString('utf8')));
  return { out: createOutput(true, stdout, stderr), lines: () => text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

function library(file: string, titles: string[]): void {
  const db = openStore(file);
  for (const title of titles) {
    insertArticle(db, { title, source: null, url: null, author: null, publishedAt: null, language: 'en', text: `${title}: the text of the article.` });
  }
  db.close();
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('spanwise backup and restore', () => {
  it('backs up an open library and restores it, keeping the library it replaced', async () => {
    const dir = tmp();
    const file = join(dir, 'library.db');
    const backup = join(dir, 'library.backup');
    library(file, ['Flood warning', 'Bridge closed']);

    const db = openStore(file);
    const b = capture();
    expect(await backupCommand(db, [], b.out, { out: backup })).toBe(EXIT.ok);
    db.close();
    expect(b.lines()).toEqual([expect.objectContaining({ type: 'backup', out: backup, articles: 2, annotations: 0 })]);

    const later = openStore(file);
    insertArticle(later, { title: 'Written after the backup', source: null, url: null, author: null, publishedAt: null, language: 'en', text: 'Later.' });
    later.close();

    const r = capture();
    expect(await restoreCommand(file, [], r.out, { from: backup })).toBe(EXIT.ok);
    const [verified, restored] = r.lines();
    expect(verified).toMatchObject({ type: 'verified', articles: 2 });
    expect(restored).toMatchObject({ type: 'restore', db: file, articles: 2 });
    const previous = restored?.previous as string;
    expect(previous).toMatch(/library\.db\.before-restore-/);

    const now = openStore(file);
    expect(now.prepare('SELECT title FROM articles ORDER BY title').pluck().all()).toEqual(['Bridge closed', 'Flood warning']);
    now.close();
    const kept = openStore(previous, { readonly: true });
    expect(kept.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(3);
    kept.close();
  });

  it('refuses a damaged backup without touching the library', async () => {
    const dir = tmp();
    const file = join(dir, 'library.db');
    library(file, ['Only article']);
    const bad = join(dir, 'bad.backup');
    writeFileSync(bad, randomBytes(16 * 1024));
    const before = sha256(file);
    const files = readdirSync(dir).sort();

    const r = capture();
    await expect(restoreCommand(file, [], r.out, { from: bad })).rejects.toBeInstanceOf(StoreError);
    expect(sha256(file)).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(files);
  });

  it('reports usage errors for missing options and stray arguments', async () => {
    const dir = tmp();
    const file = join(dir, 'library.db');
    library(file, ['A']);
    const db = openStore(file);
    await expect(backupCommand(db, [], capture().out, {})).rejects.toBeInstanceOf(UsageError);
    await expect(backupCommand(db, ['extra'], capture().out, { out: join(dir, 'x') })).rejects.toBeInstanceOf(UsageError);
    db.close();
    await expect(restoreCommand(file, [], capture().out, {})).rejects.toBeInstanceOf(UsageError);
  });

  it('runs as spanwise backup and spanwise restore, and refuses a damaged backup with exit 1', async () => {
    const dir = tmp();
    const file = join(dir, 'library.db');
    const backup = join(dir, 'copy.backup');
    library(file, ['Harbour strike', 'Grain prices']);

    const b = capture();
    expect(await run(['backup', '--db', file, '--out', backup, '--json'], b.out)).toBe(EXIT.ok);
    expect(b.lines()).toEqual([expect.objectContaining({ type: 'backup', articles: 2 })]);

    const r = capture();
    expect(await run(['restore', '--db', file, '--from', backup, '--json'], r.out)).toBe(EXIT.ok);
    expect(r.lines().map((l) => l.type)).toEqual(['verified', 'restore']);

    const bad = join(dir, 'bad.backup');
    writeFileSync(bad, randomBytes(8 * 1024));
    const before = sha256(file);
    expect(await run(['restore', '--db', file, '--from', bad, '--json'], capture().out)).toBe(EXIT.someFailed);
    expect(sha256(file)).toBe(before);
    expect(await run(['restore', '--db', file, '--json'], capture().out)).toBe(EXIT.usage);
  });
});
