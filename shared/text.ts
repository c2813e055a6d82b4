/**
 * Canonical text and offset rules (DESIGN.md "Text and offsets"). Pure functions shared by the
 * importers, the exporters and the editor so the three can never disagree.
 */

const PARAGRAPH_BREAK = /\n[ \t\u00a0]*\n/;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/**
 * Replaces each lone UTF-16 surrogate with one U+FFFD. SQLite keeps text as UTF-8, where a lone
 * surrogate has no form: stored as it is, it reads back as three U+FFFD, so the text grows and
 * every offset after it moves. One unit for one unit keeps every offset where it was.
 */
export function wellFormed(s: string): string {
  return LONE_SURROGATE.test(s) ? s.replace(LONE_SURROGATES, '\ufffd') : s;
}

/** True when no UTF-16 surrogate in `s` is missing its other half: text SQLite stores as it is given. */
export function isWellFormed(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

/** True when the UTF-16 unit at `i` is half of a surrogate pair with its other half missing. */
export function isLoneSurrogate(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = s.charCodeAt(i + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const before = s.charCodeAt(i - 1);
    return !(before >= 0xd800 && before <= 0xdbff);
  }
  return false;
}

/** Text without the byte order mark a file or a clipboard may start with. */
export function withoutBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/**
 * Turns any body text into canonical text: `\n` line endings, no BOM, no lone surrogates, NFC,
 * paragraphs separated by exactly one blank line, a single `\n` only inside a paragraph, no
 * trailing spaces on lines.
 */
export function canonicalize(raw: string): string {
  const unified = wellFormed(withoutBom(raw))
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029\u0085\f\v]/g, '\n')
    // Control characters other than tab and newline never belong in article text.
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, '')
    .normalize('NFC');
  return unified
    .split(PARAGRAPH_BREAK)
    .map((para) =>
      para
        .split('\n')
        .map((line) => line.replace(/[ \t\u00a0]+$/u, ''))
        .filter((line, i, lines) => !(line.trim() === '' && (i === 0 || i === lines.length - 1)))
        .join('\n')
        .replace(/^\n+|\n+$/g, ''),
    )
    .filter((para) => para.trim() !== '')
    .join('\n\n');
}

/** Splits canonical text into its paragraphs (the editor's blocks). */
export function paragraphs(text: string): string[] {
  return text === '' ? [] : text.split('\n\n');
}

/**
 * Converts UTF-16 offsets (the app's unit) into Unicode code point offsets (every export's unit)
 * for one text. Identity, without allocation, when the text has no astral characters.
 */
export function makeCodePointConverter(text: string): (utf16: number) => number {
  if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i;
  const table = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    table[i] = cp;
    const c = text.charCodeAt(i);
    const isHighSurrogate = c >= 0xd800 && c <= 0xdbff;
    const next = text.charCodeAt(i + 1);
    if (isHighSurrogate && next >= 0xdc00 && next <= 0xdfff) {
      table[i + 1] = cp;
      i++;
    }
    cp++;
  }
  table[text.length] = cp;
  return (i) => table[i] ?? cp;
}

/** The inverse: code point offsets (imports of exported data) into UTF-16 offsets. */
export function makeUtf16Converter(text: string): (codePoint: number) => number {
  if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i;
  const starts: number[] = [];
  for (let i = 0; i < text.length; i++) {
    starts.push(i);
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff) i++;
  }
  starts.push(text.length);
  return (cp) => (cp >= 0 && cp < starts.length ? (starts[cp] as number) : Number.NaN);
}

/** Length of a string in code points. */
export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** True when the UTF-16 offset falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  const before = text.charCodeAt(offset - 1);
  const at = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && at >= 0xdc00 && at <= 0xdfff;
}

/** Shrinks [start, end) so it neither starts nor ends with whitespace; null when nothing is left. */
export function trimSpan(text: string, start: number, end: number): { start: number; end: number } | null {
  let s = Math.max(0, Math.min(start, end));
  let e = Math.min(text.length, Math.max(start, end));
  while (s < e && /\s/u.test(text[s] as string)) s++;
  while (e > s && /\s/u.test(text[e - 1] as string)) e--;
  return s < e ? { start: s, end: e } : null;
}
