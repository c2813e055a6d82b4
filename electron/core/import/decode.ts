import iconv from 'iconv-lite';
import jschardet from 'jschardet';
import type { DecodedText } from './types';

/** Legacy encodings tried when a file is not valid UTF-8; ties go to the earlier one. */
const FALLBACKS = ['windows-1252', 'windows-1251', 'windows-1250', 'iso-8859-2', 'koi8-r'];

export class DecodeError extends Error {}

export interface DecodeOptions {
  /** The charset a document declares for itself (an HTML `<meta charset>`), tried first among legacy encodings. */
  declared?: string | null;
}

/**
 * How much of a legacy-encoded file the candidate encodings are judged on. Scoring looks at every
 * character and word for every candidate, so on a whole file it costs seconds per megabyte; a
 * sample from the start, the middle and the end decides as well (one file has one encoding), and
 * only the winner decodes the whole file.
 */
export const SAMPLE_BYTES = 48 * 1024;

/**
 * Decodes a file's bytes. UTF-8 (with or without BOM) and UTF-16 (with a BOM, or recognisable
 * without one) are taken as they are. Anything else is decoded with each plausible legacy
 * encoding and the one giving the most natural-looking text wins: detectors alone are unreliable
 * on short news texts, and a wrong guess yields readable-looking mojibake without any error.
 */
export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(buffer, 'utf-16le'), encoding: 'UTF-16LE', note: null };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(buffer, 'utf-16be'), encoding: 'UTF-16BE', note: null };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) {
    const text = iconv.decode(buffer, utf16);
    if (!text.includes('\uFFFD') && !looksBinaryText(text)) return { text, encoding: utf16.toUpperCase(), note: `decoded as ${utf16.toUpperCase()} (no byte order mark)` };
  }
  if (looksBinary(bytes)) throw new DecodeError('binary data, not text');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8', note: null };
  } catch {
    // not UTF-8: try the legacy encodings below
  }
  const lenient = new TextDecoder('utf-8').decode(bytes);
  let invalid = 0;
  let valid = 0;
  for (let i = 0; i < lenient.length; i++) {
    const c = lenient.charCodeAt(i);
    if (c === 0xfffd) invalid++;
    else if (c > 0x7f) valid++;
  }
  // Mostly well-formed UTF-8 with a few broken bytes (a truncated copy, one stray byte) is UTF-8:
  // a legacy decoding would garble every other non-ASCII character to rescue those few.
  if (valid >= 10 * invalid) {
    return { text: lenient, encoding: 'UTF-8', note: `not valid UTF-8 in ${invalid} place${invalid === 1 ? '' : 's'}; the bytes there were replaced with \uFFFD` };
  }
  const encoding = legacyEncoding(buffer, options.declared ?? null);
  return { text: iconv.decode(buffer, encoding), encoding, note: `not valid UTF-8; decoded as ${encoding}` };
}

/**
 * The single-byte encoding that reads a file best, judged on a sample of it; throws when none
 * gives readable text. For callers that decode a file piece by piece (a large JSONL).
 */
export function legacyEncoding(buffer: Buffer, declaredCharset: string | null): string {
  const sample = sampleOf(buffer);
  const declared = declaredCharset && iconv.encodingExists(declaredCharset) && !isUtf(declaredCharset) ? declaredCharset.toLowerCase() : null;
  const guess = jschardet.detect(sample).encoding;
  const candidates = [...new Set([declared, guess, ...FALLBACKS].filter((e): e is string => !!e && iconv.encodingExists(e) && !isUtf(e)).map((e) => e.toLowerCase()))];
  let best: { text: string; encoding: string; score: number } | null = null;
  for (const encoding of candidates) {
    const text = iconv.decode(sample, encoding);
    const score = implausibility(text) - (encoding === declared ? 1 : 0);
    if (!best || score < best.score) best = { text, encoding, score };
  }
  const words = best ? count(best.text, /[\p{L}\p{M}]+/gu) : 0;
  if (!best || best.score > Math.max(8, words * 0.25)) {
    throw new DecodeError(`not valid UTF-8, and no legacy encoding gives readable text (tried ${candidates.join(', ')})`);
  }
  return best.encoding;
}

/** The start, middle and end of a large buffer, each cut at a space or line break so no word is split. */
export function sampleOf(buffer: Buffer): Buffer {
  if (buffer.length <= SAMPLE_BYTES) return buffer;
  const part = Math.floor(SAMPLE_BYTES / 3);
  const cut = (from: number, to: number) => {
    let s = from;
    let e = Math.min(buffer.length, to);
    while (s > 0 && s < e && buffer[s - 1] !== 0x20 && buffer[s - 1] !== 0x0a) s++;
    while (e < buffer.length && e > s && buffer[e] !== 0x20 && buffer[e] !== 0x0a) e--;
    return buffer.subarray(s, e);
  };
  const middle = Math.floor(buffer.length / 2 - part / 2);
  return Buffer.concat([cut(0, part), Buffer.from(' '), cut(middle, middle + part), Buffer.from(' '), cut(buffer.length - part, buffer.length)]);
}

function count(text: string, re: RegExp): number {
  let n = 0;
  re.lastIndex = 0;
  while (re.exec(text) !== null) n++;
  return n;
}

function isUtf(encoding: string): boolean {
  return /^(ascii|us-ascii|utf-?8|utf-?16(le|be)?|utf-?32(le|be)?)$/i.test(encoding);
}

/** NUL bytes or a high share of control bytes mean this is not a text file. */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1;
}

/**
 * Text saved as UTF-16 without a BOM. Latin script has a NUL in every other byte; other scripts
 * have few distinct values there instead (Cyrillic is 0x04 with 0x00 for spaces, digits and
 * punctuation), while the other half of each pair varies with every letter.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 8192) & ~1;
  if (n < 8 || bytes.length % 2 !== 0) return null;
  const even = new Uint32Array(256);
  const odd = new Uint32Array(256);
  for (let i = 0; i < n; i += 2) {
    (even[bytes[i] as number] as number)++;
    (odd[bytes[i + 1] as number] as number)++;
  }
  const half = n / 2;
  if ((odd[0] as number) > half * 0.3 && (even[0] as number) < half * 0.02) return 'utf-16le';
  if ((even[0] as number) > half * 0.3 && (odd[0] as number) < half * 0.02) return 'utf-16be';
  if (fewValues(odd, half) && manyValues(even)) return 'utf-16le';
  if (fewValues(even, half) && manyValues(odd)) return 'utf-16be';
  return null;
}

/** The high bytes of one script: at most three values (a block and 0x00) make up nearly all of them. */
function fewValues(histogram: Uint32Array, total: number): boolean {
  const top = [...histogram].sort((a, b) => b - a);
  return (top[0] as number) + (top[1] as number) + (top[2] as number) >= total * 0.97 && (histogram[0] as number) > 0 && (histogram[0] as number) < total;
}

function manyValues(histogram: Uint32Array): boolean {
  return histogram.filter((c) => c > 0).length >= 12;
}

/** Decoded text that is mostly control characters came from bytes that were never text. */
function looksBinaryText(text: string): boolean {
  const control = count(text.slice(0, 4096), /[\u0000-\u0008\u000e-\u001f]/g);
  return control > Math.min(text.length, 4096) * 0.05;
}

const SCRIPTS: [RegExp, string][] = [
  [/\p{Script=Latin}/u, 'latin'],
  [/\p{Script=Cyrillic}/u, 'cyrillic'],
  [/\p{Script=Greek}/u, 'greek'],
  [/\p{Script=Arabic}/u, 'arabic'],
  [/\p{Script=Hebrew}/u, 'hebrew'],
  [/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u, 'cjk'],
  [/\p{Script=Hangul}/u, 'hangul'],
  [/\p{Script=Thai}/u, 'thai'],
];

/**
 * How unnatural a decoded text looks: replacement characters, C1 controls, box drawing amid
 * letters, words mixing scripts, Latin words made mostly of accented letters, case flips inside
 * words. Each is what decoding with the wrong single-byte table typically produces.
 */
export function implausibility(text: string): number {
  let score = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c === 0xfffd) score += 50;
    else if (c >= 0x80 && c <= 0x9f) score += 10;
    else if ((c >= 0x2500 && c <= 0x259f) || (c >= 0xe000 && c <= 0xf8ff)) score += 3;
  }
  // Non-ASCII signs between letters; ASCII ones (markup's < = >, "AT&T") are ordinary.
  score += 3 * (text.match(/\p{L}(?:(?![\u0000-\u007f])[\p{Sk}\p{So}\p{Sm}\u00a7\u00b6])+\p{L}/gu) ?? []).length;
  // Latin-1 signs glued to letters ("Za¿ó³æ") are what Central European text looks like in windows-1252.
  score += 3 * (text.match(/(?<=\p{L})[\u00a2\u00a4\u00a6\u00a8\u00ac\u00af\u00b1\u00b4\u00b6\u00b8\u00bc-\u00be]|[\u00a2\u00a4\u00a6\u00a8\u00ac\u00af\u00b1\u00b4\u00b6\u00b8\u00bc-\u00be](?=\p{L})/gu) ?? []).length;
  // Superscripts, guillemets and inverted marks are normal beside a word ("km²", "¿Qué", "«oui»"), not inside one.
  score += 3 * (text.match(/(?<=\p{L})[\u00a1\u00ab\u00b2\u00b3\u00b9\u00bb\u00bf](?=\p{L})/gu) ?? []).length;
  for (const word of text.match(/[\p{L}\p{M}]+/gu) ?? []) {
    // One test per script over the word, not one per letter: this loop runs for every candidate encoding.
    const scripts = new Set<string>();
    for (const [re, name] of SCRIPTS) if (re.test(word)) scripts.add(name);
    if (scripts.size > 1) score += 4;
    // Cyrillic read as windows-1252 becomes words made almost entirely of accented Latin letters.
    if (scripts.size === 1 && scripts.has('latin') && word.length >= 4) {
      const accented = (word.match(/[^\p{ASCII}]/gu) ?? []).length;
      if (accented / word.length > 0.7) score += 2;
    }
    if (/\p{Ll}\p{Lu}/u.test(word)) score += 1;
  }
  return score;
}
