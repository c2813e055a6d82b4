import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../testing/tmp';
import { insertArticle } from './articles';
import { backupStore, restoreStore, verifyBackup } from './backup';
import { isEncryptedLibrary, openStore, StoreError, type Db } from './db';

const tmp = useTmpDir();
const PASS = 'river crossing at dawn';
const SECRET = 'Kherson ferry timetable';
const sha = (file: string) => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'absent');
const holdsText = (file: string) => readFileSync(file).includes(Buffer.from(SECRET, 'utf8'));

function encryptedLibrary(file: string, n = 40): Db {
  const db = openStore(file, { passphrase: PASS });
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      insertArticle(db, { title: `${SECRET} ${i}`, source: 'wire', url: null, author: null, publishedAt: null, language: 'en', text: `${SECRET} ${i}. ${'Boats ran twice a day. '.repeat(50)}` });
    }
  })();
  return db;
}

async function refusal(run: () => unknown): Promise<StoreError> {
  try {
    await run();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return err as StoreError;
  }
  throw new Error('expected a refusal');
}

describe('backups of an encrypted library', () => {
  it('are encrypted with the same passphrase, hold no text in the clear, and verify only with it', async () => {
    const dir = tmp();
    const db = encryptedLibrary(join(dir, 'lib.db'));
    const out = join(dir, 'backup.db');
    const progress: number[] = [];
    const counts = await backupStore(db, out, (done) => progress.push(done), { passphrase: PASS });
    db.close();
    expect(counts.articles).toBe(40);
    expect(progress.at(-1)).toBe(1);
    expect(isEncryptedLibrary(out)).toBe(true);
    expect(holdsText(out)).toBe(false);
    expect(existsSync(`${out}-wal`)).toBe(false);
    expect(verifyBackup(out, { passphrase: PASS }).articles).toBe(40);

    const before = sha(out);
    expect((await refusal(() => verifyBackup(out))).code).toBe('locked');
    expect((await refusal(() => verifyBackup(out, { passphrase: 'not it' }))).code).toBe('wrong_passphrase');
    expect(sha(out)).toBe(before);
  });

  it('restore to an encrypted library that opens with the backup passphrase', async () => {
    const dir = tmp();
    const db = encryptedLibrary(join(dir, 'lib.db'));
    const out = join(dir, 'backup.db');
    await backupStore(db, out, undefined, { passphrase: PASS });
    db.close();
    const target = join(dir, 'restored.db');
    // A plain library is replaced by the encrypted backup, and kept beside it.
    openStore(target).close();
    const keep = join(dir, 'restored.db.before');
    expect((await restoreStore(out, target, { passphrase: PASS, keepPreviousAs: keep })).articles).toBe(40);
    expect(isEncryptedLibrary(target)).toBe(true);
    expect(isEncryptedLibrary(keep)).toBe(false);
    expect(holdsText(target)).toBe(false);
    const restored = openStore(target, { passphrase: PASS });
    expect(restored.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(40);
    expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
    restored.close();
  });

  it('a restore refuses a wrong passphrase before it touches the target', async () => {
    const dir = tmp();
    const db = encryptedLibrary(join(dir, 'lib.db'), 5);
    const out = join(dir, 'backup.db');
    await backupStore(db, out, undefined, { passphrase: PASS });
    db.close();
    const target = join(dir, 'target.db');
    openStore(target).close();
    const before = sha(target);
    expect((await refusal(() => restoreStore(out, target, { passphrase: 'wrong' }))).code).toBe('wrong_passphrase');
    expect(sha(target)).toBe(before);
  });

  it('a restore over an encrypted library still open elsewhere is refused, with the library left alone', async () => {
    const dir = tmp();
    const app = encryptedLibrary(join(dir, 'lib.db'), 5);
    const out = join(dir, 'backup.db');
    await backupStore(app, out, undefined, { passphrase: PASS });
    const err = await refusal(() => restoreStore(out, join(dir, 'lib.db'), { passphrase: PASS }));
    expect(err.code).toBe('conflict');
    expect(app.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(5);
    app.close();
  });
});
