import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBratPair } from '../import';
import { openStore } from '../store/db';
import { useTmpDir } from '../testing/tmp';
import { exportCorpus } from './index';
import { escapeLine, jsonLine, unescapeLine } from './line-breaks';
import { BROKEN_NOTE, buildAwkward, EVERY_LINE_BREAK } from './test-support/awkward';
import { pythonSplitlines } from './test-support/python-lines';
import { readAnn, readBratNote, readBundleLines, readCsv } from './test-support/readers';

describe('escaping for line-based formats', () => {
  it('puts text holding any line break on one line for str.splitlines, and brings it back exactly', () => {
    for (const b of [...EVERY_LINE_BREAK, '\\', '\\n', '\\u2028']) {
      const text = `a${b}b`;
      expect(pythonSplitlines(escapeLine(text)), JSON.stringify(b)).toHaveLength(1);
      expect(unescapeLine(escapeLine(text))).toBe(text);
      expect(readBratNote(escapeLine(text))).toBe(text);
    }
    expect(unescapeLine(escapeLine(BROKEN_NOTE))).toBe(BROKEN_NOTE);
    // What earlier versions wrote (only \\, \n and \r escaped) reads back the same.
    expect(unescapeLine('one\\ntwo\\rthree \\\\ four')).toBe('one\ntwo\rthree \\ four');
  });

  it('writes JSON with NEL, U+2028 and U+2029 escaped, which parses back to the same value', () => {
    const value = { note: BROKEN_NOTE, nested: ['\u2028', '\x85'] };
    const line = jsonLine(value);
    expect(pythonSplitlines(line)).toEqual([line]);
    expect(JSON.parse(line)).toEqual(value);
  });
});

describe('every line-based export keeps each record on one line for str.splitlines', () => {
  const tmp = useTmpDir();

  function library() {
    const dir = tmp();
    const db = openStore(join(dir, 'x.db'));
    const awkward = buildAwkward(db);
    return { dir, db, ...awkward };
  }

  it('brat: notes and the Attributes comment survive every line separator, as brat reads them', async () => {
    const { dir, db, annotationIds } = library();
    const out = join(dir, 'brat');
    await exportCorpus(db, { format: 'brat', out });
    const anns = readdirSync(out).filter((f) => f.endsWith('.ann'));
    expect(anns).toHaveLength(3);
    let notes = 0;
    for (const name of anns) {
      const content = readFileSync(join(out, name), 'utf8');
      // Every line cut the Python way is a whole brat line: an id, a tab and a known kind.
      for (const line of pythonSplitlines(content)) expect(line, `${name}: ${JSON.stringify(line)}`).toMatch(/^[TA#R]\d+\t(EVENT|CLAIM|ACTOR|FIGURE|Status|Kind|Qualifier|AnnotatorNotes|Attributes|Claimant) /);
      const ann = readAnn(content);
      expect(ann.entities).toHaveLength(3);
      const claim = ann.entities.find((e) => e.type === 'CLAIM');
      const note = ann.notes.find((n) => n.target === claim?.id && n.type === 'AnnotatorNotes');
      expect(readBratNote(note?.text ?? '')).toBe(BROKEN_NOTE);
      const attrs = ann.notes.filter((n) => n.type === 'Attributes').map((n) => JSON.parse(n.text) as Record<string, unknown>);
      expect(attrs).toEqual(
        expect.arrayContaining([
          { claimant: expect.stringMatching(/^the\u2028officials\x85of\d$/) as unknown },
          { value: 76, unit: 'drones\u2029(shot down)' },
          { canonical_name: '@handle\vname' },
        ]),
      );
      notes += ann.notes.length;
      // Spanwise's own brat importer reads it back with the same note.
      const txtName = name.replace(/\.ann$/, '.txt');
      const outcome = parseBratPair(txtName, readFileSync(join(out, txtName)), Buffer.from(content));
      if (!outcome.ok) throw new Error(outcome.reason);
      expect((outcome.drafts[0]?.spans ?? []).map((s) => s.note)).toContain(BROKEN_NOTE);
    }
    expect(notes).toBe(3 * 6);
    expect(annotationIds).toHaveLength(9);
  });

  it('brat: annotation.conf says how notes are escaped', async () => {
    const { dir, db } = library();
    const out = join(dir, 'brat');
    await exportCorpus(db, { format: 'brat', out });
    const conf = readFileSync(join(out, 'annotation.conf'), 'utf8');
    expect(conf).toContain('\\uXXXX for any other line break');
  });

  it('JSONL: one article per line, with the notes and attributes as they are', async () => {
    const { dir, db, articleIds } = library();
    const out = join(dir, 'x.jsonl');
    await exportCorpus(db, { format: 'jsonl', out });
    const lines = pythonSplitlines(readFileSync(out, 'utf8'));
    expect(lines).toHaveLength(articleIds.length);
    const records = lines.map((l) => JSON.parse(l) as { id: string; spans: { note: string; attrs: Record<string, unknown> }[] });
    expect(records.map((r) => r.id).sort()).toEqual([...articleIds].sort());
    for (const r of records) expect(r.spans.map((s) => s.note)).toContain(BROKEN_NOTE);
  });

  it('bundle: one record per line once unzipped', async () => {
    const { dir, db, articleIds } = library();
    const out = join(dir, 'x.spanwise');
    await exportCorpus(db, { format: 'bundle', out });
    const records = readBundleLines(readFileSync(out));
    const { gunzipSync } = await import('node:zlib');
    expect(pythonSplitlines(gunzipSync(readFileSync(out)).toString('utf8'))).toHaveLength(records.length);
    expect(records.length).toBe(articleIds.length + 2);
  });

  it('CSV: a cell holding any line break is quoted, so a strict RFC 4180 reader gets every row', async () => {
    const { dir, db } = library();
    const out = join(dir, 'x.csv');
    await exportCorpus(db, { format: 'csv', out });
    const raw = readFileSync(out, 'utf8');
    const rows = readCsv(raw);
    expect(rows).toHaveLength(9);
    expect(rows.filter((r) => r.note === BROKEN_NOTE)).toHaveLength(3);
    // Outside quotes, no separator other than the record's CRLF.
    const outsideQuotes = raw.replace(/"(?:[^"]|"")*"/g, '""');
    expect(pythonSplitlines(outsideQuotes)).toHaveLength(10);
  });
});
