import { basename, extname } from 'node:path';
import { parseBrat } from './brat';
import { DecodeError, decodeText } from './decode';
import { parseHtml } from './html';
import { parseJson } from './json';
import { parseJsonl } from './jsonl';
import { parseMarkdown } from './md';
import { parseQdpx } from './qdpx';
import { parseTxt } from './txt';
import { ARTICLE_FORMATS, IMPORTABLE_EXTENSIONS, isImportable, type ArticleFormat } from '../../../shared/formats';
import { withoutBom } from '../../../shared/text';
import { MAX_FILE_BYTES, tooLarge, type ParseOutcome } from './types';

export { BRAT_CONFIG_FILES } from './brat';
export type { ImportDraft, ParseOutcome } from './types';
export { MAX_FILE_BYTES, tooLarge } from './types';

type Format = ArticleFormat;
const FORMATS = ARTICLE_FORMATS;

export { IMPORTABLE_EXTENSIONS, isImportable };

/** Parses one file's bytes into article drafts, or says plainly why it cannot. Never throws. */
export function parseFile(name: string, bytes: Uint8Array): ParseOutcome {
  const ext = extname(name).toLowerCase();
  const format = FORMATS[ext];
  if (!format) return { ok: false, reason: `unsupported file type "${ext || '(no extension)'}"; Spanwise reads ${IMPORTABLE_EXTENSIONS.join(', ')}` };
  if (format === 'qdpx') {
    if (bytes.length > MAX_FILE_BYTES) return { ok: false, reason: tooLarge(bytes.length) };
    return guarded(() => parseQdpx(bytes, basename(name, extname(name)) || name));
  }
  const decoded = decodeFile(bytes, format === 'html' ? declaredCharset(bytes) : null);
  if (!decoded.ok) return decoded;
  return parseDecoded(name, decoded.text, decoded.warnings);
}

/** A brat standoff pair (`name.txt` with `name.ann` beside it): the text and its annotations. */
export function parseBratPair(name: string, txtBytes: Uint8Array, annBytes: Uint8Array): ParseOutcome {
  const text = decodeFile(txtBytes, null);
  if (!text.ok) return text;
  const ann = annBytes.length === 0 ? { ok: true as const, text: '', warnings: [] } : decodeFile(annBytes, null);
  if (!ann.ok) return { ok: false, reason: `annotation file (.ann): ${ann.reason}` };
  return guarded(() => {
    const outcome = parseBrat(text.text, ann.text, basename(name, extname(name)));
    return outcome.ok ? { ...outcome, warnings: [...text.warnings, ...ann.warnings.map((w) => `.ann ${w}`), ...outcome.warnings] } : outcome;
  });
}

/**
 * Parses text already in memory by its name's extension (plain text when it has none we know).
 * The byte order mark goes here, once, so no parser needs to know about it.
 */
export function parseDecoded(name: string, text: string, warnings: string[] = []): ParseOutcome {
  const base = basename(name, extname(name)) || name;
  const format = FORMATS[extname(name).toLowerCase()] ?? 'txt';
  return guarded(() => {
    const outcome = parseAs(format, withoutBom(text), base);
    return outcome.ok ? { ...outcome, warnings: [...warnings, ...outcome.warnings] } : outcome;
  });
}

/**
 * Pasted or dropped content. A name with a known extension decides the format; otherwise a copied
 * web page (HTML) is told apart from plain text by its markup.
 */
export function parsePasted(name: string, pasted: string): ParseOutcome {
  const content = withoutBom(pasted);
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > MAX_FILE_BYTES) return { ok: false, reason: tooLarge(bytes) };
  if (content.trim() === '') return { ok: false, reason: 'empty: nothing was pasted' };
  const ext = extname(name).toLowerCase();
  if (FORMATS[ext] && FORMATS[ext] !== 'txt') return parseDecoded(name, content);
  const html = clipboardHtml(content);
  if (html !== null || looksLikeHtml(content)) return guarded(() => parseHtml(html ?? content, basename(name, ext) || name));
  return parseDecoded(ext ? name : `${name}.txt`, content);
}

function parseAs(format: Format, text: string, base: string): ParseOutcome {
  switch (format) {
    case 'md':
      return parseMarkdown(text, base);
    case 'html':
      return parseHtml(text, base);
    case 'json':
      return parseJson(text, base);
    case 'jsonl':
      return parseJsonl(text, base);
    case 'qdpx':
      return { ok: false, reason: 'a REFI-QDA project (.qdpx) is a zip file: import the file itself, not its text' };
    case 'txt': {
      const { draft, warnings } = parseTxt(text, base);
      if (draft.text === '') return { ok: false, reason: 'no text in file' };
      return { ok: true, drafts: [draft], warnings, problems: [] };
    }
  }
}

/** A parser bug or a library failing on strange input fails that one file, never the batch. */
function guarded(parse: () => ParseOutcome): ParseOutcome {
  try {
    return parse();
  } catch (err) {
    return { ok: false, reason: `could not be read: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function decodeFile(bytes: Uint8Array, declared: string | null): { ok: true; text: string; warnings: string[] } | { ok: false; reason: string } {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, reason: tooLarge(bytes.length) };
  try {
    const { text, note } = decodeText(bytes, { declared });
    return { ok: true, text, warnings: note ? [note] : [] };
  } catch (err) {
    if (err instanceof DecodeError) return { ok: false, reason: err.message };
    return { ok: false, reason: `could not be read: ${(err as Error).message}` };
  }
}

/** The charset an HTML file declares in its first bytes (`<meta charset>` or http-equiv). */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1] ?? null;
}

/** Windows puts a "Version:0.9 StartHTML:…" header before HTML on the clipboard; the markup follows it. */
function clipboardHtml(content: string): string | null {
  if (!/^Version:\d/.test(content) || !/StartHTML:\d+/.test(content.slice(0, 300))) return null;
  const at = content.indexOf('<');
  return at >= 0 ? content.slice(at) : null;
}

const TAG = /<\/?(?:p|div|span|a|article|section|main|header|footer|nav|h[1-6]|br|hr|ul|ol|li|blockquote|table|tr|td|th|strong|em|b|i|img|figure|figcaption|time|meta|link|script|style)\b[^>]*>/gi;

/** Markup rather than prose that happens to mention a tag. */
export function looksLikeHtml(content: string): boolean {
  const head = withoutBom(content).trimStart().slice(0, 2000);
  if (/^<!doctype html|^<html[\s>]|^<head[\s>]|^<body[\s>]/i.test(head)) return true;
  const sample = content.slice(0, 50_000);
  const tags = sample.match(TAG)?.length ?? 0;
  const closes = sample.match(/<\/(?:p|div|span|a|li|h[1-6]|td|article|section|blockquote)>/gi)?.length ?? 0;
  return (head.startsWith('<') && tags >= 2 && closes >= 1) || (tags >= 6 && closes >= 3);
}
