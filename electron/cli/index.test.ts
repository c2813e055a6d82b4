import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertArticle } from '../core/store/articles';
import { openStore } from '../core/store/db';
import { useTmpDir } from '../core/testing/tmp';
import { run } from './index';
import type { Output } from './output';
import { commandOf, searchWordsAsPositionals } from './search-args';

const tmp = useTmpDir();

function capture(): Output & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { json: true, out, err, result: (v) => out.push(JSON.stringify(v)), error: (v) => err.push(JSON.stringify(v)) };
}

function library(): string {
  const file = join(tmp(), 'library.db');
  const db = openStore(file);
  insertArticle(db, { title: 'Dam', source: null, url: null, author: null, publishedAt: null, language: 'en', text: 'The dam held after -40 degrees overnight.' });
  db.close();
  return file;
}

describe('spanwise command line', () => {
  it('takes options before the command as well as after it', async () => {
    const file = library();
    const before = capture();
    expect(await run(['--db', file, '--json', 'stats'], before)).toBe(0);
    const after = capture();
    expect(await run(['stats', '--db', file, '--json'], after)).toBe(0);
    expect(before.out).toEqual(after.out);
    expect(JSON.parse(before.out[0] as string)).toMatchObject({ type: 'stats', articles: 1 });
  });

  it('keeps a search word that starts with a dash when --db comes first', async () => {
    const file = library();
    const o = capture();
    expect(await run(['--db', file, 'search', '-40'], o)).toBe(0);
    expect(JSON.parse(o.out.at(-1) as string)).toMatchObject({ type: 'summary', total: 1 });
  });

  it('refuses a library file that does not exist with exit 2, naming it, and creates nothing', async () => {
    const missing = join(tmp(), 'typo.db');
    for (const command of ['stats', 'search', 'export', 'backup']) {
      const o = capture();
      expect(await run(['--db', missing, command, 'word'], o)).toBe(2);
      expect(o.err.join('\n')).toContain(missing);
    }
    expect(existsSync(missing)).toBe(false);
  });
});

describe('finding the command among the options', () => {
  const takesValue = (o: string) => o === 'db' || o === 'limit';
  it('skips option values, and flags take none', () => {
    expect(commandOf(['--db', 'search', 'stats'], takesValue)).toBe('stats');
    expect(commandOf(['--json', 'search', 'x'], takesValue)).toBe('search');
    expect(commandOf(['--db=F', 'stats'], takesValue)).toBe('stats');
    expect(commandOf(['--limit', '5'], takesValue)).toBeUndefined();
  });

  it('moves dash words of a search after --, leaving option values in place', () => {
    expect(searchWordsAsPositionals(['--db', '-odd.db', 'search', '-drones', 'kyiv'], takesValue)).toEqual(['--db', '-odd.db', 'search', 'kyiv', '--', '-drones']);
    expect(searchWordsAsPositionals(['stats', '--db', 'F'], takesValue)).toEqual(['stats', '--db', 'F']);
  });
});
