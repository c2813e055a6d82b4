import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync as zipSyncImpl } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { exportCorpus } from '..';
import { parseFile } from '../../import';
import { insertArticle } from '../../store/articles';
import { insertAnnotation, listAnnotations } from '../../store/annotations';
import { openStore, type Db } from '../../store/db';
import { useTmpDir } from '../../testing/tmp';
import { importBatch, fileSource } from '../../services/importer';
import { codePointText } from '../spans';

const tmp = useTmpDir();
const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** The published QDA-XML 1.0 project schema (REFI, MIT licence), as released in March 2019. */
const SCHEMA = readFileSync(new URL('../test-support/refi/Project-mrt2019.xsd', import.meta.url), 'utf8');

// An emoji and a flag before the spans: a UTF-16 count would put every later selection one or two characters off.
const TEXT = 'Drones 🛩️ over 🇺🇦 Kyiv\n\nPresident Zelenskyy said “80 drones were shot down”, Moscow said 76.\nA second line & <markup>.';

function library(): Db {
  const db = openStore(join(tmp(), 'x.db'));
  opened.push(db);
  const article = insertArticle(db, { title: 'Drones over Kyiv', source: 'Daily Ledger', url: 'https://ledger.example/a?b="c"', author: 'P. Writer', publishedAt: '2024-11-26', language: 'en', text: TEXT });
  const at = (s: string) => ({ start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length, quote: s });
  insertAnnotation(db, { articleId: article.id, label: 'actor', ...at('Zelenskyy'), author: 'alice', attrs: { kind: 'person' } });
  insertAnnotation(db, { articleId: article.id, label: 'claim', ...at('“80 drones were shot down”'), author: 'bob', note: 'Line one\nline two\r\nwith a tab\tand "quotes" & <angle>', attrs: { status: 'disputed' } });
  insertAnnotation(db, { articleId: article.id, label: 'figure', ...at('76'), author: 'alice', attrs: { value: 76, unit: 'drones', qualifier: 'exact' } });
  insertAnnotation(db, { articleId: article.id, label: 'event', ...at('Drones 🛩️ over 🇺🇦 Kyiv'), author: '', attrs: { type: 'Explosions/Remote violence', subType: 'Air/drone strike', date: '2024-11-26' } });
  // Across the paragraph break, ending after the markup characters.
  insertAnnotation(db, { articleId: article.id, label: 'claim', ...at('Moscow said 76.\nA second line & <markup>'), author: 'bob' });
  return db;
}

async function exported(db: Db): Promise<{ file: string; qde: string; entries: Record<string, Uint8Array> }> {
  const file = join(tmp(), 'project.qdpx');
  await exportCorpus(db, { format: 'refi', out: file });
  const entries = unzipSync(readFileSync(file));
  return { file, qde: Buffer.from(entries['project.qde'] as Uint8Array).toString('utf8'), entries };
}

describe('REFI-QDA export', () => {
  it('writes a project.qde that validates against the published QDA-XML 1.0 project schema', async () => {
    const { qde } = await exported(library());
    const result = await validateXML({ xml: [{ fileName: 'project.qde', contents: qde }], schema: [{ fileName: 'Project.xsd', contents: SCHEMA }] });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('is refused by the schema when broken, so the validation above means something', async () => {
    const { qde } = await exported(library());
    const broken = qde.replace(/ isCodable="true"/, '');
    const result = await validateXML({ xml: [{ fileName: 'project.qde', contents: broken }], schema: [{ fileName: 'Project.xsd', contents: SCHEMA }] });
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.message).join()).toMatch(/isCodable/);
  });

  it('puts each text under Sources/ and counts positions in code points over those bytes', async () => {
    const { qde, entries } = await exported(library());
    const path = /plainTextPath="internal:\/\/([^"]+)"/.exec(qde)?.[1] as string;
    const source = Buffer.from(entries[`Sources/${path}`] as Uint8Array).toString('utf8');
    expect(source).toBe(TEXT);
    // Read as the standard says: code points of the UTF-8 text, end exclusive (as Python slices them).
    const codePoints = [...source];
    const selections = [...qde.matchAll(/<PlainTextSelection [^>]*name="([^"]*)" startPosition="(\d+)" endPosition="(\d+)"/g)];
    expect(selections).toHaveLength(5);
    const unescape = (s: string) => s.replace(/&#10;/g, '\n').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    for (const [, name, start, end] of selections) expect(codePoints.slice(Number(start), Number(end)).join('')).toBe(unescape(name as string));
    expect(qde).toContain('<Code guid="');
    // Event types and sub-types are child codes of EVENT.
    const [event, type, sub, claim] = ['name="EVENT"', 'name="Explosions/Remote violence"', 'name="Air/drone strike"', 'name="CLAIM"'].map((n) => qde.indexOf(n));
    expect(event).toBeLessThan(type as number);
    expect(type).toBeLessThan(sub as number);
    expect(sub).toBeLessThan(claim as number);
  });
});

describe('REFI-QDA import', () => {
  it('reads the export back with the same spans, labels, attributes and notes', async () => {
    const db = library();
    const { file } = await exported(db);
    const outcome = parseFile(file, readFileSync(file));
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.problems).toEqual([]);
    const [draft] = outcome.drafts;
    expect(draft).toMatchObject({ title: 'Drones over Kyiv', source: 'Daily Ledger', url: 'https://ledger.example/a?b="c"', author: 'P. Writer', language: 'en', text: TEXT });
    const original = listAnnotations(db, db.prepare('SELECT id FROM articles').pluck().get() as string);
    const key = (s: { label: string; start: number; end: number; note?: string; attrs?: object }) => JSON.stringify([s.label, s.start, s.end, s.note ?? '', Object.entries(s.attrs ?? {}).sort()]);
    expect(draft?.spans?.map(key).sort()).toEqual(original.map(key).sort());
  });

  it('imports a project into another library through the ordinary import, spans and all', async () => {
    const { file } = await exported(library());
    const other = openStore(join(tmp(), 'other.db'));
    opened.push(other);
    const report = await importBatch(other, [fileSource(file)], { author: 'carol' });
    expect(report.outcomes[0]).toMatchObject({ status: 'imported' });
    const id = report.outcomes[0]?.articleIds[0] as string;
    const spans = listAnnotations(other, id);
    expect(spans.map((a) => [a.label, a.quote]).sort()).toEqual(
      [
        ['actor', 'Zelenskyy'],
        ['claim', '“80 drones were shot down”'],
        ['claim', 'Moscow said 76.\nA second line & <markup>'],
        ['event', 'Drones 🛩️ over 🇺🇦 Kyiv'],
        ['figure', '76'],
      ].sort(),
    );
    const cp = codePointText(TEXT);
    expect(cp.slice(cp.toCodePoint(spans[0]?.start ?? 0), cp.toCodePoint(spans[0]?.end ?? 0))).toBe(spans[0]?.quote);
  });

  it('reads a project written by another tool: inline text, foreign codes named and left out, a bad selection named', () => {
    const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="QualCoder">
<CodeBook><Codes>
<Code guid="11111111-1111-1111-1111-111111111111" name="claim" isCodable="true"/>
<Code guid="22222222-2222-2222-2222-222222222222" name="Theme: trust" isCodable="true"/>
</Codes></CodeBook>
<Sources>
<TextSource guid="33333333-3333-3333-3333-333333333333" name="Interview 1">
<PlainTextContent>They said 😀 the bridge was closed.</PlainTextContent>
<PlainTextSelection guid="44444444-4444-4444-4444-444444444444" startPosition="12" endPosition="34"><Coding guid="55555555-5555-5555-5555-555555555555"><CodeRef targetGUID="11111111-1111-1111-1111-111111111111"/></Coding></PlainTextSelection>
<PlainTextSelection guid="66666666-6666-6666-6666-666666666666" startPosition="0" endPosition="4"><Coding guid="77777777-7777-7777-7777-777777777777"><CodeRef targetGUID="22222222-2222-2222-2222-222222222222"/></Coding></PlainTextSelection>
<PlainTextSelection guid="88888888-8888-8888-8888-888888888888" startPosition="30" endPosition="99"><Coding guid="99999999-9999-9999-9999-999999999999"><CodeRef targetGUID="11111111-1111-1111-1111-111111111111"/></Coding></PlainTextSelection>
</TextSource>
</Sources>
</Project>`;
    const { zipSync, strToU8 } = fflateWriter();
    const outcome = parseFile('qualcoder.qdpx', zipSync({ 'project.qde': strToU8(qde) }));
    if (!outcome.ok) throw new Error(outcome.reason);
    const [draft] = outcome.drafts;
    expect(draft?.spans).toHaveLength(1);
    const span = draft?.spans?.[0];
    expect(draft?.text.slice(span?.start, span?.end)).toBe('the bridge was closed.');
    expect(outcome.warnings.join()).toContain('1 selection(s) coded "Theme: trust" left out');
    expect(outcome.problems.join()).toMatch(/selection 88888888.*not inside the text of 34 characters/);
  });

  it('refuses what is not a project, saying why', () => {
    expect(parseFile('x.qdpx', Buffer.from('not a zip'))).toMatchObject({ ok: false, reason: expect.stringMatching(/^not a REFI-QDA project: not a readable zip file/) });
    const { zipSync, strToU8 } = fflateWriter();
    expect(parseFile('x.qdpx', zipSync({ 'other.txt': strToU8('x') }))).toEqual({ ok: false, reason: 'not a REFI-QDA project: no project.qde in the zip' });
    expect(parseFile('x.qdpx', zipSync({ 'project.qde': strToU8('<Project><unclosed></Project>') }))).toMatchObject({ ok: false, reason: expect.stringMatching(/^project\.qde is not well-formed XML/) });
  });
});

function fflateWriter() {
  // The same zip library the exporter uses, for hand-made projects.
  return { zipSync: (files: Record<string, Uint8Array>) => zipSyncImpl(files), strToU8: (s: string) => Buffer.from(s, 'utf8') };
}
