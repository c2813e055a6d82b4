/*
 * The one rule every line-based export keeps: nothing inside a record may end a line for any
 * common reader. The set is Python's str.splitlines() (what brat's reader, spaCy's and most
 * Python tools split on), which is a superset of what JavaScript, Java and the Unicode line
 * breaking rules treat as mandatory breaks: LF, CR (and CRLF), VT, FF, the file, group and record
 * separators, NEL, and the Unicode line and paragraph separators.
 */

/** Every character that ends a line for str.splitlines(). */
export const LINE_BREAK_CHARS = ['\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029'] as const;

/** Matches any one of LINE_BREAK_CHARS. */
export const LINE_BREAK = /[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

export function isLineBreak(char: string): boolean {
  return char.length === 1 && LINE_BREAK_CHARS.includes(char as (typeof LINE_BREAK_CHARS)[number]);
}

const hex4 = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Free text put on one line: a backslash is written `\\`, LF `\n`, CR `\r`, and every other line
 * break `\uXXXX` (`\u2028`), so the text comes back exactly with unescapeLine. Text written by
 * earlier versions (only `\\`, `\n` and `\r`) reads back the same, since a backslash was always
 * escaped and `\u` never appeared unescaped.
 */
export function escapeLine(text: string): string {
  return text.replace(/[\\\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : hex4(c)));
}

export function unescapeLine(text: string): string {
  return text.replace(/\\(\\|n|r|u[0-9a-fA-F]{4})/g, (_, e: string) =>
    e === 'n' ? '\n' : e === 'r' ? '\r' : e === '\\' ? '\\' : String.fromCharCode(Number.parseInt(e.slice(1), 16)),
  );
}

/**
 * JSON on one line. JSON.stringify already escapes C0 controls (LF, CR, VT, FF, the separators),
 * but writes NEL, U+2028 and U+2029 raw, which are valid JSON yet end the line for readers that
 * split like str.splitlines(); written as `\u` escapes they parse back to the same string.
 */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(/[\x85\u2028\u2029]/g, hex4);
}
