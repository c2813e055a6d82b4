import { stringify, type Options } from 'csv-stringify/sync';
import type { ExportItem } from '../store/export';
import { ATTRIBUTE_COLUMNS, codePointText, exportLabel, exportSpans } from './spans';
import { LINE_BREAK } from './line-breaks';
import { spreadsheetSafe, type SafeCells } from './spreadsheet-safe';
import type { StreamWriter } from './types';
import { CSV_ENTITY_COLUMNS, csvEntityCells, NO_ENTITIES, type EntityRefs } from './entity-export';
import { CSV_EVENT_COLUMNS, csvEventCells, eventLinks } from './event-links';

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
  ...CSV_ENTITY_COLUMNS,
  ...CSV_EVENT_COLUMNS,
] as const;

/*
 * RFC 4180 ends records with CRLF; a field holding the delimiter, the quote, a CR or an LF is
 * quoted. csv-stringify quotes on its own record delimiter only, so a bare LF (a span across
 * lines, a note) is named here: pandas, Python's csv and spreadsheet tools end a record at any
 * line break outside quotes; every other line break (NEL, U+2028, ...) is quoted too, for readers
 * that split lines the way Python's str.splitlines() does. Cells with edge whitespace are quoted because spreadsheet tools trim
 * it from bare cells.
 */
const OPTIONS: Options = { record_delimiter: 'windows', quoted_match: [LINE_BREAK, /^\s|\s$/] };

export function csvRecord(fields: readonly string[]): string {
  return stringify([fields as string[]], OPTIONS);
}

/**
 * CSV: one span per row. The BOM lets spreadsheet tools detect UTF-8; without it Excel shows
 * Cyrillic and Arabic as mojibake. Attribute cells of other labels stay empty. With
 * `spreadsheetSafe`, cells a spreadsheet would run as a formula are defused (spreadsheet-safe.ts)
 * and the export's notes say how many.
 */
export function csvWriter(options: { spreadsheetSafe?: boolean } = {}, refs: EntityRefs = NO_ENTITIES): StreamWriter {
  const safe: SafeCells | null = options.spreadsheetSafe ? spreadsheetSafe() : null;
  return {
    kind: 'stream',
    includeOrphaned: false,
    includeConflictCopies: false,
    includeHistory: false,
    gzip: false,
    begin: () => `\uFEFF${csvRecord(CSV_COLUMNS)}`,
    item: (item) => {
      const rows = csvRows(item, refs).map((row) => (safe ? row.map(safe.cell) : row));
      return { chunk: rows.length ? stringify(rows, OPTIONS) : '', spans: rows.length };
    },
    end: () => '',
    notes: () => (safe ? [safe.note()] : []),
  };
}

function csvRows(item: ExportItem, refs: EntityRefs): string[][] {
  const { article, annotations } = item;
  const cp = codePointText(article.text);
  const links = eventLinks(item);
  return exportSpans(cp, annotations).map((s) => {
    const a = s.annotation;
    const attrCells = ATTRIBUTE_COLUMNS.map(({ label, key }) => {
      const value = label === a.label ? a.attrs[key] : undefined;
      return value === undefined || value === null ? '' : String(value);
    });
    return [article.id, article.title, a.id, exportLabel(a.label), String(s.start), String(s.end), s.text, a.note, ...attrCells, ...csvEntityCells(refs, a), ...csvEventCells(links, a.id)];
  });
}
