import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTmpDir } from '../testing/tmp';
import { processParser, type Parser } from './pool';
import type { ParseEnd, ParseEvent, SourceSpec } from './types';

const tmp = useTmpDir();
const parsers: Parser[] = [];
afterEach(() => {
  for (const p of parsers.splice(0)) p.close();
});

async function endOf(parser: Parser, spec: SourceSpec): Promise<{ drafts: number; end: ParseEnd }> {
  const task = parser.start(spec);
  let drafts = 0;
  for (let e: ParseEvent = await task.next(); ; e = await task.next()) {
    if (e.type === 'end') return { drafts, end: e.end };
    drafts += e.drafts.length;
  }
}

describe('parsing in a child process', () => {
  it('parses files as the worker does, the original file travelling with the first draft', async () => {
    const parser = processParser(1);
    parsers.push(parser);
    const file = join(tmp(), 'note.txt');
    writeFileSync(file, 'Bridge closed\n\nThe bridge closed on Friday.');
    const task = parser.start({ kind: 'file', name: file, path: file });
    const first = await task.next();
    expect(first.type === 'drafts' && first.drafts[0]).toMatchObject({ title: 'Bridge closed', original: { name: 'note.txt', importer: 'txt', content: expect.any(Uint8Array) } });
    expect(await task.next()).toMatchObject({ type: 'end', end: { ok: true, drafts: 1 } });
  }, 60_000);

  it('refuses a file whose parse runs out of memory in a way no worker limit contains, and this process and the next file carry on', async () => {
    const parser = processParser(1, undefined, { heapMb: 96 });
    parsers.push(parser);
    const dir = tmp();
    // JSON.parse grows one array of 12 million numbers: in a worker thread, V8 ends the whole
    // process with a fatal out-of-memory error instead of stopping the thread at its limit.
    const huge = join(dir, 'numbers.json');
    writeFileSync(huge, `[${'1,'.repeat(12_000_000)}1]`);
    const fine = join(dir, 'fine.txt');
    writeFileSync(fine, 'A short article that parses.');
    expect(await endOf(parser, { kind: 'file', name: huge, path: huge })).toEqual({
      drafts: 0,
      end: { ok: false, reason: 'could not be read: the parser stopped (it ran out of the 96 MB a parser may use)' },
    });
    expect(await endOf(parser, { kind: 'file', name: fine, path: fine })).toEqual({ drafts: 1, end: { ok: true, drafts: 1, warnings: [], problems: [] } });
  }, 120_000);
});
