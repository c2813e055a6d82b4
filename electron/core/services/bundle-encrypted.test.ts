import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { exportCorpus } from '../export';
import { buildCorpus } from '../export/test-support/corpus';
import { openStore, type Db } from '../store/db';
import { useTmpDir } from '../testing/tmp';
import { BundleError, importBundle, isSealedBundle, sniffBundle } from './bundle';
import { importPaths } from './library-import';

const tmp = useTmpDir();
const PASS = 'north pier, low tide';

const counts = (db: Db) => ({
  articles: db.prepare('SELECT count(*) FROM articles').pluck().get(),
  annotations: db.prepare('SELECT count(*) FROM annotations').pluck().get(),
});
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function encryptedBundle(): Promise<{ dir: string; source: Db; file: string; plain: string; texts: string[] }> {
  const dir = tmp();
  const source = openStore(join(dir, 'a.db'));
  const corpus = buildCorpus(source);
  const file = join(dir, 'for-colleague.spanwise');
  const plain = join(dir, 'plain.spanwise');
  await exportCorpus(source, { format: 'bundle', out: file, passphrase: PASS });
  await exportCorpus(source, { format: 'bundle', out: plain });
  return { dir, source, file, plain, texts: corpus.articles.map((a) => a.text) };
}

async function refusal(db: Db, file: string, passphrase?: string): Promise<BundleError> {
  try {
    await importBundle(db, file, passphrase !== undefined ? { passphrase } : {});
  } catch (err) {
    expect(err).toBeInstanceOf(BundleError);
    return err as BundleError;
  }
  throw new Error(`${file} was imported where it should have been refused`);
}

describe('an encrypted bundle', () => {
  it('holds none of the article text in the clear, and opens into the plain bundle of the same library', async () => {
    const { file, plain, texts } = await encryptedBundle();
    const bytes = readFileSync(file);
    for (const text of texts) {
      for (const piece of [text.slice(0, 24), text.slice(-24)]) expect(bytes.includes(Buffer.from(piece, 'utf8'))).toBe(false);
    }
    // Not a gzip stream that a reader could inflate without the passphrase.
    expect([bytes[0], bytes[1]]).not.toEqual([0x1f, 0x8b]);
    expect(isSealedBundle(file)).toBe(true);
    expect(sniffBundle(file)).toBe(true);
    expect(isSealedBundle(plain)).toBe(false);
    expect(gunzipSync(readFileSync(plain)).toString('utf8')).toContain('"format":"spanwise-bundle"');
  });

  it('round trip: merges into another library with its passphrase, as the plain bundle does', async () => {
    const { dir, source, file, plain } = await encryptedBundle();
    const viaSealed = openStore(join(dir, 'b.db'));
    const viaPlain = openStore(join(dir, 'c.db'));
    const sealedReport = await importBundle(viaSealed, file, { passphrase: PASS });
    const plainReport = await importBundle(viaPlain, plain);
    expect(sealedReport).toEqual(plainReport);
    expect(counts(viaSealed)).toEqual(counts(source));
    const rows = (db: Db) => db.prepare('SELECT id, label, start, "end", quote, note, attrs, author, created_at FROM annotations ORDER BY id').all();
    expect(rows(viaSealed)).toEqual(rows(source));
  });

  it('refuses a missing or wrong passphrase, writing nothing', async () => {
    const { dir, file } = await encryptedBundle();
    const target = openStore(join(dir, 'b.db'));
    expect((await refusal(target, file)).code).toBe('locked');
    const wrong = await refusal(target, file, 'north pier, high tide');
    expect(wrong.code).toBe('wrong_passphrase');
    expect(wrong.message).toContain(file);
    expect(wrong.message).toMatch(/passphrase is wrong; nothing was imported/);
    expect(counts(target)).toEqual({ articles: 0, annotations: 0 });
  });

  it('refuses a tampered byte or a file cut short with the reason, importing nothing', async () => {
    const { dir, file } = await encryptedBundle();
    const target = openStore(join(dir, 'b.db'));
    const bytes = readFileSync(file);
    const tampered = join(dir, 'tampered.spanwise');
    const copy = Buffer.from(bytes);
    const at = bytes.indexOf(0x0a) + 40;
    copy[at] = (copy[at] as number) ^ 0x20;
    writeFileSync(tampered, copy);
    expect((await refusal(target, tampered, PASS)).message).toMatch(/fails authentication/);
    const cut = join(dir, 'cut.spanwise');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 30));
    expect((await refusal(target, cut, PASS)).message).toMatch(/cut short|fails authentication/);
    expect(counts(target)).toEqual({ articles: 0, annotations: 0 });
  });

  it('is asked for by an import of files and folders, once per encrypted bundle; a refusal fails that bundle alone', async () => {
    const { dir, file, source } = await encryptedBundle();
    const target = openStore(join(dir, 'b.db'));
    const before = sha(file);
    const asked: string[] = [];
    const refused = await importPaths(target, [file], { author: 'me', bundlePassphrase: async (f) => (asked.push(f), 'not it') });
    expect(refused.outcomes).toEqual([expect.objectContaining({ file, status: 'failed', message: expect.stringMatching(/passphrase is wrong/) })]);
    expect(counts(target)).toEqual({ articles: 0, annotations: 0 });
    const without = await importPaths(target, [file], { author: 'me' });
    expect(without.outcomes[0]).toMatchObject({ status: 'failed', message: expect.stringMatching(/needs its passphrase/) });
    const noTerminal = await importPaths(target, [file], {
      author: 'me',
      bundlePassphrase: async () => {
        throw new Error('no terminal to ask it on');
      },
    });
    expect(noTerminal.outcomes[0]).toMatchObject({ status: 'failed', message: expect.stringMatching(/encrypted bundle, not imported: no terminal/) });
    const done = await importPaths(target, [file], { author: 'me', bundlePassphrase: async (f) => (asked.push(f), PASS) });
    expect(done.outcomes[0]).toMatchObject({ status: 'imported' });
    expect(asked).toEqual([file, file]);
    expect(counts(target)).toEqual(counts(source));
    expect(sha(file)).toBe(before);
    expect(existsSync(file)).toBe(true);
  });

  it('is written only as a bundle', async () => {
    const db = openStore(join(tmp(), 'a.db'));
    await expect(exportCorpus(db, { format: 'jsonl', out: join(tmp(), 'x.jsonl'), passphrase: PASS })).rejects.toThrow(/only a bundle is written encrypted/);
  });
});
