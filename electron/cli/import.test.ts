import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../core/testing/tmp';

const tmp = useTmpDir();
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The command as an analyst runs it from a checkout. */
function spanwise(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/spanwise.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  const lines = (s: string) => s.split('\n').filter((l) => l !== '');
  return { code: r.status, stdout: lines(r.stdout), stderr: lines(r.stderr) };
}

function mixedFolder(dir: string): string {
  const folder = join(dir, 'in');
  mkdirSync(join(folder, 'sub'), { recursive: true });
  writeFileSync(join(folder, 'good.txt'), 'Harbour fire\n\nA fire broke out at the grain terminal on Friday.');
  writeFileSync(join(folder, 'story.md'), '---\ntitle: Budget vote\n---\n\nThe vote was delayed by a day.');
  writeFileSync(join(folder, 'sub', 'page.html'), '<html><head><title>Talks stall</title></head><body><article><p>Ceasefire talks stalled in Geneva on Monday.</p></article></body></html>');
  writeFileSync(join(folder, 'again.txt'), 'Harbour fire\n\nA fire broke out at the grain terminal on Friday.');
  writeFileSync(join(folder, 'empty.txt'), '');
  writeFileSync(join(folder, 'binary.txt'), Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00]));
  writeFileSync(join(folder, 'broken.jsonl'), '{"title":"Good line","text":"A good line of text about drones."}\n{not json\n');
  writeFileSync(join(folder, 'report.pdf'), '%PDF-1.7');
  return folder;
}

describe('spanwise import', () => {
  it('imports every good file of a mixed folder, exits 1, and names each failed file on stderr with its reason', () => {
    const dir = tmp();
    const db = join(dir, 'library.db');
    const folder = mixedFolder(dir);
    const r = spanwise('import', '--db', db, folder);
    expect(r.code).toBe(1);
    expect(r.stderr).toEqual([
      `failed    ${join(folder, 'binary.txt')}: binary data, not text`,
      expect.stringMatching(new RegExp(`^partial   ${join(folder, 'broken.jsonl')}: line 2: invalid JSON`)),
      `failed    ${join(folder, 'empty.txt')}: empty file`,
    ]);
    expect(r.stdout).toEqual([
      expect.stringMatching(/^skipped   .*report\.pdf: not an article file \(\.pdf\)/),
      `imported  ${join(folder, 'again.txt')}`,
      `duplicate ${join(folder, 'good.txt')}: same text as ${join(folder, 'again.txt')}, earlier in this import`,
      `imported  ${join(folder, 'story.md')}`,
      `imported  ${join(folder, 'sub', 'page.html')}`,
      '3 imported, 1 partly imported, 1 duplicate, 2 failed, 1 skipped',
    ]);
  });

  it('prints one JSON object per line with --json, and exits 0 when only skipped files were left out', () => {
    const dir = tmp();
    const folder = join(dir, 'in');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.txt'), 'Quay closure\n\nThe quay closed.');
    writeFileSync(join(folder, '.hidden.txt'), 'x');
    const r = spanwise('import', '--db', join(dir, 'library.db'), folder, '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toEqual([]);
    expect(r.stdout.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      { type: 'file', file: join(folder, '.hidden.txt'), status: 'skipped', articleIds: [], message: 'hidden file' },
      { type: 'file', file: join(folder, 'a.txt'), status: 'imported', articleIds: [expect.any(String)], message: null },
      { type: 'summary', imported: 1, partial: 0, duplicates: 0, failed: 0, skipped: 1 },
    ]);
  });

  it.runIf(process.platform !== 'win32')('prints control characters from file names and titles as visible escapes, and refuses a device and a pipe at once', () => {
    const dir = tmp();
    const db = join(dir, 'library.db');
    const folder = join(dir, 'in');
    mkdirSync(folder);
    writeFileSync(join(folder, 'evil\u001b[2J\u001b]0;owned\u0007.txt'), 'Escape\u001b[31m title\n\nA harbour article with a hostile title.');
    writeFileSync(join(folder, 'two\nfailed    forged.txt'), '');
    const pipe = join(dir, 'pipe.txt');
    execFileSync('mkfifo', [pipe]);
    const r = spanwise('import', '--db', db, folder, '/dev/zero', pipe);
    expect(r.code).toBe(1);
    const raw = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
    expect([...r.stdout, ...r.stderr].filter((l) => raw.test(l))).toEqual([]);
    expect(r.stdout).toEqual([`imported  ${folder}/evil\\x1b[2J\\x1b]0;owned\\x07.txt`, '1 imported, 0 partly imported, 0 duplicate, 3 failed']);
    expect(r.stderr).toEqual([
      `failed    ${folder}/two\\nfailed    forged.txt: empty file`,
      'failed    /dev/zero: not a regular file: a device, which is never read',
      `failed    ${pipe}: not a regular file: a named pipe (FIFO), which is never read`,
    ]);
    const hits = spanwise('search', '--db', db, 'harbour');
    // The import already drops control characters from a title; the escaping stands behind it.
    expect(hits.stdout[0]).toMatch(/^\S+ {2}Escape\[31m title$/);
    expect(hits.stdout.filter((l) => raw.test(l))).toEqual([]);
  }, 120_000);

  it('refuses a missing library path for reading commands and a command it does not know, with exit 2 for usage', () => {
    const dir = tmp();
    expect(spanwise('frobnicate', '--db', join(dir, 'x.db')).code).toBe(2);
    expect(spanwise('import', '--db', join(dir, 'x.db')).code).toBe(2);
    const missing = spanwise('stats', '--db', join(dir, 'nope.db'));
    expect(missing.code).toBe(2);
    expect(missing.stderr[0]).toMatch(/no library at .*nope\.db/);
    expect(existsSync(join(dir, 'nope.db'))).toBe(false);
  });
});

describe('spanwise search and stats', () => {
  it('find articles with the hit marked, take words that start with a dash, and count the library', () => {
    const dir = tmp();
    const db = join(dir, 'library.db');
    expect(spanwise('import', '--db', db, mixedFolder(dir)).code).toBe(1);

    const hits = spanwise('search', '--db', db, 'harbour');
    expect(hits.code).toBe(0);
    expect(hits.stdout).toEqual([expect.stringMatching(/^\S+ {2}Harbour fire$/), '    [Harbour] fire', '1 article(s) match']);

    // A minus is not an operator and never a usage error; -- takes anything after it as the query.
    expect(spanwise('search', '--db', db, '-harbour').stdout.at(-1)).toBe('1 article(s) match');
    expect(spanwise('search', '--db', db, '--', '--json').stdout.at(-1)).toBe('0 article(s) match');
    expect(spanwise('search', '--db', db, 'nothing-like-this').stdout).toEqual(['0 article(s) match']);

    const json = spanwise('search', '--db', db, 'drones', '--json');
    const lines = json.stdout.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      { type: 'hit', id: expect.any(String), title: 'Good line', snippet: 'A good line of text about \ue000drones\ue001.', counts: { event: 0, claim: 0, actor: 0, figure: 0 } },
      { type: 'summary', total: 1, capped: false, shown: 1 },
    ]);

    const stats = spanwise('stats', '--db', db);
    expect(stats.stdout).toEqual(['articles     4', 'unannotated  4', 'annotations  0', '  event      0', '  claim      0', '  actor      0', '  figure     0']);
    expect(JSON.parse(spanwise('stats', '--db', db, '--json').stdout[0] as string)).toMatchObject({ type: 'stats', articles: 4, annotations: 0, unannotated: 4 });
  }, 120_000); // eight runs of the command, each a fresh Node process that compiles the TypeScript it loads
});
