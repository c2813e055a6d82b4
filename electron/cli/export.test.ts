import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildCorpus } from '../core/export/test-support/corpus';
import { readJsonl } from '../core/export/test-support/readers';
import { insertArticle } from '../core/store/articles';
import { insertAnnotation } from '../core/store/annotations';
import { openStore } from '../core/store/db';
import { useTmpDir } from '../core/testing/tmp';
import { SIGNAL_EXIT } from './export';
import { run } from './index';
import { createOutput, EXIT } from './output';

const tmp = useTmpDir();

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  return { output: createOutput(true, stdout, stderr), stdout: () => out, stderr: () => err };
}

function corpusLibrary(): { dir: string; file: string } {
  const dir = tmp();
  const file = join(dir, 'library.db');
  const db = openStore(file);
  buildCorpus(db);
  db.close();
  return { dir, file };
}

async function exportedIds(file: string, dir: string, flags: string[]): Promise<unknown[]> {
  const out = join(dir, `scoped-${Math.random().toString(36).slice(2)}.jsonl`);
  const c = capture();
  expect(await run(['export', '--db', file, '--format', 'jsonl', '--out', out, ...flags], c.output), c.stderr()).toBe(EXIT.ok);
  return readJsonl(readFileSync(out, 'utf8')).map((l) => l.id);
}

describe('spanwise export', () => {
  it('exports what each scope flag selects, as the library filters do', async () => {
    const { dir, file } = corpusLibrary();
    expect(await exportedIds(file, dir, [])).toEqual(['kyiv', 'arabic', 'plain']);
    expect(await exportedIds(file, dir, ['--query', 'Кличко'])).toEqual(['kyiv']);
    expect(await exportedIds(file, dir, ['--source', 'Al-Madina'])).toEqual(['arabic']);
    expect(await exportedIds(file, dir, ['--label', 'CLAIM'])).toEqual(['kyiv', 'arabic']);
    expect(await exportedIds(file, dir, ['--unannotated'])).toEqual(['plain']);
    expect(await exportedIds(file, dir, ['--published-from', '2024-11-27'])).toEqual(['arabic']);
    expect(await exportedIds(file, dir, ['--published-to', '2024-11'])).toEqual(['kyiv']);
    expect(await exportedIds(file, dir, ['--source', 'Kyiv Independent', '--label', 'figure'])).toEqual(['kyiv']);
    expect(await exportedIds(file, dir, ['--ids', 'plain, kyiv,plain'])).toEqual(['plain', 'kyiv']);
  });

  it('keeps only the spans of --labels', async () => {
    const { dir, file } = corpusLibrary();
    const out = join(dir, 'labels.jsonl');
    expect(await run(['export', '--db', file, '--format', 'jsonl', '--out', out, '--labels', 'actor,FIGURE'], capture().output)).toBe(EXIT.ok);
    const labels = readJsonl(readFileSync(out, 'utf8')).flatMap((l) => (l.spans as { label: string }[]).map((s) => s.label));
    expect(new Set(labels)).toEqual(new Set(['ACTOR', 'FIGURE']));
  });

  it('refuses contradictory or malformed scope flags as usage errors', async () => {
    const { dir, file } = corpusLibrary();
    const out = join(dir, 'x.jsonl');
    for (const flags of [
      ['--ids', 'kyiv', '--source', 'Al-Madina'],
      ['--ids', ' , '],
      ['--label', 'quote'],
      ['--labels', 'event,quote'],
      ['--label', 'event', '--unannotated'],
      ['--published-from', 'last week'],
    ]) {
      const c = capture();
      expect(await run(['export', '--db', file, '--format', 'jsonl', '--out', out, ...flags], c.output), flags.join(' ')).toBe(EXIT.usage);
      expect(c.stderr()).toContain('"kind":"usage"');
    }
    expect(existsSync(out)).toBe(false);
  });

  it('refuses to write over the library or its side files, leaving it intact (exit 2)', async () => {
    const { dir, file } = corpusLibrary();
    const before = readFileSync(file);
    for (const target of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`, join(dir, '.', 'library.db')]) {
      for (const format of ['jsonl', 'bundle', 'brat']) {
        const c = capture();
        expect(await run(['export', '--db', file, '--format', format, '--out', target], c.output)).toBe(EXIT.usage);
        expect(c.stderr()).toMatch(/library/);
      }
    }
    expect(readFileSync(file)).toEqual(before);
    const c = capture();
    expect(await run(['stats', '--db', file], c.output)).toBe(EXIT.ok);
    expect(c.stdout()).toContain('"articles":3');
  });
});

describe('spanwise export interrupted', () => {
  /** Enough articles that an export takes seconds, so the signal lands while it writes. */
  function bigLibrary(): { dir: string; file: string } {
    const dir = tmp();
    const file = join(dir, 'big.db');
    const db = openStore(file);
    const words = 'drones shot down over the city while officials counted damage '.repeat(40);
    db.transaction(() => {
      for (let i = 0; i < 4000; i++) {
        const a = insertArticle(db, { title: `Article ${i}`, source: null, url: null, author: null, publishedAt: null, language: 'en', text: `${i} ${words}` }, { id: `a${i}` });
        for (let k = 0; k < 5; k++) insertAnnotation(db, { articleId: a.id, label: 'event', start: 10 + k * 7, end: 16 + k * 7, quote: a.text.slice(10 + k * 7, 16 + k * 7), note: `note ${k}` });
      }
    })();
    db.close();
    return { dir, file };
  }

  async function interrupt(format: 'bundle' | 'brat', signal: 'SIGINT' | 'SIGTERM') {
    const { dir, file } = bigLibrary();
    const out = join(dir, format === 'brat' ? 'brat-out' : 'out.spanwise');
    const bin = resolve(import.meta.dirname, '../../bin/spanwise.js');
    const child = spawn(process.execPath, [bin, 'export', '--db', file, '--format', format, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const partial = () => readdirSync(dir).some((f) => f.endsWith('.partial'));
    const started = Date.now();
    while (!partial()) {
      if (Date.now() - started > 30_000) throw new Error(`no partial output appeared; stderr: ${stderr}`);
      if (child.exitCode !== null) throw new Error(`the export finished before it could be interrupted (exit ${child.exitCode}); make the library bigger`);
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill(signal);
    const code = await exited;
    return { code, stderr, left: readdirSync(dir).sort() };
  }

  it('removes the partial bundle on Ctrl-C and exits 130', async () => {
    const { code, stderr, left } = await interrupt('bundle', 'SIGINT');
    expect(code, stderr).toBe(SIGNAL_EXIT.SIGINT);
    expect(stderr).toContain('interrupted');
    expect(left.filter((f) => !f.startsWith('big.db'))).toEqual([]);
  }, 60_000);

  it('removes the partial brat folder on SIGTERM and exits 143', async () => {
    const { code, stderr, left } = await interrupt('brat', 'SIGTERM');
    expect(code, stderr).toBe(SIGNAL_EXIT.SIGTERM);
    expect(left.filter((f) => !f.startsWith('big.db'))).toEqual([]);
  }, 60_000);
});
