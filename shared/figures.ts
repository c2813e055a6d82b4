/**
 * Reads the value of a figure annotation from its quote ("more than 80 drones", "$4.5 billion",
 * "a dozen") to prefill the figure's attributes. Pure and deliberately modest: the analyst
 * confirms what it proposes.
 */
import type { FIGURE_QUALIFIERS } from './model';

export type FigureQualifier = (typeof FIGURE_QUALIFIERS)[number];
export type ParsedFigure = { value: number; qualifier?: FigureQualifier; unit?: string; min?: number; max?: number };

type Token = { text: string; lower: string; start: number; end: number };
type NumberWord = { kind: 'unit' | 'multiplier' | 'scale'; value: number };

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

const NUMBER_WORDS: Record<string, NumberWord> = Object.fromEntries([
  ...UNITS.map((w, i) => [w, { kind: 'unit', value: i }] as const),
  ...TENS.map((w, i) => [w, { kind: 'unit', value: 20 + 10 * i }] as const),
  ['hundred', { kind: 'multiplier', value: 100 }],
  ['dozen', { kind: 'multiplier', value: 12 }],
  ['thousand', { kind: 'scale', value: 1e3 }],
  ['million', { kind: 'scale', value: 1e6 }],
  ['billion', { kind: 'scale', value: 1e9 }],
  ['trillion', { kind: 'scale', value: 1e12 }],
]);

/** Scales after a numeral: "1.5 million", "2.3bn", "5k", "€3 млрд". */
const SCALES: Record<string, number> = {
  hundred: 100, dozen: 12, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12,
  tausend: 1e3, millionen: 1e6, mio: 1e6, milliarde: 1e9, milliarden: 1e9, mrd: 1e9,
  k: 1e3, m: 1e6, mn: 1e6, mln: 1e6, b: 1e9, bn: 1e9, tn: 1e12, trn: 1e12,
  тыс: 1e3, тис: 1e3, млн: 1e6, млрд: 1e9, трлн: 1e12,
};

const phrases = (qualifier: FigureQualifier, list: string[]): [string[], FigureQualifier][] =>
  list.map((p) => [p.split(' '), qualifier]);

/** Words before the number; the longest match wins, so "no more than" beats "more than". */
const QUALIFIER_PHRASES: [string[], FigureQualifier][] = [
  ...phrases('approximate', ['around', 'about', 'approximately', 'approx', 'approx .', 'roughly', 'some', 'circa', 'ca',
    'ca .', 'c .', 'estimated', 'an estimated', 'close to', 'in the region of', 'on the order of', '~', '≈',
    'около', 'примерно', 'приблизительно', 'порядка', 'близько', 'приблизно',
    'etwa', 'rund', 'ungefähr', 'zirka', 'schätzungsweise', 'annähernd', 'um die', 'geschätzt', 'geschätzte']),
  ...phrases('at least', ['more than', 'over', 'at least', 'upwards of', 'in excess of', 'no fewer than', 'no less than',
    'not less than', 'a minimum of', 'above', 'greater than', 'exceeding', 'well over', 'just over', '>', '≥',
    'более', 'свыше', 'больше', 'не менее', 'понад', 'більше', 'щонайменше', 'не менше',
    'mehr als', 'über', 'mindestens', 'wenigstens', 'nicht weniger als', 'knapp über', 'weit über']),
  // "nearly"/"almost" promise the true number is below the one quoted: an upper bound.
  ...phrases('at most', ['fewer than', 'less than', 'under', 'below', 'up to', 'at most', 'no more than', 'not more than',
    'a maximum of', 'as many as', 'as much as', 'just under', 'just below', 'nearly', 'almost', 'just shy of', 'short of',
    '<', '≤', 'менее', 'меньше', 'почти', 'до', 'не более', 'майже', 'менше', 'не більше',
    'weniger als', 'unter', 'bis zu', 'höchstens', 'maximal', 'nicht mehr als', 'fast', 'beinahe', 'nahezu', 'knapp']),
];

/** Words right after the number ("80 or more", "80+", "80-odd"). */
const SUFFIX_QUALIFIERS: [string[], FigureQualifier][] = [
  ...phrases('at least', ['or more', 'or above', 'or over', 'and more', 'and above', 'plus', '+', 'oder mehr', 'und mehr']),
  ...phrases('at most', ['or less', 'or fewer', 'or under', 'and under', 'and below', 'oder weniger']),
  ...phrases('approximate', ['or so', '- odd', 'odd', '- ish']),
];

const CURRENCY_SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₴': 'UAH', '₽': 'RUB', '₹': 'INR' };
const CURRENCY_WORDS: Record<string, string> = {
  usd: 'USD', dollar: 'USD', dollars: 'USD', eur: 'EUR', euro: 'EUR', euros: 'EUR', gbp: 'GBP', sterling: 'GBP',
  uah: 'UAH', hryvnia: 'UAH', hryvnias: 'UAH', rub: 'RUB', rouble: 'RUB', roubles: 'RUB', ruble: 'RUB', rubles: 'RUB',
  yen: 'JPY', jpy: 'JPY',
};
const PERCENT_WORDS = new Set(['percent', 'pc', 'процентов', 'відсотків']);

/** Function words that end a unit: "80 drones were shot down" → "drones". */
const UNIT_STOP_WORDS = new Set(('the a an of and or but nor were was is are be been being had have has in on at to from by ' +
  'for with that which who whom whose said says say since during after before into onto per than as according while when ' +
  'where this these those it its their they them we he she you i not no also over across against towards toward near ' +
  'и в на по с из і у та з ' +
  'der die das den dem des und oder von vom bei im zum zur mit für nach seit laut wurden wurde werden wird sind waren ist ab').split(' '));

const TOKEN = /\p{L}[\p{L}\p{M}]*|\d+(?:[.,]\d+)*|\.\d+|\S/gu;

/** Tokens with offsets into the normalized text, which is returned with them. */
function tokenize(quote: string): { text: string; tokens: Token[] } {
  const text = quote
    // Typographic thousands separators: "1 200" with a narrow or no-break space.
    .replace(/(\d)[\u00a0\u202f\u2009](?=\d{3}(?!\d))/gu, '$1')
    .normalize('NFKC')
    .replace(/[\u2212\u2012\u2013\u2014]/gu, '-');
  const tokens = [...text.matchAll(TOKEN)].map((m) => ({ text: m[0], lower: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length }));
  return { text, tokens };
}

/** "1,200", "1,200.5", "1.5", ".5", "2,5" (decimal comma), "1.200.000" (dotted thousands). */
function parseNumeral(text: string): number | null {
  let digits: string;
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) digits = text.replace(/,/g, '');
  else if (/^\d{1,3}(\.\d{3}){2,}$/.test(text)) digits = text.replace(/\./g, '');
  else if (/^\d+,\d+$/.test(text)) digits = text.replace(',', '.');
  else if (/^(\d+(\.\d+)?|\.\d+)$/.test(text)) digits = text;
  else return null;
  const value = Number(digits);
  return Number.isFinite(value) ? value : null;
}

/**
 * A number as an analyst types it into a figure's value: the same reading of separators as
 * `parseFigure` ("1,200" is 1200, "2,5" is 2.5, "1.200.000" is 1200000), an optional sign, and
 * a narrow or no-break space between thousands as parseFigure allows. Null for anything else,
 * a half-typed "2." or "-" included.
 */
export function parseNumberInput(raw: string): number | null {
  const text = raw.trim().replace(/(?<=\d)[\u00a0\u202f\u2009](?=\d{3}(?!\d))/gu, '');
  const match = /^([-\u2212+]?)(.+)$/u.exec(text);
  if (match === null) return null;
  const value = parseNumeral(match[2] as string);
  if (value === null) return null;
  return match[1] === '' || match[1] === '+' ? value : -value;
}

const isDigits = (t: Token | undefined): boolean => t !== undefined && /^\.?\d/.test(t.text);
const isNumberWord = (t: Token | undefined): boolean => t !== undefined && (t.lower in NUMBER_WORDS || t.lower === 'half');
const startsNumberWords = (tokens: readonly Token[], i: number): boolean =>
  isNumberWord(tokens[i]) || (['a', 'an'].includes(tokens[i]?.lower ?? '') && isNumberWord(tokens[i + 1]));

/** Spelled-out numbers: "twenty-five", "two hundred and forty", "one and a half million", "a dozen". */
function parseWords(tokens: readonly Token[], from: number): { value: number; next: number } | null {
  let total = 0;
  let current = 0;
  let seen = false;
  let i = from;
  for (; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const word = NUMBER_WORDS[token.lower];
    if (word?.kind === 'unit') current += word.value;
    else if (word?.kind === 'multiplier') current = (current || 1) * word.value;
    else if (word?.kind === 'scale') {
      total += (current || 1) * word.value;
      current = 0;
    } else if (token.lower === 'half') current += 0.5;
    else if ((token.lower === 'a' || token.lower === 'an') && isNumberWord(tokens[i + 1])) continue;
    else if ((token.lower === 'and' || token.text === '-') && seen && startsNumberWords(tokens, i + 1)) continue;
    else break;
    seen = true;
  }
  return seen ? { value: total + current, next: i } : null;
}

type Parsed = { value: number; next: number; scale: number };

/** A number in digits or words at token `i`, with a scale after it ("1.5 million", "2.3bn"). */
function parseNumberAt(tokens: readonly Token[], i: number, currency: boolean): Parsed | null {
  const token = tokens[i];
  if (token === undefined) return null;
  if (!isDigits(token)) {
    const words = parseWords(tokens, i);
    return words && { ...words, scale: 1 };
  }
  const numeral = parseNumeral(token.text);
  if (numeral === null) return null;
  const next = tokens[i + 1];
  const scale = next === undefined ? undefined : SCALES[next.lower];
  // A bare "5m" is five metres; "$5m", "5mn" and "5k" are scales.
  const ambiguous = next !== undefined && (next.lower === 'm' || next.lower === 'b');
  const allowed = next !== undefined && (!ambiguous || (currency && next.start === token.end));
  if (scale !== undefined && allowed) return { value: numeral * scale, next: i + 2, scale };
  return { value: numeral, next: i + 1, scale: 1 };
}

function endsWith(tokens: readonly Token[], end: number, phrase: readonly string[]): boolean {
  return end >= phrase.length && phrase.every((word, k) => tokens[end - phrase.length + k]?.lower === word);
}

function qualifierBefore(tokens: readonly Token[], end: number): FigureQualifier | undefined {
  let best: { length: number; qualifier: FigureQualifier } | undefined;
  for (const [phrase, qualifier] of QUALIFIER_PHRASES) {
    if (endsWith(tokens, end, phrase) && (best === undefined || phrase.length > best.length)) best = { length: phrase.length, qualifier };
  }
  return best?.qualifier;
}

/** Sign and currency written before the number ("-3", "minus 3", "$4.5", "US$4.5", "-$5"). */
function prefixBefore(tokens: readonly Token[], at: number): { before: number; sign: number; currency?: string } {
  let before = at;
  let sign = 1;
  let currency: string | undefined;
  while (before > 0) {
    const prev = tokens[before - 1] as Token;
    const touching = prev.end === (tokens[before] as Token).start;
    const symbol = CURRENCY_SYMBOLS[prev.text];
    if (symbol !== undefined && currency === undefined) currency = symbol;
    else if (prev.lower === 'us' && currency === 'USD' && touching) {
      // The "US" of "US$".
    } else if ((prev.text === '-' && touching) || prev.lower === 'minus') {
      if (sign === -1) break;
      sign = -1;
    } else break;
    before--;
  }
  return currency === undefined ? { before, sign } : { before, sign, currency };
}

/** The unit after the number: a currency word, or up to three words before punctuation or a function word. */
function unitAfter(text: string, tokens: readonly Token[], from: number): string | undefined {
  let i = from;
  // "12,000-strong": a compound's hyphen is not punctuation ending the unit.
  if (tokens[i]?.text === '-' && tokens[i]?.start === tokens[i - 1]?.end) i++;
  const first = tokens[i];
  if (first === undefined) return undefined;
  const currency = CURRENCY_WORDS[first.lower] ?? (first.lower === 'us' ? CURRENCY_WORDS[tokens[i + 1]?.lower ?? ''] : undefined);
  if (currency !== undefined) return currency;
  let words = 0;
  let end = -1;
  for (; i < tokens.length && words < 3; i++) {
    const token = tokens[i] as Token;
    if (token.text === '-' && token.start === end && /^\p{L}/u.test(tokens[i + 1]?.text ?? '')) continue;
    if (!/^\p{L}/u.test(token.text) || UNIT_STOP_WORDS.has(token.lower)) break;
    if (tokens[i - 1]?.text !== '-' || tokens[i - 1]?.start !== end) words++;
    end = token.end;
  }
  return end === -1 ? undefined : text.slice(first.start, end).slice(0, 100);
}

/**
 * Parses a figure's quote into a value, a qualifier and a unit, or null when it holds no number.
 * - value: digits ("1,200", "1.5", "-3", "minus 3"), words ("four", "twenty-five", "a dozen",
 *   "half a million"), scaled ("1.5 million", "2.3bn", "$5m"). A range ("80-90", "80 to 90",
 *   "between 80 and 90") gives its bounds as min and max, and the lower one as the value.
 * - qualifier: 'exact' unless a phrase says otherwise: "around", "about", "some", "roughly" →
 *   'approximate'; "more than", "over", "at least", "80+", "80 or more" → 'at least'; "fewer
 *   than", "up to", "at most" → 'at most'. "nearly" and "almost" are 'at most' too: they promise
 *   the true number is below the one quoted. Strict comparisons are read as their bound.
 * - unit: a currency code for "$", "€", "£"… or "dollars", "euros"…; "%" for "12%", "12 percent";
 *   otherwise the words after the number, up to three, stopping at punctuation or a function
 *   word ("80 drones" → "drones", "80 Shahed drones were" → "Shahed drones").
 */
export function parseFigure(quote: string): ParsedFigure | null {
  const { text, tokens } = tokenize(quote);
  let at = tokens.findIndex((t, i) => isDigits(t) || (isNumberWord(t) && parseWords(tokens, i) !== null));
  if (at === -1) return null;
  if (at > 0 && ['a', 'an'].includes((tokens[at - 1] as Token).lower)) at--;
  const { before, sign, currency } = prefixBefore(tokens, at);
  const number = parseNumberAt(tokens, at, currency !== undefined);
  if (number === null) return null;
  let value = number.value;
  let qualifier: FigureQualifier = qualifierBefore(tokens, before) ?? 'exact';
  let i = number.next;

  const joiner = tokens[i];
  const between = (and: string, word: string) => joiner?.lower === and && endsWith(tokens, before, [word]);
  const isRange = joiner !== undefined && (joiner.text === '-' || joiner.lower === 'to' || joiner.lower === 'bis' || between('and', 'between') || between('und', 'zwischen'));
  const upper = isRange ? parseNumberAt(tokens, i + 1, currency !== undefined) : null;
  let max: number | undefined;
  if (upper !== null) {
    // A scale written once applies to both ends: "1-2 million".
    if (number.scale === 1) value *= upper.scale;
    max = upper.value;
    i = upper.next;
  }

  const suffix = SUFFIX_QUALIFIERS.find(([phrase]) => phrase.every((word, k) => tokens[i + k]?.lower === word));
  if (suffix !== undefined) {
    qualifier = suffix[1];
    i += suffix[0].length;
  }

  let unit = currency;
  const next = tokens[i];
  if (next !== undefined && (next.text === '%' || PERCENT_WORDS.has(next.lower))) unit = '%';
  else if (next?.lower === 'per' && tokens[i + 1]?.lower === 'cent') unit = '%';
  else unit ??= unitAfter(text, tokens, i);

  // toPrecision rounds away binary noise such as 2.3 * 1e9 = 2299999999.9999995.
  const result: ParsedFigure = { value: Number((sign * value).toPrecision(12)), qualifier };
  if (unit !== undefined) result.unit = unit;
  if (max !== undefined && max > result.value) {
    result.min = result.value;
    result.max = Number((sign * max).toPrecision(12));
  }
  return result;
}
