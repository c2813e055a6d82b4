/**
 * Where the command writes: text for people, one JSON object per line with --json.
 *
 * Every text line goes through `terminalSafe` here, so no caller can print a file name, a title
 * or an error message holding control characters raw: an ESC sequence in a file name would drive
 * the terminal (recolour, move the cursor, retitle the window), a newline or carriage return
 * would forge or overwrite a report line. A report of several lines passes them as a list; each
 * is escaped on its own, so the only line breaks printed are the command's own.
 */
export interface Output {
  json: boolean;
  result(value: Record<string, unknown>, text: Text): void;
  error(value: Record<string, unknown>, text: Text): void;
}

/** One line, or the lines of a report that takes several. */
export type Text = string | readonly string[];

/**
 * C0 controls (tab, newline and carriage return included), DEL, C1 controls (U+009B is an ESC [
 * on its own to many terminals), the Unicode line and paragraph separators, and the bidirectional
 * overrides and isolates, which reorder what is shown (a name could display as another).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\x1b', '\0': '\\0' };

/** The string with every unsafe character written as a visible escape (`\x1b`, `\n`, `\u202e`). */
export function terminalSafe(s: string): string {
  return s.replace(UNSAFE, (c) => NAMED[c] ?? (c.charCodeAt(0) <= 0xff ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/**
 * One JSON object per line. JSON.stringify already escapes C0 controls; the characters it leaves
 * raw that a terminal or a line reader acts on (DEL, C1, U+2028/2029, bidi controls) are written
 * as \u escapes too: the same JSON value, safe to print.
 */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function textLines(text: Text): string {
  return (typeof text === 'string' ? [text] : text).map((line) => `${terminalSafe(line)}\n`).join('');
}

export function createOutput(json: boolean, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Output {
  return {
    json,
    result: (value, text) => out.write(json ? `${jsonLine(value)}\n` : textLines(text)),
    error: (value, text) => err.write(json ? `${jsonLine(value)}\n` : textLines(text)),
  };
}

export class UsageError extends Error {
  constructor(
    message: string,
    /** False for a refused argument whose message says all (the usage text would bury it). */
    readonly showUsage = true,
  ) {
    super(message);
  }
}

export const EXIT = { ok: 0, someFailed: 1, usage: 2, interrupted: 130 } as const;
