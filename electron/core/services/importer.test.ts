import iconv from 'iconv-lite';
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileOutcome } from '../../../shared/ipc/contract';
import { codePointLength } from '../../../shared/text';
import { MAX_FILE_BYTES } from '../import';
import { getArticle, libraryStats } from '../store/articles';
import { listAnnotations } from '../store/annotations';
import { openStore, type Db } from '../store/db';
import { useTmpDir } from '../testing/tmp';
import { expandPaths, fileSource, importBatch, textSource, type ImportSource } from './importer';

const tmp = useTmpDir();
const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function store(dir = tmp()): Db {
  const db = openStore(join(dir, 'x.db'));
  opened.push(db);
  return db;
}

function write(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Code point offsets of `quote` in `text`, as exports write them. */
function cp(text: string, quote: string): { start: number; end: number } {
  const at = text.indexOf(quote);
  const start = codePointLength(text.slice(0, at));
  return { start, end: start + codePointLength(quote) };
}

const byName = (outcomes: FileOutcome[], suffix: string) => outcomes.find((o) => o.file.endsWith(suffix));

describe('importBatch over a folder', () => {
  it('imports every format, brat pairs included, while broken files fail on their own', async () => {
    const dir = tmp();
    const src = join(dir, 'in');
    mkdirSync(join(src, 'brat'), { recursive: true });
    write(src, '01-plain.txt', 'Harbour fire\n\nA fire broke out at the terminal on Friday.');
    write(src, '02-story.md', '---\ntitle: Budget vote\nsource: Ledger\n---\n\nThe vote was *delayed* by a day.');
    write(src, '03-page.html', '<html lang="en"><head><title>Talks stall</title></head><body><article><p>Ceasefire talks stalled in Geneva on Monday.</p></article></body></html>');
    write(src, '04-one.json', JSON.stringify({ title: 'From JSON', text: 'A JSON article about 12 trucks.', spans: [{ ...cp('A JSON article about 12 trucks.', '12 trucks'), label: 'FIGURE', text: '12 trucks', attrs: { value: 12, unit: 'trucks' } }] }));
    write(src, '05-broken.txt', Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00]));
    write(src, '06-empty.md', '');
    write(src, '07-legacy.txt', iconv.encode('Заголовок\n\nМинистерство сообщило о 76 беспилотниках.', 'windows-1251'));
    write(src, 'notes.pdf', '%PDF-1.7');
    const bratText = 'Skywatch counted 58 interceptions.\nThe ministry disagreed.';
    const span = cp(bratText, '58 interceptions');
    write(join(src, 'brat'), 'doc1.txt', bratText);
    write(join(src, 'brat'), 'doc1.ann', `T1\tFIGURE ${span.start} ${span.end}\t58 interceptions\n#1\tAnnotatorNotes T1\tindependent count\nA1\tQualifier T1 exact\n`);
    write(join(src, 'brat'), 'annotation.conf', '[entities]\nEVENT\n');
    write(join(src, 'brat'), 'visual.conf', '[labels]\n');

    const db = store(dir);
    write(src, '.DS_Store', 'x');
    const { files, outcomes: listed } = expandPaths([src]);
    // Everything that is not an article is accounted for, as skipped, with the reason.
    expect(listed.map((o) => [o.file.slice(src.length + 1), o.status, o.message])).toEqual([
      ['.DS_Store', 'skipped', 'hidden file'],
      ['brat/annotation.conf', 'skipped', 'brat configuration, not an article'],
      ['brat/visual.conf', 'skipped', 'brat configuration, not an article'],
      ['notes.pdf', 'skipped', expect.stringMatching(/^not an article file \(\.pdf\); Spanwise reads \.txt, /)],
    ]);
    expect(files.map((f) => f.slice(src.length + 1))).toEqual([
      '01-plain.txt', '02-story.md', '03-page.html', '04-one.json', '05-broken.txt', '06-empty.md', '07-legacy.txt', 'brat/doc1.txt',
    ]);
    const progress: number[] = [];
    const report = await importBatch(db, files.map(fileSource), { author: 'tester', onProgress: (done, total) => progress.push(done / total) });

    expect(progress).toHaveLength(files.length);
    expect(progress.at(-1)).toBe(1);
    expect(report).toMatchObject({ imported: 6, partial: 0, duplicates: 0, failed: 2, cancelled: false });
    expect(byName(report.outcomes, '05-broken.txt')).toMatchObject({ status: 'failed', message: 'binary data, not text', articleIds: [] });
    expect(byName(report.outcomes, '06-empty.md')).toMatchObject({ status: 'failed', message: 'empty file' });
    expect(byName(report.outcomes, '07-legacy.txt')).toMatchObject({ status: 'imported', message: 'not valid UTF-8; decoded as windows-1251' });
    expect(libraryStats(db).articles).toBe(6);

    const brat = byName(report.outcomes, 'doc1.txt');
    const bratArticle = getArticle(db, brat?.articleIds[0] ?? '');
    expect(bratArticle?.text).toBe(bratText);
    expect(listAnnotations(db, bratArticle?.id ?? '')).toMatchObject([{ label: 'figure', quote: '58 interceptions', note: 'independent count', attrs: { qualifier: 'exact' }, author: 'tester' }]);

    const json = getArticle(db, byName(report.outcomes, '04-one.json')?.articleIds[0] ?? '');
    expect(json?.title).toBe('From JSON');
    expect(listAnnotations(db, json?.id ?? '')).toMatchObject([{ label: 'figure', quote: '12 trucks', attrs: { value: 12, unit: 'trucks' } }]);

    expect(getArticle(db, byName(report.outcomes, '02-story.md')?.articleIds[0] ?? '')).toMatchObject({ title: 'Budget vote', source: 'Ledger', text: 'The vote was delayed by a day.' });
  });

  it('fails one bad file among many and imports all the others', async () => {
    const dir = tmp();
    const paths = Array.from({ length: 30 }, (_, i) => write(dir, `a${String(i).padStart(2, '0')}.txt`, `Article number ${i}\n\nBody of article ${i}.`));
    const bad = write(dir, 'a15-bad.jsonl', '{"text": "unterminated\n');
    const report = await importBatch(store(), [...paths.slice(0, 15), bad, ...paths.slice(15)].map(fileSource));
    expect(report).toMatchObject({ imported: 30, failed: 1 });
    expect(byName(report.outcomes, 'a15-bad.jsonl')?.message).toMatch(/^line 1: invalid JSON/);
  });

  it('keeps a file that vanished before it was read from stopping the batch', async () => {
    const dir = tmp();
    const gone: ImportSource = { kind: 'file', name: 'gone.txt', path: join(dir, 'gone.txt') };
    const report = await importBatch(store(), [gone, textSource('ok', 'Fine text.')]);
    expect(report.outcomes.map((o) => [o.status, o.message])).toEqual([
      ['failed', 'cannot open: no such file'],
      ['imported', null],
    ]);
  });

  it('refuses a file over the size limit without reading it, naming the limit', async () => {
    const dir = tmp();
    const big = join(dir, 'huge.txt');
    writeFileSync(big, '');
    truncateSync(big, MAX_FILE_BYTES + 1);
    const report = await importBatch(store(dir), [fileSource(big)]);
    expect(report.outcomes[0]).toMatchObject({ status: 'failed', message: expect.stringMatching(/^too large: .*the limit is 50 MB$/) });
  });
});

describe('expandPaths', () => {
  it('takes a .ann to its .txt, skips brat configuration, drops repeats and reports what is missing', () => {
    const dir = tmp();
    const txt = write(dir, 'doc.txt', 'Text.');
    const ann = write(dir, 'doc.ann', '');
    const lonely = write(dir, 'lonely.ann', '');
    const conf = write(dir, 'annotation.conf', '');
    const { files, outcomes } = expandPaths([ann, txt, conf, lonely, join(dir, 'nope.txt'), dir]);
    expect(files).toEqual([txt]);
    expect(outcomes).toEqual([
      { file: conf, status: 'skipped', articleIds: [], message: 'brat configuration, not an article' },
      { file: lonely, status: 'failed', articleIds: [], message: 'a brat .ann file is imported with the .txt of the same name beside it, and there is none' },
      { file: join(dir, 'nope.txt'), status: 'failed', articleIds: [], message: 'cannot open: no such file or folder' },
      // The folder again: its brat configuration and the lonely .ann are listed once more from inside it.
      { file: conf, status: 'skipped', articleIds: [], message: 'brat configuration, not an article' },
      { file: lonely, status: 'skipped', articleIds: [], message: 'brat annotations without the .txt of the same name beside them' },
    ]);
  });
});

describe('duplicates', () => {
  it('are found within a batch, by canonical text', async () => {
    const db = store();
    const report = await importBatch(db, [
      textSource('a', 'Same story.\n\nSecond paragraph.'),
      textSource('b', 'Same story.\r\n\r\nSecond paragraph.\r\n'),
      textSource('c', 'A different story.'),
    ]);
    expect(report.outcomes.map((o) => o.status)).toEqual(['imported', 'duplicate', 'imported']);
    // Earlier in the same batch is not "already in the library": the message names the first file.
    expect(report.outcomes[1]?.message).toBe('same text as a, earlier in this import');
    expect(report).toMatchObject({ imported: 2, duplicates: 1 });
    expect(libraryStats(db).articles).toBe(2);
  });

  it('are found against the store, and a re-imported export changes nothing', async () => {
    const db = store();
    const text = 'Kyiv said 76 drones were downed.';
    const line = (id: string, t: string) => JSON.stringify({ id, title: id, text: t, spans: [{ id: `${id}-s1`, ...cp(t, t.split(' ')[0] as string), label: 'ACTOR', text: t.split(' ')[0] }], meta: { offset_unit: 'codepoint' } });
    const first = await importBatch(db, [textSource('export.jsonl', `${line('art-a', text)}\n${line('art-b', 'Moscow said 80.')}\n`)]);
    expect(first.outcomes[0]).toMatchObject({ status: 'imported', articleIds: ['art-a', 'art-b'] });
    expect(listAnnotations(db, 'art-a').map((a) => [a.id, a.quote])).toEqual([['art-a-s1', 'Kyiv']]);

    // The same bytes again: recognised as the same file by its hash.
    const again = await importBatch(db, [textSource('export.jsonl', `${line('art-a', text)}\n${line('art-b', 'Moscow said 80.')}\n`)]);
    expect(again.outcomes[0]).toMatchObject({ status: 'duplicate', articleIds: [] });
    expect(again.outcomes[0]?.message).toMatch(/^already imported: the same file \(sha256 [0-9a-f]{12}…\) as export\.jsonl/);
    // Other bytes, the same texts: each article recognised by its text.
    const reordered = await importBatch(db, [textSource('export.jsonl', `${line('art-b', 'Moscow said 80.')}\n${line('art-a', text)}\n`)]);
    expect(reordered.outcomes[0]).toMatchObject({ status: 'duplicate', message: '2 articles already in the library (line 1, line 2)', articleIds: [] });

    const mixed = await importBatch(db, [textSource('more.jsonl', `${line('art-a', text)}\n${line('art-c', 'Minsk said nothing.')}\n`)]);
    expect(mixed.outcomes[0]).toMatchObject({ status: 'imported', message: '1 article already in the library (line 1)', articleIds: ['art-c'] });
    expect(libraryStats(db).articles).toBe(3);
  });
});

describe('partial outcomes', () => {
  it('import the good records of a file and name the broken ones', async () => {
    const db = store();
    const good = (n: number) => JSON.stringify({ text: `Good article ${n}.`, spans: [{ start: 0, end: 4, label: 'event', text: 'Good' }] });
    const content = [good(1), '{"text": "broken"', '', good(2), JSON.stringify({ text: 'Quote off.', spans: [{ id: 's2', start: 0, end: 5, label: 'claim', text: 'Wrong' }] }), '{oops}'].join('\n');
    const report = await importBatch(db, [textSource('data.jsonl', content)]);
    expect(report).toMatchObject({ imported: 0, partial: 1, failed: 0 });
    const outcome = report.outcomes[0] as FileOutcome;
    expect(outcome.status).toBe('partial');
    expect(outcome.articleIds).toHaveLength(2);
    expect(outcome.message).toMatch(/^lines 2, 6: invalid JSON \(.+\); line 5: span s2 quote does not match the text \(quote "Wrong", text at 0-5 is "Quote"\)$/);
    expect(outcome.articleIds.map((id) => listAnnotations(db, id).map((a) => a.quote))).toEqual([['Good'], ['Good']]);
  });

  it('count as failed when nothing new came of the file', async () => {
    const db = store();
    await importBatch(db, [textSource('a.jsonl', '{"text":"Known."}')]);
    const report = await importBatch(db, [textSource('b.jsonl', '{"text":"Known."}\n{bad')]);
    expect(report.outcomes[0]).toMatchObject({ status: 'failed', message: expect.stringMatching(/^line 2: invalid JSON .*; 1 article already in the library \(line 1\)$/) });
  });
});

describe('pasted content', () => {
  it('is read as HTML when it is a copied web page and as plain text otherwise', async () => {
    const db = store();
    const report = await importBatch(db, [
      textSource('Pasted 1', '<div><h1>Copied page</h1><p>First paragraph of the page.</p><p>Second paragraph.</p><script>alert(1)</script></div>'),
      textSource('Pasted 2', 'Plain headline\nPlain body line.'),
    ]);
    const [html, plain] = report.outcomes.map((o) => getArticle(db, o.articleIds[0] ?? ''));
    expect(html?.text).toBe('Copied page\n\nFirst paragraph of the page.\n\nSecond paragraph.');
    expect(plain).toMatchObject({ title: 'Plain headline', text: 'Plain headline\n\nPlain body line.' });
  });
});

describe('lone surrogates', () => {
  it('are stored as one U+FFFD each, so the stored text and its spans line up', async () => {
    const db = store();
    const dir = tmp();
    const file = write(dir, 'lone.jsonl', '{"title":"Lone","text":"Intro \\ud800 then Zelenskyy spoke.","spans":[{"start":13,"end":22,"label":"actor","text":"Zelenskyy"}]}\n');
    const report = await importBatch(db, [fileSource(file)]);
    const id = report.outcomes[0]?.articleIds[0] ?? '';
    const article = getArticle(db, id);
    expect(article?.text).toBe('Intro \ufffd then Zelenskyy spoke.');
    const [span] = listAnnotations(db, id);
    expect(article?.text.slice(span?.start, span?.end)).toBe('Zelenskyy');
    expect(span?.quote).toBe('Zelenskyy');
  });
});

