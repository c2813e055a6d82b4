import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { useTmpDir } from '../testing/tmp';
import { CANCELLED, inlineParser, workerParser, type Parser, type WorkerLimits } from './pool';
import type { ParseEvent, SourceSpec } from './types';

const tmp = useTmpDir();
const parsers: Parser[] = [];
afterEach(() => {
  for (const p of parsers.splice(0)) p.close();
});

/** A worker script of the test's own, to see how the pool treats what a worker does. */
function pool(source: string, limits: WorkerLimits = {}): Parser {
  const file = join(tmp(), 'worker.mjs');
  writeFileSync(file, `import { parentPort, resourceLimits } from 'node:worker_threads';\n${source}`);
  const parser = workerParser(1, () => ({ url: pathToFileURL(file), execArgv: [] }), limits);
  parsers.push(parser);
  return parser;
}

const text = (name: string): SourceSpec => ({ kind: 'text', name, content: `${name} text.` });

/** A dataset of four chunks' worth of records. */
const dataset: SourceSpec = {
  kind: 'bytes',
  name: 'data.jsonl',
  bytes: Buffer.from(Array.from({ length: 1000 }, (_, i) => JSON.stringify({ title: `R${i}`, text: `Record number ${i}.` })).join('\n')),
};

/** console.error's lines while `fn` runs. */
async function stderrOf(fn: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => lines.push(args.join(' '));
  try {
    await fn();
  } finally {
    console.error = original;
  }
  return lines;
}

describe('the worker pool', () => {
  it('gives each worker a heap limit of its own', async () => {
    const parser = pool(`
      parentPort.postMessage({ type: 'ready' });
      parentPort.on('message', (m) => parentPort.postMessage({ type: 'end', task: m.task, end: { ok: false, reason: 'heap ' + resourceLimits.maxOldGenerationSizeMb } }));
    `);
    expect(await parser.start(text('a')).next()).toEqual({ type: 'end', end: { ok: false, reason: 'heap 2048' } });
  });

  it('contains a parse that runs out of memory: that file is refused with the limit, the process and the next file carry on', async () => {
    const parser = pool(
      `
      parentPort.postMessage({ type: 'ready' });
      parentPort.on('message', (m) => {
        if (m.spec.name === 'fine.txt') return parentPort.postMessage({ type: 'end', task: m.task, end: { ok: true, drafts: 0, problems: [], warnings: [] } });
        const hoard = [];
        for (;;) hoard.push(new Array(1e5).fill({ m }));
      });
    `,
      { heapMb: 64 },
    );
    expect(await parser.start(text('huge.json')).next()).toEqual({ type: 'end', end: { ok: false, reason: 'could not be read: the parser stopped (it ran out of the 64 MB a parser may use)' } });
    expect(await parser.start(text('fine.txt')).next()).toMatchObject({ type: 'end', end: { ok: true } });
  });

  it('stops a parse that hands over nothing within the time limit, and refuses its file saying so', async () => {
    const parser = pool(
      `
      parentPort.postMessage({ type: 'ready' });
      parentPort.on('message', (m) => {
        if (m.spec.name === 'fine.txt') return parentPort.postMessage({ type: 'end', task: m.task, end: { ok: true, drafts: 0, problems: [], warnings: [] } });
        for (;;);
      });
    `,
      { stepSeconds: 0.3 },
    );
    expect(await parser.start(text('nested.html')).next()).toEqual({
      type: 'end',
      end: { ok: false, reason: 'refused: parsing took longer than 0.3 s, the limit for a file (or one part of a dataset)' },
    });
    expect(await parser.start(text('fine.txt')).next()).toMatchObject({ type: 'end', end: { ok: true } });
  });

  it('fails the file whose parse stopped a started worker, without giving up on workers', async () => {
    const parser = pool(`
      parentPort.postMessage({ type: 'ready' });
      parentPort.on('message', () => process.exit(3));
    `);
    const events: ParseEvent[] = [];
    const warnings = await stderrOf(async () => {
      events.push(await parser.start(text('a')).next(), await parser.start(text('b')).next());
    });
    // A worker that was ready died on this input: parsing it again on the main thread could take the app down with it.
    expect(events).toEqual([
      { type: 'end', end: { ok: false, reason: 'could not be read: the parser stopped (exit code 3)' } },
      { type: 'end', end: { ok: false, reason: 'could not be read: the parser stopped (exit code 3)' } },
    ]);
    expect(warnings).toEqual([]);
  });

  it('parses in-process when a worker dies before it is ready', async () => {
    const parser = pool(`process.exit(4);`);
    let event: ParseEvent | undefined;
    const warnings = await stderrOf(async () => {
      event = await parser.start(text('a')).next();
    });
    expect(event).toMatchObject({ type: 'drafts', drafts: [{ text: 'a text.' }] });
    expect(warnings).toEqual(['import: no parsing worker (exit code 4); parsing on the main thread']);
  });
});

describe('parsing in-process when no worker starts', () => {
  it('parses a chunk ahead of the writing at most, and a cancel ends the task there', async () => {
    const parser = pool(`process.exit(4);`);
    await stderrOf(async () => {
      const task = parser.start(dataset);
      const first = await task.next();
      expect(first.type === 'drafts' && first.drafts.length).toBe(250);
      // However long the writer takes over that chunk, the parse waits for it.
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      task.cancel();
      expect(await task.next()).toEqual({ type: 'end', end: CANCELLED });
    });
  });

  it('hands over every chunk in order when nobody cancels', async () => {
    const parser = pool(`process.exit(4);`);
    await stderrOf(async () => {
      const task = parser.start(dataset);
      const sizes: number[] = [];
      for (let e = await task.next(); e.type === 'drafts'; e = await task.next()) sizes.push(e.drafts.length);
      expect(sizes).toEqual([250, 250, 250, 250]);
    });
  });
});

describe('the in-process parser', () => {
  it('gives a cancelled end after a cancel, not the chunks parsed before it', async () => {
    const task = inlineParser().start(dataset);
    expect((await task.next()).type).toBe('drafts');
    task.cancel();
    expect(await task.next()).toEqual({ type: 'end', end: CANCELLED });
  });
});
