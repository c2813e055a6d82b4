import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildAwkward } from '../core/export/test-support/awkward';
import { readCsv } from '../core/export/test-support/readers';
import { openStore } from '../core/store/db';
import { useTmpDir } from '../core/testing/tmp';
import { run } from './index';
import { createOutput, EXIT } from './output';

describe('spanwise export --spreadsheet-safe', () => {
  const tmp = useTmpDir();

  function library() {
    const dir = tmp();
    const file = join(dir, 'x.db');
    const db = openStore(file);
    buildAwkward(db);
    return { dir, db, file };
  }

  it('is the command line flag --spreadsheet-safe, said in the summary', async () => {
    const { dir, db, file } = library();
    db.close();
    let stdout = '';
    let stderr = '';
    const out = new PassThrough().on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    const err = new PassThrough().on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const csv = join(dir, 'cli.csv');
    expect(await run(['export', '--db', file, '--format', 'csv', '--out', csv, '--spreadsheet-safe'], createOutput(false, out, err)), stderr).toBe(EXIT.ok);
    expect(stdout).toMatch(/spreadsheet-safe: 18 cells/);
    expect(readCsv(readFileSync(csv)).map((r) => r.article_title)).toContain(`'=HYPERLINK("x")`);
    expect(await run(['export', '--db', file, '--format', 'jsonl', '--out', join(dir, 'x.jsonl'), '--spreadsheet-safe'], createOutput(false, out, err))).toBe(EXIT.usage);
  });
});
