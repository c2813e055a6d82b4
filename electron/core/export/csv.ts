import { stringify, type Options } from 'csv-stringify/sync';
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
 * RFC 4180 ends records with CRLF; a field holding the delimiter, the quote, a CR or an LF is
 * quoted. csv-stringify quotes on its own record delimiter only, so a bare LF (a span across
 * lines, a note) is named here: pandas, Python's csv and spreadsheet tools end a record at any
 * line break outside quotes. Cells with edge whitespace are quoted because spreadsheet tools trim
 * it from bare cells.
 */
const OPTIONS: Options = { record_delimiter: 'windows', quoted_match: [/[\r\n]/, /^\s|\s$/] };

export function csvRecord(fields: readonly string[]): string {
  return stringify([fields as string[]], OPTIONS);
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
      return { chunk: rows.length ? stringify(rows, OPTIONS) : '', spans: rows.length };
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
