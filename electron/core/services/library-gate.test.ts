import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertArticle } from '../store/articles';
import { openStore } from '../store/db';
import { quietPlatform } from '../testing/platform';
import { useTmpDir } from '../testing/tmp';
import { openLibraryGate, type Keychain } from './library-gate';

const tmp = useTmpDir();
const PASS = 'lighthouse keeper';
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function library(passphrase?: string): string {
  const file = join(tmp(), 'spanwise.db');
  const db = openStore(file, passphrase !== undefined ? { passphrase } : {});
  insertArticle(db, { title: 'Lighthouse', source: null, url: null, author: null, publishedAt: null, language: 'en', text: 'The lighthouse at Tuzla was dark for a week.' });
  db.close();
  return file;
}

/** A keychain in memory that records what it was asked to do. */
function memoryKeychain(available: boolean, kept: string | null = null): Keychain & { kept: string | null; calls: string[] } {
  const chain = {
    available,
    kept,
    calls: [] as string[],
    recall: () => {
      chain.calls.push('recall');
      return chain.kept;
    },
    keep: (p: string) => {
      chain.calls.push('keep');
      chain.kept = p;
    },
    forget: () => {
      chain.calls.push('forget');
      chain.kept = null;
    },
  };
  return chain;
}

describe('opening a library in the app', () => {
  it('opens a plain library at once', async () => {
    const gate = await openLibraryGate(library(), quietPlatform('me'));
    expect(await gate.dispatch('library/lockState', {})).toEqual({ ok: true, value: { locked: false, library: 'spanwise.db', canRemember: false } });
    expect(await gate.dispatch('library/stats', {})).toMatchObject({ ok: true, value: { articles: 1 } });
    expect((await gate.opened).passphrase).toBeUndefined();
    gate.close();
  });

  it('keeps an encrypted library locked until its passphrase is given; wrong ones are refused as often as tried, changing nothing', async () => {
    const file = library(PASS);
    const before = sha(file);
    const gate = await openLibraryGate(file, quietPlatform('me'));
    expect(await gate.dispatch('library/lockState', {})).toMatchObject({ ok: true, value: { locked: true, canRemember: false } });
    expect(await gate.dispatch('articles/list', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await gate.dispatch('nope/never', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await gate.dispatch('library/unlock', { passphrase: '' , remember: false })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    for (let i = 0; i < 4; i++) {
      const wrong = await gate.dispatch('library/unlock', { passphrase: `lighthouse keeper ${i}`, remember: false });
      expect(wrong).toEqual({ ok: true, value: { unlocked: false, reason: expect.stringMatching(/passphrase is wrong.*Nothing was changed/) } });
    }
    expect(sha(file)).toBe(before);
    expect(gate.current()).toBeNull();
    expect(await gate.dispatch('library/unlock', { passphrase: PASS, remember: false })).toEqual({ ok: true, value: { unlocked: true, reason: null } });
    expect(await gate.dispatch('library/lockState', {})).toMatchObject({ ok: true, value: { locked: false } });
    expect(await gate.dispatch('library/stats', {})).toMatchObject({ ok: true, value: { articles: 1 } });
    expect((await gate.opened).passphrase).toBe(PASS);
    gate.close();
  });

  it('opens with the passphrase the keychain kept, and keeps or forgets it as the analyst says', async () => {
    const file = library(PASS);
    const kept = memoryKeychain(true, PASS);
    const gate = await openLibraryGate(file, quietPlatform('me'), { keychain: kept });
    expect(gate.current()).not.toBeNull();
    expect(await gate.dispatch('library/lockState', {})).toMatchObject({ ok: true, value: { locked: false, canRemember: true } });
    gate.close();

    // A passphrase changed since (spanwise change-passphrase) is forgotten, and asked for.
    const stale = memoryKeychain(true, 'the old one');
    const asked = await openLibraryGate(file, quietPlatform('me'), { keychain: stale });
    expect(asked.current()).toBeNull();
    expect(stale.kept).toBeNull();
    expect(await asked.dispatch('library/unlock', { passphrase: PASS, remember: true })).toMatchObject({ ok: true, value: { unlocked: true } });
    expect(stale.kept).toBe(PASS);
    asked.close();

    const once = memoryKeychain(true, null);
    const notKept = await openLibraryGate(file, quietPlatform('me'), { keychain: once });
    await notKept.dispatch('library/unlock', { passphrase: PASS, remember: false });
    expect(once.kept).toBeNull();
    expect(once.calls).toEqual(['recall', 'forget']);
    notKept.close();
  });

  it('never keeps a passphrase where the keychain is not real (Linux basic_text)', async () => {
    const file = library(PASS);
    const fake = memoryKeychain(false, PASS);
    const gate = await openLibraryGate(file, quietPlatform('me'), { keychain: fake });
    expect(gate.current()).toBeNull();
    expect(await gate.dispatch('library/lockState', {})).toMatchObject({ ok: true, value: { locked: true, canRemember: false } });
    await gate.dispatch('library/unlock', { passphrase: PASS, remember: true });
    expect(fake.calls).toEqual([]);
    gate.close();
  });
});
