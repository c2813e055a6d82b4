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
    if (!text.includes('\uFFFD')) return { text, encoding: utf16.toUpperCase(), note: `decoded as ${utf16.toUpperCase()} (no byte order mark)` };
  }
  if (looksBinary(bytes)) throw new DecodeError('binary data, not text');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8', note: null };
  } catch {
    // not UTF-8: try the legacy encodings below
  }
  const lenient = new TextDecoder('utf-8').decode(bytes);
  const invalid = (lenient.match(/\uFFFD/g) ?? []).length;
  const valid = (lenient.match(/[^\u0000-\u007f\uFFFD]/g) ?? []).length;
  // Mostly well-formed UTF-8 with a few broken bytes (a truncated copy, one stray byte) is UTF-8:
  // a legacy decoding would garble every other non-ASCII character to rescue those few.
  if (valid >= 10 * invalid) {
    return { text: lenient, encoding: 'UTF-8', note: `not valid UTF-8 in ${invalid} place${invalid === 1 ? '' : 's'}; the bytes there were replaced with \uFFFD` };
  }

  const declared = options.declared && iconv.encodingExists(options.declared) && !isUtf(options.declared) ? options.declared.toLowerCase() : null;
  const guess = jschardet.detect(buffer).encoding;
  const candidates = [...new Set([declared, guess, ...FALLBACKS].filter((e): e is string => !!e && iconv.encodingExists(e) && !isUtf(e)).map((e) => e.toLowerCase()))];
  let best: { text: string; encoding: string; score: number } | null = null;
  for (const encoding of candidates) {
    const text = iconv.decode(buffer, encoding);
    const score = implausibility(text) - (encoding === declared ? 1 : 0);
    if (!best || score < best.score) best = { text, encoding, score };
  }
  const words = best ? (best.text.match(/[\p{L}\p{M}]+/gu) ?? []).length : 0;
  if (!best || best.score > Math.max(8, words * 0.25)) {
    throw new DecodeError(`not valid UTF-8, and no legacy encoding gives readable text (tried ${candidates.join(', ')})`);
  }
  return { text: best.text, encoding: best.encoding, note: `not valid UTF-8; decoded as ${best.encoding}` };
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

/** Text saved as UTF-16 without a BOM has a NUL in every other byte for Latin script. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 8192) & ~1;
  if (n < 8) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const half = n / 2;
  if (oddZeros > half * 0.3 && evenZeros < half * 0.02) return 'utf-16le';
  if (evenZeros > half * 0.3 && oddZeros < half * 0.02) return 'utf-16be';
  return null;
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
    const scripts = new Set<string>();
    for (const ch of word) for (const [re, name] of SCRIPTS) if (re.test(ch)) scripts.add(name);
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
