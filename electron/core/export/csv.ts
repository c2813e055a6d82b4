import { stringify } from 'csv-stringify/sync';
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

// RFC 4180 ends records with CRLF; newlines inside quoted fields stay as they are in the text.
// Cells with edge whitespace are quoted too, because spreadsheet tools trim it from bare cells.
const OPTIONS = { record_delimiter: 'windows', quoted_match: /^\s|\s$/ } as const;

/**
 * CSV: one span per row. The BOM lets spreadsheet tools detect UTF-8; without it Excel shows
 * Cyrillic and Arabic as mojibake. Attribute cells of other labels stay empty.
 */
export function csvWriter(): StreamWriter {
  return {
    kind: 'stream',
    includeOrphaned: false,
    gzip: false,
    begin: () => `\uFEFF${stringify([[...CSV_COLUMNS]], OPTIONS)}`,
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
