import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../cli/index';
import { createOutput, EXIT } from '../../cli/output';
import { exportCorpus } from '../export';
import { readBundleLines, readJsonl } from '../export/test-support/readers';
import { EMBEDDED_POST_ARTICLE } from '../import/test-support/embedded-post';
import { openStore, type Db } from '../store/db';
import { getProvenance, originalBytes } from '../store/provenance';
import { quietPlatform } from '../testing/platform';
import { useTmpDir } from '../testing/tmp';
import { createHandlers } from './handlers';
import { fileSource, importBatch, textSource } from './importer';
import { createTrash } from './trash';
import { importBundle } from './bundle';

const tmp = useTmpDir();
const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function library(dir = tmp()) {
  const file = join(dir, 'x.db');
  const db = openStore(file);
  opened.push(db);
  return { dir, file, db };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('provenance of imported files', () => {
  it('keeps each file’s bytes and sha256, name, importer, who and when, and gives the bytes back exactly', async () => {
    const { dir, db } = library();
    // CRLF, a BOM and curly quotes: bytes the canonical text does not keep.
    const bytes = Buffer.from(`\uFEFF${EMBEDDED_POST_ARTICLE.replace(/\n/g, '\r\n')}`, 'utf8');
    const path = join(dir, 'kharkiv.txt');
    writeFileSync(path, bytes);
    const report = await importBatch(db, [fileSource(path)], { author: 'alice' });
    const id = report.outcomes[0]?.articleIds[0] as string;
    const provenance = getProvenance(db, id);
    expect(provenance).toMatchObject({ sha256: sha256(bytes), size: bytes.length, fileName: 'kharkiv.txt', importer: 'txt', importedBy: 'alice', kept: true, origin: null });
    expect(Date.parse(provenance?.importedAt ?? '')).not.toBeNaN();
    const original = originalBytes(db, id);
    expect(original?.bytes.equals(bytes)).toBe(true);
    // Compressed: the stored blob is smaller than the file.
    const stored = db.prepare('SELECT length(content) FROM source_files').pluck().get() as number;
    expect(stored).toBeLessThan(bytes.length);
  });

  it('recognises a re-import of the same bytes by their hash, even after the text was corrected', async () => {
    const { dir, db } = library();
    const path = join(dir, 'a.txt');
    writeFileSync(path, EMBEDDED_POST_ARTICLE);
    const first = await importBatch(db, [fileSource(path)], { author: 'alice' });
    const id = first.outcomes[0]?.articleIds[0] as string;
    db.prepare("UPDATE articles SET text = text || ' (corrected)' WHERE id = ?").run(id);
    writeFileSync(join(dir, 'copy.txt'), EMBEDDED_POST_ARTICLE);
    const again = await importBatch(db, [fileSource(join(dir, 'copy.txt'))], { author: 'bob' });
    expect(again.outcomes[0]).toMatchObject({ status: 'duplicate', articleIds: [] });
    expect(again.outcomes[0]?.message).toMatch(/^already imported: the same file \(sha256 [0-9a-f]{12}…\) as a\.txt, imported .* by alice$/);
    expect(db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(1);
  });

  it('points every article of a many-article file at one stored copy, with each one’s place in it', async () => {
    const { dir, db } = library();
    const lines = ['One report of 12 trucks.', 'Another of 13 trucks.'].map((text, i) => JSON.stringify({ title: `R${i}`, text }));
    const path = join(dir, 'set.jsonl');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const report = await importBatch(db, [fileSource(path)], { author: 'alice' });
    const ids = report.outcomes[0]?.articleIds ?? [];
    expect(ids).toHaveLength(2);
    expect(ids.map((id) => getProvenance(db, id)?.origin)).toEqual(['line 1', 'line 2']);
    expect(new Set(ids.map((id) => getProvenance(db, id)?.sha256)).size).toBe(1);
    expect(db.prepare('SELECT count(*) FROM source_files').pluck().get()).toBe(1);
    expect(originalBytes(db, ids[1] as string)?.bytes.toString('utf8')).toBe(`${lines.join('\n')}\n`);
  });

  it('keeps a pasted text as its UTF-8 bytes, read as paste', async () => {
    const { db } = library();
    const report = await importBatch(db, [textSource('clip', EMBEDDED_POST_ARTICLE)], { author: 'alice' });
    const id = report.outcomes[0]?.articleIds[0] as string;
    expect(getProvenance(db, id)).toMatchObject({ importer: 'paste', sha256: sha256(Buffer.from(EMBEDDED_POST_ARTICLE, 'utf8')) });
  });

  it('removes the bytes with the last article from them, and puts them back when the delete is undone', async () => {
    const { dir, db } = library();
    writeFileSync(join(dir, 'a.txt'), EMBEDDED_POST_ARTICLE);
    const id = (await importBatch(db, [fileSource(join(dir, 'a.txt'))])).outcomes[0]?.articleIds[0] as string;
    const trash = createTrash(db);
    const { token } = trash.remove([id]);
    expect(db.prepare('SELECT count(*) FROM source_files').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM article_provenance').pluck().get()).toBe(0);
    trash.restore(token);
    expect(originalBytes(db, id)?.bytes.toString('utf8')).toBe(EMBEDDED_POST_ARTICLE);
  });

  it('carries the sha256 in JSONL and bundles', async () => {
    const { dir, db } = library();
    writeFileSync(join(dir, 'a.txt'), EMBEDDED_POST_ARTICLE);
    await importBatch(db, [fileSource(join(dir, 'a.txt'))], { author: 'alice' });
    const expected = { sha256: sha256(Buffer.from(EMBEDDED_POST_ARTICLE)), file_name: 'a.txt', importer: 'txt', imported_by: 'alice' };
    await exportCorpus(db, { format: 'jsonl', out: join(dir, 'x.jsonl') });
    expect(readJsonl(readFileSync(join(dir, 'x.jsonl'), 'utf8'))[0]?.original).toMatchObject(expected);
    await exportCorpus(db, { format: 'bundle', out: join(dir, 'x.spanwise') });
    expect(readBundleLines(readFileSync(join(dir, 'x.spanwise')))[1]?.original).toMatchObject(expected);
  });

  it('travels through a bundle merge: the other library knows the hash, file, importer, who and when, and recognises the same file', async () => {
    const a = library();
    writeFileSync(join(a.dir, 'a.txt'), EMBEDDED_POST_ARTICLE);
    const id = (await importBatch(a.db, [fileSource(join(a.dir, 'a.txt'))], { author: 'alice' })).outcomes[0]?.articleIds[0] as string;
    const mine = getProvenance(a.db, id);
    await exportCorpus(a.db, { format: 'bundle', out: join(a.dir, 'x.spanwise') });
    const b = library(tmp());
    expect((await importBundle(b.db, join(a.dir, 'x.spanwise'), { author: 'bob' })).articlesAdded).toBe(1);
    // The bytes stay on the machine that imported the file: only what proves and names them travels.
    expect(getProvenance(b.db, id)).toEqual({ ...mine, kept: false });
    writeFileSync(join(b.dir, 'again.txt'), EMBEDDED_POST_ARTICLE);
    const again = await importBatch(b.db, [fileSource(join(b.dir, 'again.txt'))], { author: 'bob' });
    expect(again.outcomes[0]?.message).toMatch(/^already imported: the same file \(sha256 [0-9a-f]{12}…\) as a\.txt, imported .* by alice$/);
    // Merged again, the article keeps what it says.
    await importBundle(b.db, join(a.dir, 'x.spanwise'), { author: 'bob' });
    expect(b.db.prepare('SELECT count(*) FROM article_provenance').pluck().get()).toBe(1);
  });

  it('is read through the contract and saved where the analyst says', async () => {
    const { dir, db } = library();
    writeFileSync(join(dir, 'a.txt'), EMBEDDED_POST_ARTICLE);
    const id = (await importBatch(db, [fileSource(join(dir, 'a.txt'))])).outcomes[0]?.articleIds[0] as string;
    const target = join(dir, 'saved.txt');
    const handlers = createHandlers(db, quietPlatform('alice', { pickOriginalTarget: async (name) => (name === 'a.txt' ? target : null) }));
    expect((await handlers['provenance/get']({ id })).provenance?.fileName).toBe('a.txt');
    expect(await handlers['provenance/saveOriginal']({ id })).toEqual({ saved: { file: target, bytes: Buffer.byteLength(EMBEDDED_POST_ARTICLE) } });
    expect(readFileSync(target, 'utf8')).toBe(EMBEDDED_POST_ARTICLE);
  });

  it('is printed and written out by spanwise original', async () => {
    const { dir, db, file } = library();
    writeFileSync(join(dir, 'a.txt'), EMBEDDED_POST_ARTICLE);
    const id = (await importBatch(db, [fileSource(join(dir, 'a.txt'))], { author: 'alice' })).outcomes[0]?.articleIds[0] as string;
    db.close();
    opened.splice(opened.indexOf(db), 1);
    let stdout = '';
    const out = new PassThrough().on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    const err = new PassThrough();
    expect(await run(['original', '--db', file, id, '--json'], createOutput(true, out, err))).toBe(EXIT.ok);
    expect(JSON.parse(stdout.trim())).toMatchObject({ type: 'provenance', article_id: id, fileName: 'a.txt', importer: 'txt' });
    const target = join(dir, 'back.txt');
    expect(await run(['original', '--db', file, id, '--out', target], createOutput(false, out, err))).toBe(EXIT.ok);
    expect(readFileSync(target, 'utf8')).toBe(EMBEDDED_POST_ARTICLE);
    expect(await run(['original', '--db', file, id, '--out', target], createOutput(false, out, err))).toBe(EXIT.usage);
    expect(await run(['original', '--db', file, 'nope'], createOutput(false, out, err))).toBe(EXIT.usage);
  });
});
