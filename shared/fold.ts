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
  const out: Word[] = [];
  // Runs of letters and digits first (a plain class is several times faster than one that
  // excludes the unspaced scripts character by character); a run holding an unspaced script is
  // then cut as WORD cuts it.
  for (const m of text.matchAll(RUN)) {
    const run = m[0];
    // The highest code unit tells the common cases apart without a Unicode regex: plain ASCII
    // only needs lowering, and nothing below U+0E00 (Thai, the first unspaced script) is unspaced.
    let top = 0;
    for (let i = 0; i < run.length; i++) top = Math.max(top, run.charCodeAt(i));
    if (top < 0x80) {
      out.push({ start: m.index, end: m.index + run.length, key: run.toLowerCase(), unspaced: false });
      continue;
    }
    if (top < 0x0e00 || !UNSPACED_ANY.test(run)) {
      out.push({ start: m.index, end: m.index + run.length, key: foldWord(run), unspaced: false });
      continue;
    }
    for (const w of run.matchAll(WORD)) {
      const start = m.index + w.index;
      out.push({ start, end: start + w[0].length, key: foldWord(w[0]), unspaced: UNSPACED_CHAR.test(w[0]) });
    }
  }
  return out;
}

const RUN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
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
const JOINER = /^[ \t\u00a0\u2009\u202f\-\u2010\u2011\u2012\u2013'\u2019.]{1,3}$/u;

export function joins(text: string, left: Word, right: Word): boolean {
  if (left.end === right.start) return left.unspaced || right.unspaced;
  return JOINER.test(text.slice(left.end, right.start));
}

/** A name's match key: its folded words, one space between. Empty when it has no letter or digit. */
export function nameKey(name: string): string {
  return words(name)
    .map((w) => w.key)
    .join(' ');
}
