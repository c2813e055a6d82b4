import { ATTR_SCHEMAS, LABELS, type AnyAttrs, type Label } from '../../../shared/model';
import { isLinkAttribute } from './entity-export';
import { makeCodePointConverter, makeUtf16Converter } from '../../../shared/text';
import type { ExportAnnotation } from '../store/export';

export type ExportLabel = 'EVENT' | 'CLAIM' | 'ACTOR' | 'FIGURE';

export function exportLabel(label: Label): ExportLabel {
  return label.toUpperCase() as ExportLabel;
}

/** A span as every export writes it: code point offsets into the exported text, and that text. */
export interface ExportSpan {
  annotation: ExportAnnotation;
  start: number;
  end: number;
  text: string;
}

/** The article's text seen in code points, built once per article and shared by its spans. */
export interface CodePointText {
  text: string;
  /** Code point length. */
  length: number;
  toCodePoint(utf16: number): number;
  toUtf16(codePoint: number): number;
  /** The text between two code point offsets (clamped to the text). */
  slice(start: number, end: number): string;
}

export function codePointText(text: string): CodePointText {
  const toCodePoint = makeCodePointConverter(text);
  // Built on first use: CSV and JSONL cut span text by the stored UTF-16 offsets and never need it.
  let utf16: ((codePoint: number) => number) | null = null;
  const toUtf16 = (cp: number) => (utf16 ??= makeUtf16Converter(text))(cp);
  const length = toCodePoint(text.length);
  const clamp = (cp: number) => Math.max(0, Math.min(length, cp));
  return {
    text,
    length,
    toCodePoint,
    toUtf16,
    slice: (start, end) => text.slice(toUtf16(clamp(start)), toUtf16(clamp(end))),
  };
}

export function exportSpans(cp: CodePointText, annotations: readonly ExportAnnotation[]): ExportSpan[] {
  return annotations.map((annotation) => ({
    annotation,
    start: cp.toCodePoint(annotation.start),
    end: cp.toCodePoint(annotation.end),
    // Cut from the article rather than taken from the stored quote, so it can never disagree with
    // the offsets it travels with; by the stored UTF-16 offsets, which the code point ones convert.
    text: cp.text.slice(annotation.start, annotation.end),
  }));
}

/** One attribute of one label, as the flat formats (CSV, brat notes, W3C bodies) name it. */
export interface AttributeColumn {
  label: Label;
  key: string;
  column: string;
}

/** How every export spells an attribute key: canonicalName is canonical_name. */
export const snakeKey = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Every attribute of every label, in label order then schema order: event_date ... figure_qualifier. */
export const ATTRIBUTE_COLUMNS: readonly AttributeColumn[] = LABELS.flatMap((label) =>
  Object.keys(ATTR_SCHEMAS[label].shape)
    .filter((key) => !isLinkAttribute(key))
    .map((key) => ({ label, key, column: `${label}_${snakeKey(key)}` })),
);

function present(value: AnyAttrs[string] | undefined): value is string | number {
  return value !== undefined && value !== null && value !== '';
}

/**
 * The span's attributes with values, in schema order (keys the schema does not know last, sorted),
 * so the same annotation always serialises to the same bytes whatever order it was stored in.
 */
export function orderedAttrs(label: Label, attrs: AnyAttrs): [string, string | number][] {
  const known = Object.keys(ATTR_SCHEMAS[label].shape);
  const extra = Object.keys(attrs)
    .filter((k) => !known.includes(k))
    .sort();
  const out: [string, string | number][] = [];
  for (const key of [...known, ...extra]) {
    const value = attrs[key];
    if (present(value)) out.push([key, value]);
  }
  return out;
}
