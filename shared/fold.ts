/**
 * How the registry compares names: one fold for names, aliases, type-ahead queries and the words
 * of an article, so "Zelenskyy", "ZELENSKYY" and "Zelenskýy" are one name, and "Зеленський" is
 * found as written in any case.
 *
 * NFKC first (full-width and compatibility forms, ligatures), then lower case, then the marks
 * on Latin, Greek, Cyrillic, Arabic and Hebrew letters taken off (é, ά, ё, й, harakat, niqqud):
 * in those scripts a mark is something people leave out when typing a name. Marks on other
 * scripts stay (a Devanagari or Thai vowel sign is a letter of the word). Turkish dotted İ
 * lowers to i + a dot mark and so folds to i; dotless ı stays its own letter, as Turkish has it.
 * Final sigma and sharp s fold to σ and ss, as full case folding does.
 */
const STRIPPED_BASE = '\\p{Script=Latin}\\p{Script=Greek}\\p{Script=Cyrillic}\\p{Script=Arabic}\\p{Script=Hebrew}';
const MARKS_ON_STRIPPED = new RegExp(`([${STRIPPED_BASE}])\\p{Mn}+`, 'gu');
const HAS_MARK_OR_SPECIAL = /[\p{M}ßς\u0130]/u;

export function fold(text: string): string {
  let t = text.normalize('NFKC').toLowerCase();
  if (t.includes('ß')) t = t.replaceAll('ß', 'ss');
  if (t.includes('ς')) t = t.replaceAll('ς', 'σ');
  const decomposed = t.normalize('NFD');
  if (!HAS_MARK_OR_SPECIAL.test(decomposed)) return t;
  return decomposed.replace(MARKS_ON_STRIPPED, '$1').normalize('NFC');
}

/**
 * Scripts written without spaces between words. There no word boundary can be told without a
 * dictionary, which cuts a name alone otherwise than the same name in a sentence; so there a name
 * is matched as a run of characters (as the library's search does, store/segment.ts).
 */
const UNSPACED = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}\\u30fc\\u3005';

/**
 * A word: letters, marks and digits of the spaced scripts; or one character (with its marks) of
 * an unspaced script. Apostrophes, hyphens and dots separate words, so "Russia's" holds the word
 * "russia" and "Russian" does not.
 */
const WORD = new RegExp(`[${UNSPACED}]\\p{M}*|(?:(?![${UNSPACED}])[\\p{L}\\p{N}])(?:(?![${UNSPACED}])[\\p{L}\\p{M}\\p{N}])*`, 'gu');
const UNSPACED_CHAR = new RegExp(`^[${UNSPACED}]`, 'u');

export interface Word {
  /** UTF-16 offsets into the text, end-exclusive. */
  start: number;
  end: number;
  /** The word folded. */
  key: string;
  /** A character of an unspaced script: joins its neighbours with no space between. */
  unspaced: boolean;
}

/** The words of a text, in order, each folded. */
export function words(text: string): Word[] {
  const list = scanWords(text);
  const out: Word[] = new Array<Word>(list.starts.length);
  for (let i = 0; i < out.length; i++) out[i] = { start: list.starts[i] as number, end: list.ends[i] as number, key: keyOf(text, list, i), unspaced: list.unspaced[i] === 1 };
  return out;
}

/**
 * The words of a text as parallel lists, with no object per word and, for most words, no string:
 * a library-wide pass looks each word up by its hash and reads the key (keyOf) of the few that
 * may start a name.
 */
export interface WordList {
  starts: number[];
  ends: number[];
  /** The folded key, or undefined until keyOf makes it (a run of simple letters, its hash made from the table). */
  keys: (string | undefined)[];
  /** wordHash of the key. */
  hashes: number[];
  /** 1 for a character of an unspaced script. */
  unspaced: number[];
}

/** The folded key of word i, made when first asked for. */
export function keyOf(text: string, list: WordList, i: number): string {
  let key = list.keys[i];
  if (key === undefined) {
    const run = text.slice(list.starts[i], list.ends[i]);
    key = list.keys[i] = ASCII.test(run) ? run.toLowerCase() : foldWord(run);
  }
  return key;
}

/** A 30-bit FNV-1a hash of a key's code units (a small integer to V8, so a Set of them stays cheap). */
export function wordHash(key: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME);
  return h & 0x3fffffff;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

/**
 * Cuts the text into runs of letters and digits (a letter or digit, then any letters, marks and
 * digits, in Unicode's classes L, N and M) by a scan of its code units against a table of their
 * classes, then folds each run; a run holding an unspaced script is cut as WORD cuts it. A regex
 * over the text made an array per word; the table is filled as characters are met, from the same
 * Unicode classes. A run of simple letters (SIMPLE_FOLDS) is hashed as it is scanned and keeps no
 * key until asked.
 */
export function scanWords(text: string, into?: WordList): WordList {
  const list: WordList = into ?? { starts: [], ends: [], keys: [], hashes: [], unspaced: [] };
  // Lists given to fill again keep their storage: a library-wide pass scans one text after another.
  list.starts.length = list.ends.length = list.keys.length = list.hashes.length = list.unspaced.length = 0;
  const simple = simpleFolds();
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const width = c >= 0xd800 && c <= 0xdbff && i + 1 < n && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1;
    if (classAt(text, i, c, width) !== LETTER) {
      i += width;
      continue;
    }
    const start = i;
    let top = 0;
    let h = FNV_OFFSET;
    let folds = true;
    while (i < n) {
      const d = text.charCodeAt(i);
      const w = d >= 0xd800 && d <= 0xdbff && i + 1 < n && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1;
      const k = classAt(text, i, d, w);
      if (k === OTHER) break;
      if (d > top) top = d;
      if (w === 2) top = Math.max(top, text.charCodeAt(i + 1));
      const f = folds && k === LETTER && d < simple.length ? (simple[d] as number) : 0;
      if (f === 0) folds = false;
      else h = Math.imul(h ^ f, FNV_PRIME);
      i += w;
    }
    if (folds) {
      push(list, start, i, undefined, h & 0x3fffffff, 0);
      continue;
    }
    // The highest code unit tells the common cases apart without a Unicode regex: nothing below
    // U+0E00 (Thai, the first unspaced script) is unspaced.
    const run = text.slice(start, i);
    if (top < 0x0e00 || !UNSPACED_ANY.test(run)) {
      const key = foldWord(run);
      push(list, start, i, key, wordHash(key), 0);
    } else {
      for (const w of run.matchAll(WORD)) {
        const at = start + w.index;
        const key = foldWord(w[0]);
        push(list, at, at + w[0].length, key, wordHash(key), UNSPACED_CHAR.test(w[0]) ? 1 : 0);
      }
    }
  }
  return list;
}

/**
 * The letters and digits below U+0800 (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, Syriac,
 * Thaana, N'Ko) that fold to one character on their own, each with that character; 0 for the
 * rest. For these, folding a run is folding each character (no marks to take off or compose, no
 * expansion; final sigma folds to σ either way): fold.test.ts checks every pair of them.
 */
let SIMPLE_FOLDS: Uint16Array | null = null;
export const SIMPLE_FOLD_LIMIT = 0x0800;

export function simpleFolds(): Uint16Array {
  if (SIMPLE_FOLDS) return SIMPLE_FOLDS;
  const table = new Uint16Array(SIMPLE_FOLD_LIMIT);
  for (let c = 0; c < SIMPLE_FOLD_LIMIT; c++) {
    const ch = String.fromCharCode(c);
    if (classOf(ch) !== LETTER) continue;
    const f = fold(ch);
    if (f.length === 1) table[c] = f.charCodeAt(0);
  }
  SIMPLE_FOLDS = table;
  return table;
}

function push(list: WordList, start: number, end: number, key: string | undefined, hash: number, unspaced: number): void {
  list.starts.push(start);
  list.ends.push(end);
  list.keys.push(key);
  list.hashes.push(hash);
  list.unspaced.push(unspaced);
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Character classes: what starts a run (letters, digits), what only continues one (marks), and the rest. */
const OTHER = 0;
const LETTER = 1;
const MARK = 2;
const UNKNOWN = 255;
const BMP_CLASS = new Uint8Array(0x10000).fill(UNKNOWN);
const ASTRAL_CLASS = new Map<number, number>();
const IS_LETTER = /^[\p{L}\p{N}]$/u;
const IS_MARK = /^\p{M}$/u;

function classOf(char: string): number {
  return IS_LETTER.test(char) ? LETTER : IS_MARK.test(char) ? MARK : OTHER;
}

function classAt(text: string, i: number, c: number, width: number): number {
  if (width === 1) {
    let k = BMP_CLASS[c] as number;
    // A lone surrogate is no letter (a Unicode regex takes it as itself).
    if (k === UNKNOWN) BMP_CLASS[c] = k = c >= 0xd800 && c <= 0xdfff ? OTHER : classOf(String.fromCharCode(c));
    return k;
  }
  const cp = text.codePointAt(i) as number;
  let k = ASTRAL_CLASS.get(cp);
  if (k === undefined) {
    k = classOf(String.fromCodePoint(cp));
    if (ASTRAL_CLASS.size < 100_000) ASTRAL_CLASS.set(cp, k);
  }
  return k;
}

const UNSPACED_ANY = new RegExp(`[${UNSPACED}]`, 'u');

/**
 * Running text repeats its words (news text follows Zipf's law), and a library-wide pass folds
 * millions of them: folded words are kept, up to a bound, and plain ASCII is only lowered.
 */
const FOLDED = new Map<string, string>();
const MAX_FOLDED = 200_000;
const ASCII = /^[\x00-\x7f]*$/;

function foldWord(word: string): string {
  const known = FOLDED.get(word);
  if (known !== undefined) return known;
  const key = ASCII.test(word) ? word.toLowerCase() : fold(word);
  if (FOLDED.size >= MAX_FOLDED) FOLDED.clear();
  FOLDED.set(word, key);
  return key;
}

/**
 * What may stand between two words of one name in running text: a space, a hyphen, an
 * apostrophe or a dot or two ("Jean-Pierre", "al Qaeda", "J. R. R."), never a line break; and
 * nothing at all between characters of an unspaced script.
 */
export function joins(text: string, left: Word, right: Word): boolean {
  return joinsAt(text, left.end, right.start, left.unspaced || right.unspaced);
}

/** joins() on offsets: the text between `end` and `start`, and whether either word is of an unspaced script. */
export function joinsAt(text: string, end: number, start: number, unspaced: boolean): boolean {
  if (end === start) return unspaced;
  if (start - end > 3) return false;
  for (let i = end; i < start; i++) if (!JOINER_UNITS.has(text.charCodeAt(i))) return false;
  return true;
}

const JOINER_UNITS = new Set([...' \t\u00a0\u2009\u202f-\u2010\u2011\u2012\u2013\'\u2019.'].map((c) => c.charCodeAt(0)));

/** A name's match key: its folded words, one space between. Empty when it has no letter or digit. */
export function nameKey(name: string): string {
  return words(name)
    .map((w) => w.key)
    .join(' ');
}
