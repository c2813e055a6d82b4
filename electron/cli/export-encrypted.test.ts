import { readFileSync, writeFileSync } from 'node:fs';
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
const SECRET = 'Mariupol drama theatre shelter list';

function capture(): Output & { out: Record<string, unknown>[]; err: Record<string, unknown>[] } {
  const out: Record<string, unknown>[] = [];
  const err: Record<string, unknown>[] = [];
  return { json: true, out, err, result: (v) => out.push(v), error: (v) => err.push(v) };
}
const io = (env: Record<string, string> = {}): PassphraseIo => ({ env, input: null, output: new PassThrough() });

function passFile(text: string): string {
  const file = join(tmp(), `pass-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(file, `${text}\n`);
  return file;
}

describe('spanwise export --format bundle --encrypt', () => {
  it('writes a bundle sealed with the passphrase, which import asks for and merges with', async () => {
    const dir = tmp();
    const lib = join(dir, 'a.db');
    const db = openStore(lib);
    insertArticle(db, { title: 'Shelter', source: null, url: null, author: null, publishedAt: null, language: 'en', text: `${SECRET}, kept by the city.` });
    db.close();
    const out = join(dir, 'carry.spanwise');
    const pass = passFile('kept on paper only');
    const exported = capture();
    expect(await run(['export', '--db', lib, '--format', 'bundle', '--encrypt', '--bundle-passphrase-file', pass, '--out', out, '--json'], exported, io())).toBe(0);
    expect(exported.out[0]).toMatchObject({ type: 'export', articles: 1, encrypted: true });
    expect(readFileSync(out).includes(Buffer.from('Mariupol'))).toBe(false);

    const other = join(dir, 'b.db');
    const wrong = capture();
    expect(await run(['import', '--db', other, out, '--bundle-passphrase-file', passFile('kept on paper'), '--json'], wrong, io())).toBe(1);
    expect(wrong.err[0]).toMatchObject({ type: 'file', status: 'failed', message: expect.stringMatching(/passphrase is wrong; nothing was imported/) });
    const none = capture();
    expect(await run(['import', '--db', other, out, '--json'], none, io())).toBe(1);
    expect(none.err[0]).toMatchObject({ status: 'failed', message: expect.stringMatching(/no terminal to ask it on: give --bundle-passphrase-file FILE or set SPANWISE_BUNDLE_PASSPHRASE/) });
    const stats = capture();
    await run(['stats', '--db', other, '--json'], stats, io());
    expect(stats.out[0]).toMatchObject({ articles: 0 });

    const merged = capture();
    expect(await run(['import', '--db', other, out, '--json'], merged, io({ SPANWISE_BUNDLE_PASSPHRASE: 'kept on paper only' }))).toBe(0);
    expect(merged.out[0]).toMatchObject({ type: 'file', status: 'imported' });
    const after = capture();
    await run(['search', '--db', other, 'Mariupol', '--json'], after, io());
    expect(after.out.at(-1)).toMatchObject({ type: 'summary', total: 1 });
  }, 60_000);

  it('refuses --encrypt for another format, and without a passphrase to seal with', async () => {
    const lib = join(tmp(), 'a.db');
    openStore(lib).close();
    const csv = capture();
    expect(await run(['export', '--db', lib, '--format', 'csv', '--encrypt', '--out', join(tmp(), 'x.csv'), '--json'], csv, io())).toBe(2);
    expect(String(csv.err[0]?.message)).toMatch(/--encrypt applies to --format bundle only/);
    const none = capture();
    expect(await run(['export', '--db', lib, '--format', 'bundle', '--encrypt', '--out', join(tmp(), 'x.spanwise'), '--json'], none, io())).toBe(2);
    expect(String(none.err[0]?.message)).toMatch(/SPANWISE_BUNDLE_PASSPHRASE/);
  });
});
