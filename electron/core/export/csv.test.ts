import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../store/db';
import { useTmpDir } from '../testing/tmp';
import { exportCorpus } from './index';
import { buildCorpus } from './test-support/corpus';
import { insertArticle } from '../store/articles';
import { insertAnnotation } from '../store/annotations';
import { csvRecord } from './csv';
import { cpOf, cpSlice, readCsv, readCsvRecords } from './test-support/readers';

const ATTRIBUTE_COLUMNS: Record<string, [string, string]> = {
  event_date: ['event', 'date'],
  event_location: ['event', 'location'],
  event_category: ['event', 'category'],
  event_type: ['event', 'type'],
  event_sub_type: ['event', 'subType'],
  claim_claimant: ['claim', 'claimant'],
  claim_claimant_id: ['claim', 'claimantId'],
  claim_status: ['claim', 'status'],
  actor_canonical_name: ['actor', 'canonicalName'],
  actor_kind: ['actor', 'kind'],
  figure_value: ['figure', 'value'],
  figure_unit: ['figure', 'unit'],
  figure_qualifier: ['figure', 'qualifier'],
  figure_counts: ['figure', 'counts'],
  figure_min: ['figure', 'min'],
  figure_max: ['figure', 'max'],
  figure_estimate: ['figure', 'estimate'],
  figure_auto: ['figure', 'auto'],
};

describe('CSV export', () => {
  const tmp = useTmpDir();

  async function exported(labels?: ('event' | 'claim' | 'actor' | 'figure')[]) {
    const dir = tmp();
    const db = openStore(join(dir, 'x.db'));
    const corpus = buildCorpus(db);
    const out = join(dir, 'spans.csv');
    const result = await exportCorpus(db, { format: 'csv', out, ...(labels ? { labels } : {}) });
    return { corpus, result, bytes: readFileSync(out) };
  }

  it('starts with a UTF-8 BOM and the documented columns, and ends records with CRLF', async () => {
    const { bytes } = await exported();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const header = bytes.toString('utf8').slice(1).split('\r\n')[0];
    expect(header).toBe(['article_id', 'article_title', 'span_id', 'label', 'start', 'end', 'text', 'note', ...Object.keys(ATTRIBUTE_COLUMNS), 'entity_id', 'entity_name', 'incident_id', 'roles'].join(','));
    expect(bytes.toString('utf8').endsWith('\r\n')).toBe(true);
  });

  it('writes one row per span whose text is the article text at its code point offsets', async () => {
    const { corpus, result, bytes } = await exported();
    const rows = readCsv(bytes);
    const live = corpus.annotations.filter((a) => a.status === 'ok');
    expect(rows).toHaveLength(live.length);
    expect(result.spans).toBe(live.length);
    for (const row of rows) {
      const source = live.find((a) => a.id === row.span_id);
      const article = corpus.articles.find((a) => a.id === row.article_id);
      expect(source).toBeDefined();
      expect(row.article_title).toBe(article?.title);
      expect(row.label).toBe(source?.label.toUpperCase());
      expect(cpSlice(article?.text ?? '', Number(row.start), Number(row.end))).toBe(row.text);
      expect(row.text).toBe(source?.quote);
      expect(Number(row.start)).toBe(cpOf(article?.text ?? '', source?.start ?? -1));
      expect(row.note).toBe(source?.note);
      for (const [column, [label, key]] of Object.entries(ATTRIBUTE_COLUMNS)) {
        const value = label === source?.label ? source.attrs[key] : undefined;
        expect(row[column], `${row.span_id} ${column}`).toBe(value === undefined || value === null ? '' : String(value));
      }
    }
  });

  it('keeps tabs, quotes, commas, newlines and edge spaces of notes and titles intact', async () => {
    const { corpus, bytes } = await exported();
    const rows = readCsv(bytes);
    const claim = corpus.byQuote("Ukraine's air force said it shot down 80 drones overnight");
    expect(rows.find((r) => r.span_id === claim.id)?.note).toBe('Contradicts\tthe city\'s "76", see below,\nsecond line');
    const padded = rows.find((r) => r.note?.startsWith('  '));
    expect(padded?.note).toBe('  padded, "quoted"  ');
    expect(padded?.event_location).toBe('Tab\there');
    expect(rows.find((r) => r.article_id === 'arabic')?.article_title).toBe('Ministry says "12", not 13, aircraft');
  });

  it('writes only the chosen labels', async () => {
    const { corpus, bytes } = await exported(['claim', 'figure']);
    const rows = readCsv(bytes);
    expect(new Set(rows.map((r) => r.label))).toEqual(new Set(['CLAIM', 'FIGURE']));
    expect(rows).toHaveLength(corpus.annotations.filter((a) => a.status === 'ok' && (a.label === 'claim' || a.label === 'figure')).length);
  });

  it('quotes every field holding a line break, so a strict RFC 4180 reader gets the notes and titles back exactly', async () => {
    const dir = tmp();
    const db = openStore(join(dir, 'x.db'));
    const notes = ['tab\there', 'say "hi", twice', 'bare\rcr', 'bare\nlf', 'crlf\r\ninside', '\nleading lf', 'trailing cr\r', 'plain'];
    const article = insertArticle(db, { title: 'Title\nacross lines', source: null, url: null, author: null, publishedAt: null, language: null, text: 'One two three.' }, { id: 'lines' });
    notes.forEach((note, i) => insertAnnotation(db, { id: `n${i}`, articleId: article.id, label: 'event', start: 0, end: 3, quote: 'One', note }));
    const out = join(dir, 'notes.csv');
    await exportCorpus(db, { format: 'csv', out });
    const rows = readCsv(readFileSync(out));
    expect(rows.map((r) => [r.span_id, r.note])).toEqual(notes.map((n, i) => [`n${i}`, n]));
    expect(new Set(rows.map((r) => r.article_title))).toEqual(new Set(['Title\nacross lines']));
  });
});

describe('the strict CSV reader the tests rely on', () => {
  const bom = '\uFEFF';

  it('refuses a bare LF or CR outside quotes, which a lenient reader would take as a new record', () => {
    expect(() => readCsvRecords(`${bom}a,b\r\nx\ny,z\r\n`)).toThrow(/bare CR or LF/);
    expect(() => readCsvRecords(`${bom}a,b\r\nx\ry,z\r\n`)).toThrow(/bare CR or LF/);
    expect(() => readCsvRecords(`${bom}a,b\nx,y\n`)).toThrow(/bare CR or LF/);
  });

  it('refuses stray quotes and ragged records', () => {
    expect(() => readCsvRecords(`${bom}a,b\r\nx"y,z\r\n`)).toThrow(/quote inside/);
    expect(() => readCsvRecords(`${bom}a,b\r\n"x"y,z\r\n`)).toThrow(/after a quoted field/);
    expect(() => readCsvRecords(`${bom}a,b\r\nx\r\n`)).toThrow(/1 fields/);
  });

  it('reads what csvRecord writes, for every awkward field', () => {
    const fields = ['', ' ', 'a,b', '"', '""', '\r', '\n', '\r\n', 'x\ty', ' edge ', 'plain'];
    expect(readCsvRecords(bom + csvRecord(fields) + csvRecord(fields.map(() => 'z')))).toEqual([fields, fields.map(() => 'z')]);
  });
});
