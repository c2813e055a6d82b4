import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importSummary } from '../../../shared/import-report';
import { inlineParser, workerParser, type ParseTask, type Parser } from '../import/pool';
import type { HashedDraft, ParseEvent } from '../import/types';
import { libraryStats } from '../store/articles';
import { textHash } from '../store/hash';
import { openStore, type Db } from '../store/db';
import { useTmpDir } from '../testing/tmp';
import { fileSource, importBatch, textSource } from './importer';
import { importPaths } from './library-import';

const tmp = useTmpDir();
const opened: Db[] = [];
const parsers: Parser[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  for (const p of parsers.splice(0)) p.close();
});

function store(): Db {
  const db = openStore(join(tmp(), 'x.db'));
  opened.push(db);
  return db;
}

function workers(size = 2): Parser {
  const parser = workerParser(size);
  parsers.push(parser);
  return parser;
}

/** A saved page that takes a parser seconds to read. */
function bigPage(paragraphs: number): string {
  const body = Array.from({ length: paragraphs }, (_, i) => `<div class="c${i % 7}"><p>Paragraph ${i} about the <b>Morrow</b> estuary survey and its <a href="/x${i}">findings</a>.</p></div>`).join('\n');
  return `<html><head><title>Big</title></head><body><article>${body}</article></body></html>`;
}

describe('a cancelled batch', () => {
  it('keeps the files imported before the cancel, imports none after it, and its report says which', async () => {
    const db = store();
    const controller = new AbortController();
    const sources = Array.from({ length: 5 }, (_, i) => textSource(`t${i}.txt`, `Text number ${i}.`));
    const report = await importBatch(db, sources, { parser: workers(), signal: controller.signal, onProgress: (done) => done === 2 && controller.abort() });
    expect(report.outcomes.map((o) => [o.file, o.status])).toEqual([
      ['t0.txt', 'imported'],
      ['t1.txt', 'imported'],
      ['t2.txt', 'cancelled'],
      ['t3.txt', 'cancelled'],
      ['t4.txt', 'cancelled'],
    ]);
    expect(report).toMatchObject({ imported: 2, cancelledFiles: 3, cancelled: true });
    expect(libraryStats(db).articles).toBe(2);
    expect(importSummary(report)).toBe('Import cancelled: 2 files imported before the cancel were kept (2 imported, 0 partly imported, 0 duplicate, 0 failed); 3 files not imported');
  });

  it('says nothing was imported when the cancel came before any file was written', async () => {
    const db = store();
    const controller = new AbortController();
    controller.abort();
    const report = await importBatch(db, [textSource('a.txt', 'Some text.')], { parser: workers(), signal: controller.signal });
    expect(importSummary(report)).toBe('Import cancelled: nothing was imported; 1 file not imported');
    expect(libraryStats(db).articles).toBe(0);
  });

  it('is not cancelled when the cancel came after the last file was in', async () => {
    const db = store();
    const controller = new AbortController();
    const report = await importBatch(db, [textSource('only.txt', 'Only text.')], { parser: workers(), signal: controller.signal, onProgress: () => controller.abort() });
    expect(report).toMatchObject({ imported: 1, cancelled: false });
    expect(libraryStats(db).articles).toBe(1);
  });

  it('stops inside a long file: the chunks written stay, the parse is stopped, the file is named partly imported', async () => {
    const db = store();
    const controller = new AbortController();
    const cancelled: string[] = [];
    const chunk = (from: number): HashedDraft[] =>
      Array.from({ length: 3 }, (_, i) => {
        const text = `Record ${from + i} of a long dataset.`;
        return { title: `R${from + i}`, source: null, url: null, author: null, publishedAt: null, language: null, text, hash: textHash(text), origin: `line ${from + i}` };
      });
    // A parser that would go on giving chunks for ever, as a huge file does.
    const endless: Parser = {
      start(spec): ParseTask {
        let n = 0;
        return {
          next: async (): Promise<ParseEvent> => {
            if (cancelled.includes(spec.name)) return { type: 'end', end: { ok: false, reason: 'cancelled' } };
            if (n === 2) controller.abort();
            return { type: 'drafts', drafts: chunk(3 * n++ + 1) };
          },
          cancel: () => cancelled.push(spec.name),
        };
      },
      close() {},
    };
    const report = await importBatch(db, [textSource('huge.jsonl', ''), textSource('next.txt', 'Never reached.')], { parser: endless, signal: controller.signal });
    expect([...new Set(cancelled)]).toEqual(['huge.jsonl', 'next.txt']);
    expect(report.outcomes.map((o) => [o.status, o.articleIds.length, o.message])).toEqual([
      ['partial', 6, 'the import was cancelled part-way through this file: 6 articles imported before the cancel were kept, the rest were not imported'],
      ['cancelled', 0, 'not imported: the import was cancelled'],
    ]);
    expect(libraryStats(db).articles).toBe(6);
  });
});

describe('parsing in worker threads', () => {
  /** What ran first: the main thread's next turn, or the hand-over of the page's first chunk. */
  async function firstOf(parser: Parser): Promise<string[]> {
    const order: string[] = [];
    const task = parser.start(textSource('big.html', bigPage(6000)));
    const chunk = task.next().then((e) => order.push(e.type === 'drafts' ? 'first chunk' : 'end'));
    await new Promise((r) => setImmediate(r));
    order.push('main thread ran');
    await chunk;
    return order;
  }

  it('leaves the main thread free while a large page is parsed', async () => {
    expect(await firstOf(workers(1))).toEqual(['main thread ran', 'first chunk']);
  });

  it('blocks the main thread when parsed in-process, which is what the workers are for', async () => {
    expect(await firstOf(inlineParser())).toEqual(['first chunk', 'main thread ran']);
  });

  it('stops the worker of a task that is cancelled, and starts a new one for the next input', async () => {
    let spawned = 0;
    const parser = workerParser(1, () => {
      spawned++;
      return { url: new URL('../import/worker-from-source.mjs', import.meta.url), execArgv: [] };
    });
    parsers.push(parser);
    // The worker is up and idle, so the long page goes to it.
    expect((await parser.start(textSource('warm.txt', 'Warm-up text.')).next()).type).toBe('drafts');
    const task = parser.start(textSource('big.html', bigPage(20000)));
    await new Promise((r) => setImmediate(r));
    task.cancel();
    expect(await task.next()).toEqual({ type: 'end', end: { ok: false, reason: 'not imported: the import was cancelled' } });
    // A pool of one could take another input only once that worker was gone.
    const next = await parser.start(textSource('small.txt', 'Small text.')).next();
    expect(next.type === 'drafts' && next.drafts[0]?.text).toBe('Small text.');
    expect(spawned).toBe(2);
  });
});

describe('an import that throws', () => {
  it('cancels the parses it had started before the error reaches the caller', async () => {
    const cancelled: string[] = [];
    const parser: Parser = {
      start: (spec): ParseTask => ({
        next: async () => ({ type: 'end', end: { ok: true, drafts: 0, warnings: [], problems: [] } }),
        cancel: () => cancelled.push(spec.name),
      }),
      close() {},
    };
    const sources = Array.from({ length: 4 }, (_, i) => textSource(`t${i}.txt`, `Text ${i}.`));
    const failing = importBatch(store(), sources, {
      parser,
      onProgress: () => {
        throw new Error('progress listener failed');
      },
    });
    await expect(failing).rejects.toThrow('progress listener failed');
    // t0 had finished when the listener threw; the three parsed ahead of it were still running.
    expect(cancelled.sort()).toEqual(['t1.txt', 't2.txt', 't3.txt']);
  });
});

describe('large JSONL files', () => {
  it('are read a line at a time, past the size limit any other file has', async () => {
    const dir = tmp();
    const file = join(dir, 'export.jsonl');
    const line = (t: string) => `${JSON.stringify({ title: t, text: `${t} text.` })}\n`;
    // Blank lines are allowed anywhere: they make the file big without making the test slow.
    const blank = 51 * 1024 * 1024;
    writeFileSync(file, Buffer.concat([Buffer.from(line('First')), Buffer.alloc(blank, 0x0a), Buffer.from(line('Last')), Buffer.from('{broken\n')]));
    const report = await importBatch(store(), [fileSource(file)], { parser: workers() });
    // Line numbers stay right across the blank lines: the broken one is named by its own.
    expect(report.outcomes[0]).toMatchObject({ status: 'partial', message: expect.stringMatching(new RegExp(`^line ${blank + 3}: invalid JSON`)) });
    expect(report.outcomes[0]?.articleIds).toHaveLength(2);
  });

  it('skip a line over the per-line limit without holding it, naming its number', async () => {
    const dir = tmp();
    const file = join(dir, 'export.jsonl');
    const line = (t: string) => Buffer.from(`${JSON.stringify({ title: t, text: `${t} text.` })}\n`);
    writeFileSync(file, Buffer.concat([line('First'), Buffer.alloc(50 * 1024 * 1024 + 1, 0x20), Buffer.from('\n'), line('Third')]));
    const report = await importBatch(store(), [fileSource(file)], { parser: workers() });
    expect(report.outcomes[0]).toMatchObject({ status: 'partial', message: 'line 2: line too large: 52,428,801 bytes; the limit is 50 MB per line' });
    expect(report.outcomes[0]?.articleIds).toHaveLength(2);
  });
});

describe('a cancelled import of files and bundles', () => {
  it('leaves the bundles after the cancel unmerged and says so', async () => {
    const dir = tmp();
    const db = store();
    const files = Array.from({ length: 3 }, (_, i) => {
      const file = join(dir, `t${i}.txt`);
      writeFileSync(file, `Text number ${i}.`);
      return file;
    });
    const bundle = join(dir, 'work.spanwise');
    writeFileSync(bundle, 'not read');
    const controller = new AbortController();
    const report = await importPaths(db, [...files, bundle], { parser: workers(), signal: controller.signal, onProgress: (done) => done === 1 && controller.abort() });
    expect(report.outcomes.map((o) => o.status)).toEqual(['imported', 'cancelled', 'cancelled', 'cancelled']);
    expect(report.outcomes[3]).toMatchObject({ file: bundle, message: 'not imported: the import was cancelled' });
    expect(report.cancelled).toBe(true);
    expect(libraryStats(db).articles).toBe(1);
  });
});

describe('a worker that cannot start', () => {
  it('does not stop imports: they are parsed on the main thread instead', async () => {
    const broken = workerParser(1, () => ({ url: new URL('file:///nonexistent/parse-worker.js'), execArgv: [] }));
    parsers.push(broken);
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      const report = await importBatch(store(), [textSource('a.txt', 'First text.'), textSource('b.txt', 'Second text.')], { parser: broken });
      expect(report.outcomes.map((o) => o.status)).toEqual(['imported', 'imported']);
    } finally {
      console.error = original;
    }
    expect(errors).toEqual([expect.stringMatching(/^import: no parsing worker \(.*\); parsing on the main thread$/)]);
  });
});
