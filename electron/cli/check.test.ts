import Database from 'better-sqlite3-multiple-ciphers';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { insertArticle } from '../core/store/articles';
import { openStore } from '../core/store/db';
import { useTmpDir } from '../core/testing/tmp';
import { run } from './index';
import type { Output } from './output';
import type { PassphraseIo } from './passphrase';

const tmp = useTmpDir();
const noTerminal: PassphraseIo = { env: {}, input: null, output: new PassThrough() };
const sha = (file: string) => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'absent');

function capture(): Output & { out: Record<string, unknown>[]; err: Record<string, unknown>[] } {
  const out: Record<string, unknown>[] = [];
  const err: Record<string, unknown>[] = [];
  return { json: true, out, err, result: (v) => out.push(v), error: (v) => err.push(v) };
}

function library(file: string, passphrase?: string): string {
  const db = openStore(file, passphrase !== undefined ? { passphrase } : {});
  db.transaction(() => {
    for (let i = 0; i < 300; i++) {
      insertArticle(db, { title: `Report ${i}`, source: 'wire', url: null, author: null, publishedAt: null, language: 'en', text: `Report ${i}. ${'The ferry crossed at dawn. '.repeat(40)}` });
    }
  })();
  db.close();
  return file;
}

describe('spanwise check', () => {
  it('reports a sound library with exit 0, as one JSON object', async () => {
    const file = library(join(tmp(), 'sound.db'));
    const o = capture();
    expect(await run(['check', '--db', file, '--json'], o, noTerminal)).toBe(0);
    expect(o.out).toEqual([expect.objectContaining({ type: 'check', db: file, ok: true, mode: 'integrity_check', problems: [] })]);
    const quick = capture();
    expect(await run(['check', '--db', file, '--quick', '--json'], quick, noTerminal)).toBe(0);
    expect(quick.out[0]).toMatchObject({ mode: 'quick_check', ok: true });
  });

  it('reports a damaged page with exit 1 and what SQLite found, changing no byte; other commands refuse the library too', async () => {
    const file = library(join(tmp(), 'damaged.db'));
    const raw = new Database(file);
    const pages = raw.prepare("SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    raw.close();
    const fd = openSync(file, 'r+');
    writeSync(fd, randomBytes(pageSize), 0, pageSize, ((pages[Math.floor(pages.length / 2)] as number) - 1) * pageSize);
    closeSync(fd);
    const before = sha(file);

    const o = capture();
    expect(await run(['check', '--db', file, '--json'], o, noTerminal)).toBe(1);
    expect(o.err[0]).toMatchObject({ type: 'check', ok: false });
    expect((o.err[0]?.problems as string[]).length).toBeGreaterThan(0);
    const stats = capture();
    expect(await run(['stats', '--db', file, '--json'], stats, noTerminal)).toBe(1);
    expect(String(stats.err[0]?.message)).toMatch(/damaged/);
    expect(sha(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('asks for an encrypted library\'s passphrase, and refuses a wrong one', async () => {
    const file = library(join(tmp(), 'sealed.db'), 'tide tables');
    const right = join(tmp(), 'right.txt');
    const wrong = join(tmp(), 'wrong.txt');
    writeFileSync(right, 'tide tables\n');
    writeFileSync(wrong, 'tide charts\n');
    const o = capture();
    expect(await run(['check', '--db', file, '--passphrase-file', right, '--json'], o, noTerminal)).toBe(0);
    expect(o.out[0]).toMatchObject({ ok: true });
    const refused = capture();
    expect(await run(['check', '--db', file, '--passphrase-file', wrong, '--json'], refused, noTerminal)).toBe(1);
    expect(String(refused.err[0]?.message)).toMatch(/passphrase is wrong/);
    expect(await run(['check', '--db', file, '--json'], capture(), noTerminal)).toBe(2);
  });

  it('refuses a library that does not exist with exit 2, creating nothing', async () => {
    const missing = join(tmp(), 'typo.db');
    const o = capture();
    expect(await run(['check', '--db', missing, '--json'], o, noTerminal)).toBe(2);
    expect(String(o.err[0]?.message)).toContain(missing);
    expect(existsSync(missing)).toBe(false);
  });
});
