import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { insertArticle } from '../core/store/articles';
import { isEncryptedLibrary, openStore } from '../core/store/db';
import { useTmpDir } from '../core/testing/tmp';
import { run } from './index';
import type { Output } from './output';
import { askHidden, readPassphrase, type HiddenInput, type PassphraseIo } from './passphrase';

const tmp = useTmpDir();
const SECRET = 'Odesa harbour drone strike';

function capture(): Output & { out: Record<string, unknown>[]; err: Record<string, unknown>[] } {
  const out: Record<string, unknown>[] = [];
  const err: Record<string, unknown>[] = [];
  return { json: true, out, err, result: (v) => out.push(v), error: (v) => err.push(v) };
}

/** No terminal and no environment: only the options can give a passphrase. */
const noTerminal = (env: Record<string, string> = {}): PassphraseIo => ({ env, input: null, output: new PassThrough() });

/** A terminal that types `keys` once the prompt has been written, and records what was echoed. */
function fakeTerminal(keys: string[]): HiddenInput & { echoed: () => string; output: PassThrough } {
  const events = new EventEmitter();
  const output = new PassThrough();
  let written = '';
  output.on('data', (c: Buffer) => (written += c.toString()));
  const pending = [...keys];
  return {
    isRaw: false,
    output,
    echoed: () => written,
    setRawMode(raw: boolean) {
      this.isRaw = raw;
    },
    on: (e, l) => events.on(e, l),
    off: (e, l) => events.off(e, l),
    resume: () => {
      const next = pending.shift();
      if (next !== undefined) setImmediate(() => events.emit('data', Buffer.from(next)));
    },
    pause: () => undefined,
  };
}

function plainLibrary(): string {
  const file = join(tmp(), 'library.db');
  const db = openStore(file);
  insertArticle(db, { title: 'Harbour', source: null, url: null, author: null, publishedAt: null, language: 'en', text: `${SECRET}, said the port authority.` });
  db.close();
  return file;
}

function passFile(text: string): string {
  const file = join(tmp(), `pass-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(file, `${text}\n`);
  return file;
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('spanwise encrypt and the passphrase options', () => {
  it('encrypts a library; every command then needs the passphrase, from a file, the environment, or refuses with both named', async () => {
    const file = plainLibrary();
    const pass = passFile('tide tables');
    const enc = capture();
    expect(await run(['encrypt', '--db', file, '--new-passphrase-file', pass], enc, noTerminal())).toBe(0);
    expect(enc.out[0]).toMatchObject({ type: 'encryption', action: 'encrypted' });
    expect(isEncryptedLibrary(file)).toBe(true);
    expect(readFileSync(file).includes(Buffer.from(SECRET))).toBe(false);

    const refused = capture();
    expect(await run(['stats', '--db', file], refused, noTerminal())).toBe(2);
    expect(refused.err[0]?.message).toMatch(/--passphrase-file FILE or set SPANWISE_PASSPHRASE/);

    const withFile = capture();
    expect(await run(['stats', '--db', file, '--passphrase-file', pass], withFile, noTerminal())).toBe(0);
    expect(withFile.out[0]).toMatchObject({ type: 'stats', articles: 1 });
    const withEnv = capture();
    expect(await run(['search', '--db', file, 'harbour'], withEnv, noTerminal({ SPANWISE_PASSPHRASE: 'tide tables' }))).toBe(0);
    expect(withEnv.out.at(-1)).toMatchObject({ type: 'summary', total: 1 });
  });

  it('refuses a wrong passphrase with the reason and leaves the library byte-identical', async () => {
    const file = plainLibrary();
    expect(await run(['encrypt', '--db', file], capture(), noTerminal({ SPANWISE_NEW_PASSPHRASE: 'right one' }))).toBe(0);
    const before = sha(file);
    const o = capture();
    expect(await run(['stats', '--db', file], o, noTerminal({ SPANWISE_PASSPHRASE: 'wrong one' }))).toBe(1);
    expect(o.err[0]?.message).toMatch(/passphrase is wrong/);
    expect(sha(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('changes the passphrase, and refuses encrypt on an encrypted library and change-passphrase on a plain one', async () => {
    const file = plainLibrary();
    const env = { SPANWISE_NEW_PASSPHRASE: 'first' };
    expect(await run(['encrypt', '--db', file], capture(), noTerminal(env))).toBe(0);
    expect(await run(['encrypt', '--db', file], capture(), noTerminal(env))).toBe(2);
    expect(await run(['change-passphrase', '--db', file], capture(), noTerminal({ SPANWISE_PASSPHRASE: 'first', SPANWISE_NEW_PASSPHRASE: 'second' }))).toBe(0);
    expect(await run(['stats', '--db', file], capture(), noTerminal({ SPANWISE_PASSPHRASE: 'first' }))).toBe(1);
    expect(await run(['stats', '--db', file], capture(), noTerminal({ SPANWISE_PASSPHRASE: 'second' }))).toBe(0);
    expect(await run(['change-passphrase', '--db', plainLibrary()], capture(), noTerminal(env))).toBe(2);
  });

  it('backs up an encrypted library encrypted, and restores it with the backup passphrase', async () => {
    const file = plainLibrary();
    const io = noTerminal({ SPANWISE_NEW_PASSPHRASE: 'quay', SPANWISE_PASSPHRASE: 'quay' });
    expect(await run(['encrypt', '--db', file], capture(), io)).toBe(0);
    const backup = join(tmp(), 'backup.db');
    expect(await run(['backup', '--db', file, '--out', backup], capture(), io)).toBe(0);
    expect(isEncryptedLibrary(backup)).toBe(true);
    expect(readFileSync(backup).includes(Buffer.from(SECRET))).toBe(false);
    const target = join(tmp(), 'restored.db');
    expect(await run(['restore', '--db', target, '--from', backup], capture(), noTerminal())).toBe(2);
    expect(existsSync(target)).toBe(false);
    expect(await run(['restore', '--db', target, '--from', backup], capture(), io)).toBe(0);
    const stats = capture();
    expect(await run(['stats', '--db', target], stats, io)).toBe(0);
    expect(stats.out[0]).toMatchObject({ articles: 1 });
  });
});

describe('the terminal prompt', () => {
  it('echoes nothing of what is typed, and Backspace edits', async () => {
    const term = fakeTerminal(['tide\u007f\u007f\u007f\u007fquay wall\r']);
    const value = await askHidden('Passphrase for x: ', term, term.output);
    expect(value).toBe('quay wall');
    expect(term.echoed()).toBe('Passphrase for x: \n');
    expect(term.isRaw).toBe(false);
  });

  it('asks a new passphrase twice and refuses two that differ', async () => {
    const term = fakeTerminal(['one\r', 'two\r']);
    const io: PassphraseIo = { env: {}, input: term, output: term.output };
    await expect(readPassphrase({ what: 'lib.db', fileOption: '--new-passphrase-file', envName: 'X', confirm: true }, io)).rejects.toThrow(/differ/);
    const same = fakeTerminal(['one\r', 'one\r']);
    await expect(readPassphrase({ what: 'lib.db', fileOption: '--new-passphrase-file', envName: 'X', confirm: true }, { env: {}, input: same, output: same.output })).resolves.toBe('one');
  });

  it('stops on Ctrl-C', async () => {
    const term = fakeTerminal(['ab\u0003']);
    await expect(askHidden('P: ', term, term.output)).rejects.toThrow(/cancelled/);
  });

  it('a passphrase file gives its first line; an empty one is refused', async () => {
    const io = noTerminal();
    await expect(readPassphrase({ what: 'x', fileOption: '--passphrase-file', envName: 'X', file: passFile('line one\r\nline two') }, io)).resolves.toBe('line one');
    await expect(readPassphrase({ what: 'x', fileOption: '--passphrase-file', envName: 'X', file: passFile('') }, io)).rejects.toThrow(/first line is empty/);
  });
});
