import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { listAnnotations } from '../core/store/annotations';
import { insertAnnotation } from '../core/store/annotations';
import { openStore } from '../core/store/db';
import { REGISTRY_ARTICLES, REGISTRY_CSV } from '../core/testing/registry-corpus';
import { useTmpDir } from '../core/testing/tmp';
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
  const lines = (s: string) => s.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { output: createOutput(true, stdout, stderr), out: () => lines(out), err: () => lines(err) };
}

async function cli(args: string[]) {
  const c = capture();
  const code = await run([...args, '--json', '--author', 'tester'], c.output);
  return { code, out: c.out(), err: c.err() };
}

const ARTICLES = REGISTRY_ARTICLES;

/** A library with the three articles and the registry imported through the command. */
export async function registryCorpus(dir: string): Promise<string> {
  const db = join(dir, 'library.db');
  for (const [name, text] of Object.entries(ARTICLES)) writeFileSync(join(dir, name), text);
  expect((await cli(['import', '--db', db, ...Object.keys(ARTICLES).map((n) => join(dir, n))])).code).toBe(EXIT.ok);
  writeFileSync(join(dir, 'registry.csv'), REGISTRY_CSV);
  const imported = await cli(['entities', 'import', '--db', db, join(dir, 'registry.csv')]);
  expect(imported.err).toEqual([]);
  expect(imported.out).toEqual([expect.objectContaining({ type: 'summary', created: 4, updated: 0 })]);
  return db;
}

describe('spanwise entities', () => {
  it('suggest --accept-all links and tags every mention of the names and aliases and nothing else; entities counts them', async () => {
    const dir = tmp();
    const file = await registryCorpus(dir);
    // One actor span already there, unlinked: suggest links it instead of tagging again.
    const setup = openStore(file);
    const ankara = setup.prepare("SELECT id, text FROM articles WHERE title = 'Ankara'").get() as { id: string; text: string };
    insertAnnotation(setup, { id: 'pre', articleId: ankara.id, label: 'actor', start: ankara.text.indexOf('ERDOGAN'), end: ankara.text.indexOf('ERDOGAN') + 7, quote: 'ERDOGAN' });
    setup.close();

    const listed = await cli(['entities', 'suggest', '--db', file]);
    const suggestions = listed.out.filter((l) => l.type === 'suggestion');
    expect(suggestions.map((s) => [s.text, s.action])).toEqual(
      expect.arrayContaining([
        ['Volodymyr Zelensky', 'tag'],
        ['ERDOGAN', 'link'],
      ]),
    );
    // Code point offsets: the flag before "did not" does not shift anything before it; check one after text.
    for (const s of suggestions) {
      const text = Object.values(ARTICLES).find((t) => [...t].slice(s.start as number, s.end as number).join('') === s.text);
      expect(text, `${String(s.text)} at ${String(s.start)}`).toBeDefined();
    }
    const applied = await cli(['entities', 'suggest', '--db', file, '--accept-all']);
    expect(applied.out.at(-1)).toMatchObject({ type: 'summary', suggestions: 10, created: 9, linked: 1 });

    const db = openStore(file);
    const byTitle = (title: string) => {
      const id = db.prepare('SELECT id FROM articles WHERE title = ?').pluck().get(title) as string;
      return listAnnotations(db, id).map((a) => [a.quote, a.attrs.canonicalName]);
    };
    expect(byTitle('Kyiv talks')).toEqual([
      ['Volodymyr Zelensky', 'Volodymyr Zelensky'],
      ['Recep Tayyip Erdoğan', 'Recep Tayyip Erdoğan'],
      ['Zelenskyy', 'Volodymyr Zelensky'],
      ['Russia', 'Russia'],
    ]);
    expect(byTitle('Київ')).toEqual([
      ['Зеленський', 'Volodymyr Zelensky'],
      ['Росія', 'Russia'],
      ['Зеленський', 'Volodymyr Zelensky'],
    ]);
    expect(byTitle('Ankara')).toEqual([
      ['ERDOGAN', 'Recep Tayyip Erdoğan'],
      ['Russia', 'Russia'],
      ['Erdoğan', 'Recep Tayyip Erdoğan'],
    ]);
    db.close();

    const counted = await cli(['entities', '--db', file]);
    const counts = Object.fromEntries(counted.out.map((e) => [e.name, [e.mentions, e.articles]]));
    expect(counts).toEqual({ 'Volodymyr Zelensky': [4, 2], 'Recep Tayyip Erdoğan': [3, 2], Russia: [3, 3], Istanbul: [0, 0] });
    expect(counted.out[0]).toMatchObject({ type: 'entity', kind: 'actor', actor_kind: expect.any(String), aliases: expect.any(Array), external_ids: expect.any(Array) });
    const places = await cli(['entities', '--db', file, '--kind', 'place']);
    expect(places.out.map((e) => e.name)).toEqual(['Istanbul']);
    // Everything is accepted: nothing more to suggest.
    expect((await cli(['entities', 'suggest', '--db', file])).out).toEqual([expect.objectContaining({ type: 'summary', suggestions: 0 })]);
  });

  it('exports the registry as CSV and JSONL that import back into another library unchanged', async () => {
    const dir = tmp();
    const file = await registryCorpus(dir);
    const listed = (await cli(['entities', '--db', file])).out;
    for (const ext of ['csv', 'jsonl']) {
      const out = join(dir, `registry-out.${ext}`);
      expect((await cli(['entities', 'export', '--db', file, '--out', out])).out).toEqual([expect.objectContaining({ type: 'export', entities: 4 })]);
      if (ext === 'csv') expect(readFileSync(out, 'utf8').startsWith('\uFEFFname,kind,actor_kind,aliases,external_ids,note,id')).toBe(true);
      const other = join(dir, `other-${ext}.db`);
      expect((await cli(['import', '--db', other, join(dir, 'a-kyiv.txt')])).code).toBe(EXIT.ok);
      expect((await cli(['entities', 'import', '--db', other, out])).code).toBe(EXIT.ok);
      expect((await cli(['entities', '--db', other])).out).toEqual(listed);
      // A second import of the same file changes nothing: it is merged by id.
      expect((await cli(['entities', 'import', '--db', other, out])).out).toEqual([expect.objectContaining({ created: 0, updated: 4 })]);
      expect((await cli(['entities', '--db', other])).out).toEqual(listed);
    }
    expect((await cli(['entities', 'export', '--db', file, '--out', join(dir, 'x.txt')])).code).toBe(EXIT.usage);
  });

  it.each([
    ['a missing column', 'name,kind,aliases,external_ids,note\nRussia,actor,,,', 1, /lacks the column actor_kind/],
    ['an alias on two entities', 'name,kind,actor_kind,aliases,external_ids,note\nRussia,actor,state,RF,,\nRussian Federation,actor,state,rf,,', 3, /"rf" is also a name of the actor "Russia" on line 2/],
    ['a name of 10,000 characters', `name,kind,actor_kind,aliases,external_ids,note\nOk,actor,,,,\n${'x'.repeat(10_000)},actor,,,,`, 3, /10,000 characters long; a name may be at most 500/],
    ['a merge cycle', 'name,kind,actor_kind,aliases,external_ids,note,merged_into\nA,actor,,,,,B\nB,actor,,,,,C\nC,actor,,,,,A', 2, /merge cycle: "A" \(line 2\) → "B" \(line 3\) → "C" \(line 4\) → "A"/],
    ['an unknown kind', 'name,kind,actor_kind,aliases,external_ids,note\nKyiv,city,,,,', 2, /kind must be actor or place/],
    ['a line that is not JSON', '{"name":"Russia","kind":"actor"}\n{"name":', 2, /not JSON/],
  ])('refuses %s with the line and the reason, writing nothing', async (_what, content, line, reason) => {
    const dir = tmp();
    const file = await registryCorpus(dir);
    const bad = join(dir, content.startsWith('{') ? 'bad.jsonl' : 'bad.csv');
    writeFileSync(bad, content);
    const result = await cli(['entities', 'import', '--db', file, bad]);
    expect(result.code).toBe(EXIT.someFailed);
    const errors = result.err.filter((e) => e.type === 'error');
    expect(errors.map((e) => e.line)).toContain(line);
    expect(errors.map((e) => e.message).join('\n')).toMatch(reason);
    expect((await cli(['entities', '--db', file])).out).toHaveLength(4);
  });

  it('merges lines by name and kind, with the library and within the file, and applies merged_into', async () => {
    const dir = tmp();
    const file = await registryCorpus(dir);
    const more = join(dir, 'more.jsonl');
    writeFileSync(
      more,
      [
        JSON.stringify({ name: 'RUSSIA', kind: 'actor', aliases: ['Russian Federation'], external_ids: 'wikidata:Q159' }),
        JSON.stringify({ name: 'Moscow', kind: 'actor', actor_kind: 'state', merged_into: 'Russia' }),
        JSON.stringify({ name: 'Russia', kind: 'place' }),
      ].join('\n'),
    );
    expect((await cli(['entities', 'import', '--db', file, more])).out).toEqual([expect.objectContaining({ created: 2, updated: 1, merged: 1 })]);
    const all = (await cli(['entities', '--db', file])).out;
    const russia = all.find((e) => e.name === 'Russia' && e.kind === 'actor');
    expect(russia).toMatchObject({ aliases: ['Росія', 'Russian Federation', 'Moscow'], external_ids: ['wikidata:Q159'] });
    expect(all.filter((e) => e.name === 'Russia').map((e) => e.kind)).toEqual(['actor', 'place']);
  });
});
