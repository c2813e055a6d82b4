import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contract } from '../../../shared/ipc/contract';
import { exportCorpus } from '../export';
import { readJsonl } from '../export/test-support/readers';
import { EMBEDDED_POST_ARTICLE, SIGNATURE_LINE } from '../import/test-support/embedded-post';
import { openStore, type Db } from '../store/db';
import { originalBytes } from '../store/provenance';
import { quietPlatform } from '../testing/platform';
import { useTmpDir } from '../testing/tmp';
import { createHandlers } from './handlers';
import { fileSource, importBatch } from './importer';

const tmp = useTmpDir();
const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function library() {
  const dir = tmp();
  const db = openStore(join(dir, 'x.db'));
  opened.push(db);
  return { dir, db, handlers: createHandlers(db, quietPlatform('alice')) };
}

/** The example report analysts bring: a news article with an embedded post pasted as text. */
const EXAMPLE = readFileSync(new URL('../import/test-support/example-article.txt', import.meta.url));
const EXAMPLE_SIGNATURE = '— Volodymyr Zelenskyy / Володимир Зеленський (@ZelenskyyUa) November 26, 2024';

async function importFile(db: Db, dir: string, name: string, bytes: Uint8Array | string): Promise<string> {
  writeFileSync(join(dir, name), bytes);
  const report = await importBatch(db, [fileSource(join(dir, name))], { author: 'alice' });
  const id = report.outcomes[0]?.articleIds[0];
  if (!id) throw new Error(`not imported: ${JSON.stringify(report.outcomes[0])}`);
  return id;
}

describe('the example article', () => {
  it('imports with the signature under the embedded post in its text, its original bytes and hash in the library and in JSONL', async () => {
    const { dir, db, handlers } = library();
    const id = await importFile(db, dir, 'example-article.txt', EXAMPLE);
    const { article } = await handlers['articles/get']({ id });
    expect(article.text).toContain(`Unfortunately, there…\n\n${EXAMPLE_SIGNATURE}\n\nMoscow’s Retaliatory Strikes`);
    // The claimant can be found again.
    const found = await handlers['articles/list'](contract['articles/list'].input.parse({ query: 'Zelenskyy' }));
    expect(found.items.map((a) => a.id)).toEqual([id]);
    const sha256 = createHash('sha256').update(EXAMPLE).digest('hex');
    expect(originalBytes(db, id)?.bytes.equals(EXAMPLE)).toBe(true);
    await exportCorpus(db, { format: 'jsonl', out: join(dir, 'x.jsonl') });
    expect(readJsonl(readFileSync(join(dir, 'x.jsonl'), 'utf8'))[0]?.original).toMatchObject({ sha256, file_name: 'example-article.txt', size: EXAMPLE.length });
    // What went is listed: the media link and the teaser, nothing else.
    const { removed } = await handlers['provenance/removed']({ id });
    expect(removed.map((r) => [r.kind, r.text, r.inText])).toEqual([
      ['media_link', 'pic.twitter.com/o701zePjHd', false],
      ['teaser', 'ALSO READ: ‘Shoot at sight’ orders in Pakistan amid rising protests by Imran Khan supporters', false],
    ]);
  });
});

describe('parts the extraction removed', () => {
  it('go back into the text as a correction, the annotations after them moving along', async () => {
    const { dir, db, handlers } = library();
    const id = await importFile(db, dir, 'kharkiv.txt', EMBEDDED_POST_ARTICLE);
    const { article } = await handlers['articles/get']({ id });
    expect(article.text).toContain(SIGNATURE_LINE);
    const quote = 'Residents of Saltivka';
    const start = article.text.indexOf(quote);
    const tagged = await handlers['annotations/create']({ articleId: id, label: 'claim', start, end: start + quote.length });
    const teaser = (await handlers['provenance/removed']({ id })).removed.find((r) => r.kind === 'teaser');
    if (!teaser) throw new Error('no teaser listed');
    expect(article.text.slice(0, teaser.at).endsWith('“preliminary data”.')).toBe(true);
    const text = article.text.slice(0, teaser.at) + teaser.before + teaser.text + teaser.after + article.text.slice(teaser.at);
    const corrected = await handlers['articles/correctText']({ id, text });
    expect(corrected.article.text).toContain('“preliminary data”.\n\nALSO READ: Floods close mountain roads for a second day\n\nResidents of Saltivka');
    const moved = corrected.annotations.find((a) => a.id === tagged.id);
    expect(moved && corrected.article.text.slice(moved.start, moved.end)).toBe(quote);
    const listed = (await handlers['provenance/removed']({ id })).removed;
    expect(listed.find((r) => r.kind === 'teaser')?.inText).toBe(true);
    expect(listed.find((r) => r.kind === 'media_link')?.inText).toBe(false);
  });

  it('stay in place through corrections made before them, and come back with an undone delete', async () => {
    const { dir, db, handlers } = library();
    const id = await importFile(db, dir, 'kharkiv.txt', EMBEDDED_POST_ARTICLE);
    const before = (await handlers['provenance/removed']({ id })).removed;
    const { article } = await handlers['articles/get']({ id });
    // A correction near the start shifts every later position by its length.
    const text = article.text.replace('Officials in Kharkiv', 'Regional officials in Kharkiv');
    await handlers['articles/correctText']({ id, text });
    const after = (await handlers['provenance/removed']({ id })).removed;
    expect(after.map((r) => r.at)).toEqual(before.map((r) => r.at + 'Regional o'.length - 1));
    const link = after.find((r) => r.kind === 'media_link');
    expect(link && text.slice(link.at - 'Repairs continue…'.length, link.at)).toBe('Repairs continue…');
    const { token } = await handlers['articles/delete']({ ids: [id] });
    expect(db.prepare('SELECT count(*) FROM article_removed_parts').pluck().get()).toBe(0);
    await handlers['articles/restore']({ token });
    expect((await handlers['provenance/removed']({ id })).removed).toEqual(after);
  });
});
