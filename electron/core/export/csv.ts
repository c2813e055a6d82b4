import type { ExportItem } from '../store/export';
import { ATTRIBUTE_COLUMNS, codePointText, exportLabel, exportSpans } from './spans';
import type { StreamWriter } from './types';

export const CSV_COLUMNS = [
  'article_id',
  'article_title',
  'span_id',
  'label',
  'start',
  'end',
  'text',
  'note',
  ...ATTRIBUTE_COLUMNS.map((c) => c.column),
] as const;

/*
 * RFC 4180: a field holding the delimiter, the quote, a CR or an LF is quoted, quotes inside
 * doubled; records end with CRLF. A bare LF must be quoted as much as CRLF: readers that follow
 * the RFC end a record only at CRLF, but pandas, Python's csv and spreadsheet tools end one at
 * any line break outside quotes. Cells with edge whitespace are quoted too, because spreadsheet
 * tools trim it from bare cells. Line breaks inside quoted fields stay exactly as in the text.
 */
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
const QUOTE = /"/g;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(QUOTE, '""')}"` : value;
}

export function csvRecord(fields: readonly string[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) line += (i === 0 ? '' : ',') + csvField(fields[i] as string);
  return `${line}\r\n`;
}

/**
 * CSV: one span per row. The BOM lets spreadsheet tools detect UTF-8; without it Excel shows
 * Cyrillic and Arabic as mojibake. Attribute cells of other labels stay empty.
 */
export function csvWriter(): StreamWriter {
  return {
    kind: 'stream',
    includeOrphaned: false,
    includeConflictCopies: false,
    includeHistory: false,
    gzip: false,
    begin: () => `\uFEFF${csvRecord(CSV_COLUMNS)}`,
    item: (item) => {
      const rows = csvRows(item);
      return { chunk: rows.map(csvRecord).join(''), spans: rows.length };
    },
    end: () => '',
  };
}

function csvRows({ article, annotations }: ExportItem): string[][] {
  const cp = codePointText(article.text);
  return exportSpans(cp, annotations).map((s) => {
    const a = s.annotation;
    const attrCells = ATTRIBUTE_COLUMNS.map(({ label, key }) => {
      const value = label === a.label ? a.attrs[key] : undefined;
      return value === undefined || value === null ? '' : String(value);
    });
    return [article.id, article.title, a.id, exportLabel(a.label), String(s.start), String(s.end), s.text, a.note, ...attrCells];
  });
}
