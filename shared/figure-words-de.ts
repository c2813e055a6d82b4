/**
 * German numbers written in words, read by hand: Microsoft's Recognizers-Text for JavaScript
 * (1.3.1, its latest) registers no German number model and silently reads a German text as
 * English, and no other kept npm package reads German number words. German writes a number below
 * a million as one word ("zweihundertdreiundvierzig", "einundzwanzig"), so a word is read by its
 * parts; Millionen and Milliarden are words of their own ("zwei Millionen").
 */

import { replaceNumberRuns, wordsOf, type NumberPart, type Word } from './number-runs';

const ONES: [string, number][] = [
  ['ein', 1], ['zwei', 2], ['zwo', 2], ['drei', 3], ['vier', 4], ['fünf', 5], ['sechs', 6], ['sieben', 7], ['acht', 8], ['neun', 9],
];
const TEENS: [string, number][] = [
  ['zehn', 10], ['elf', 11], ['zwölf', 12], ['dreizehn', 13], ['vierzehn', 14], ['fünfzehn', 15], ['sechzehn', 16], ['siebzehn', 17],
  ['achtzehn', 18], ['neunzehn', 19],
];
const TENS: [string, number][] = [
  ['zwanzig', 20], ['dreißig', 30], ['dreissig', 30], ['vierzig', 40], ['fünfzig', 50], ['sechzig', 60], ['siebzig', 70], ['achtzig', 80],
  ['neunzig', 90],
];
const PART_VALUES = new Map<string, number>([...ONES, ['eins', 1], ...TEENS, ...TENS]);

const alt = (words: readonly [string, number][]) => words.map(([w]) => w).join('|');
const BELOW_100 = `(?:(?:${alt(ONES)})und)?(?:${alt(TENS)})|${alt(TEENS)}|eins|${alt(ONES)}`;
const BELOW_1000 = `(?:(?:${alt(ONES)})?hundert(?:und)?)?(?:${BELOW_100})|(?:${alt(ONES)})?hundert`;
/** One word of a number below a million: its parts in the order German puts them. */
const NUMBER_WORD = new RegExp(`^(?:(?:(?:${BELOW_1000})?tausend(?:und)?)?(?:${BELOW_1000})|(?:${BELOW_1000})?tausend)$`, 'u');
/** A word's parts, longest first so "achtzehn" is not read as "acht". */
const PARTS = [...PART_VALUES.keys(), 'hundert', 'tausend', 'und'].sort((a, b) => b.length - a.length);

/** The value of one German number word below a million, or null when it is none. */
export function germanNumberWord(word: string): number | null {
  const w = word.toLowerCase();
  if (!NUMBER_WORD.test(w)) return null;
  let total = 0;
  let current = 0;
  for (let at = 0; at < w.length; ) {
    const part = PARTS.find((p) => w.startsWith(p, at)) as string;
    at += part.length;
    if (part === 'hundert') current = (current || 1) * 100;
    else if (part === 'tausend') {
      total += (current || 1) * 1000;
      current = 0;
    } else if (part !== 'und') current += PART_VALUES.get(part) as number;
  }
  return total + current;
}

/** The indefinite article counts one ("eine Drohne"), and says how many of a scale ("eine Million"). */
const ARTICLES = new Set(['ein', 'eine', 'einen', 'einem', 'einer', 'eines']);
const SCALES = new Map<string, number>([
  ['million', 1e6],
  ['millionen', 1e6],
  ['milliarde', 1e9],
  ['milliarden', 1e9],
]);
const DOZEN = new Set(['dutzend']);
/** Number words that are English words too: read only in an article known to be German. */
const ALSO_ENGLISH = new Set(['elf', 'null']);

const WORD = /\p{L}+/gu;

/** What one word is in a German number: a value, a scale, "Dutzend", or nothing. */
function read(w: string, german: boolean): NumberPart | null {
  if (SCALES.has(w)) return { kind: 'scale', value: SCALES.get(w) as number };
  if (DOZEN.has(w)) return { kind: 'dozen', value: 12 };
  if (ARTICLES.has(w)) return { kind: 'number', value: 1 };
  if (w === 'null') return german ? { kind: 'number', value: 0 } : null;
  if (ALSO_ENGLISH.has(w) && !german) return null;
  const value = germanNumberWord(w);
  return value === null ? null : { kind: 'number', value };
}

/**
 * German numbers written in words replaced by digits: "einundzwanzig Drohnen" → "21 Drohnen",
 * "zwei Millionen dreihunderttausend" → "2300000", "ein Dutzend" → "12". A scale or "Dutzend"
 * standing alone is left as it is, and so is "Dutzende": those are estimates. `german` says the
 * article is known to be German, which reads "elf" and "null" too.
 */
export function germanWordsToDigits(text: string, german: boolean): string {
  const words = wordsOf(text, WORD);
  const readWord = (w: string) => read(w, german);
  return replaceNumberRuns(text, words, {
    read: readWord,
    // A scale or "Dutzend" alone is an estimate; a German number below a million is one word, so a
    // second number word after one starts a number of its own.
    starts: (part) => part.kind === 'number',
    continues: (part, current) => !(part.kind === 'number' && current !== 0),
    keep: (all, i, j) => {
      if (!ARTICLES.has((all[i] as Word).text) || j !== i + 1) return true;
      // An article counts one before a noun ("eine Drohne"); before a number word ("ein hundert")
      // it is that number's, and before anything else ("eine der Drohnen") it is no number.
      const next = all[i + 1];
      const adjacent = next !== undefined && text.slice((all[i] as Word).end, next.start).trim() === '';
      return next !== undefined && adjacent && /^\p{Lu}/u.test(text.slice(next.start, next.end)) && readWord(next.text) === null;
    },
  });
}
