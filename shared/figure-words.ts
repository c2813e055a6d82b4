/**
 * Words the figure normaliser reads by hand because no number-recognition library covers them:
 * numbers written in Russian and Ukrainian words (German ones are in figure-words-de.ts), ACLED's
 * estimate words ("dozens" is 12), and the verbs that say what a figure counts, in English,
 * Russian, Ukrainian and German. Other Latin-script number words are read by Microsoft's
 * Recognizers-Text (figure-normalise.ts).
 */

import { replaceNumberRuns, wordsOf, type NumberPart, type RunRules } from './number-runs';

/** Oblique forms of the -ть numerals: "пять" → "пяти", "двадцять" → "двадцяти". */
const oblique = (w: string): string[] => (w.endsWith('ть') ? [w, `${w.slice(0, -1)}и`] : [w]);

const RU_UNITS: [string[], number][] = [
  [['ноль', 'нуля'], 0],
  [['один', 'одна', 'одно', 'одного', 'одной', 'одному', 'одним'], 1],
  [['два', 'две', 'двух', 'двум', 'двумя', 'двое', 'двоих'], 2],
  [['три', 'трех', 'трёх', 'трем', 'трём', 'тремя', 'трое', 'троих'], 3],
  [['четыре', 'четырех', 'четырёх', 'четырьмя', 'четверо', 'четверых'], 4],
  [[...oblique('пять'), 'пятеро', 'пятерых', 'пятью'], 5],
  [[...oblique('шесть'), 'шестеро', 'шестерых'], 6],
  [[...oblique('семь'), 'семеро', 'семерых'], 7],
  [['восемь', 'восьми', 'восьмью'], 8],
  [oblique('девять'), 9],
  [oblique('десять'), 10],
  [oblique('одиннадцать'), 11],
  [oblique('двенадцать'), 12],
  [oblique('тринадцать'), 13],
  [oblique('четырнадцать'), 14],
  [oblique('пятнадцать'), 15],
  [oblique('шестнадцать'), 16],
  [oblique('семнадцать'), 17],
  [oblique('восемнадцать'), 18],
  [oblique('девятнадцать'), 19],
  [oblique('двадцать'), 20],
  [oblique('тридцать'), 30],
  [['сорок', 'сорока'], 40],
  [['пятьдесят', 'пятидесяти'], 50],
  [['шестьдесят', 'шестидесяти'], 60],
  [['семьдесят', 'семидесяти'], 70],
  [['восемьдесят', 'восьмидесяти'], 80],
  [['девяносто', 'девяноста'], 90],
];
const RU_HUNDREDS: [string[], number][] = [
  [['сто', 'ста'], 100],
  [['двести', 'двухсот'], 200],
  [['триста', 'трехсот', 'трёхсот'], 300],
  [['четыреста', 'четырехсот', 'четырёхсот'], 400],
  [['пятьсот', 'пятисот'], 500],
  [['шестьсот', 'шестисот'], 600],
  [['семьсот', 'семисот'], 700],
  [['восемьсот', 'восьмисот'], 800],
  [['девятьсот', 'девятисот'], 900],
];

const UK_UNITS: [string[], number][] = [
  [['нуль', 'нуля'], 0],
  [['один', 'одна', 'одне', 'одного', 'одній', 'одному', 'одним'], 1],
  [['два', 'дві', 'двох', 'двом', 'двома', 'двоє'], 2],
  [['три', 'трьох', 'трьом', 'трьома', 'троє'], 3],
  [['чотири', 'чотирьох', 'чотирьом', 'чотирма', 'четверо'], 4],
  [[...oblique("п'ять"), "п'ятеро", "п'ятьох"], 5],
  [['шість', 'шести', 'шістьох', 'шестеро'], 6],
  [['сім', 'семи', 'сімох', 'семеро'], 7],
  [['вісім', 'восьми', 'вісьмох'], 8],
  [oblique("дев'ять"), 9],
  [oblique('десять'), 10],
  [oblique('одинадцять'), 11],
  [oblique('дванадцять'), 12],
  [oblique('тринадцять'), 13],
  [oblique('чотирнадцять'), 14],
  [oblique("п'ятнадцять"), 15],
  [oblique('шістнадцять'), 16],
  [oblique('сімнадцять'), 17],
  [oblique('вісімнадцять'), 18],
  [oblique("дев'ятнадцять"), 19],
  [oblique('двадцять'), 20],
  [oblique('тридцять'), 30],
  [['сорок', 'сорока'], 40],
  [["п'ятдесят", "п'ятдесяти"], 50],
  [['шістдесят', 'шістдесяти'], 60],
  [['сімдесят', 'сімдесяти'], 70],
  [['вісімдесят', 'вісімдесяти'], 80],
  [["дев'яносто", "дев'яноста"], 90],
];
const UK_HUNDREDS: [string[], number][] = [
  [['сто', 'ста'], 100],
  [['двісті', 'двохсот'], 200],
  [['триста', 'трьохсот'], 300],
  [['чотириста', 'чотирьохсот'], 400],
  [["п'ятсот", "п'ятисот"], 500],
  [['шістсот', 'шестисот'], 600],
  [['сімсот', 'семисот'], 700],
  [['вісімсот', 'восьмисот'], 800],
  [["дев'ятсот", "дев'ятисот"], 900],
];
const SCALES: [string[], number][] = [
  [['тысяча', 'тысячи', 'тысяч', 'тысячу', 'тисяча', 'тисячі', 'тисяч', 'тисячу'], 1e3],
  [['миллион', 'миллиона', 'миллионов', 'мільйон', 'мільйона', 'мільйони', 'мільйонів'], 1e6],
  [['миллиард', 'миллиарда', 'миллиардов', 'мільярд', 'мільярда', 'мільярди', 'мільярдів'], 1e9],
];

const CYRILLIC_WORDS = new Map<string, NumberPart>();
for (const [forms, value] of [...RU_UNITS, ...UK_UNITS, ...RU_HUNDREDS, ...UK_HUNDREDS]) for (const f of forms) CYRILLIC_WORDS.set(f, { kind: 'number', value });
for (const [forms, value] of SCALES) for (const f of forms) CYRILLIC_WORDS.set(f, { kind: 'scale', value });

/** Units and hundreds add up ("сто вісімдесят вісім"); a scale word alone ("тысячи людей") is an estimate, so no run starts with one. */
const CYRILLIC_RUNS: RunRules = {
  read: (w) => CYRILLIC_WORDS.get(w) ?? null,
  starts: (part) => part.kind !== 'scale',
  continues: () => true,
};

/** Ukrainian writes its apostrophe three ways; the tables use the ASCII one. */
export const foldApostrophes = (s: string): string => s.replace(/[\u2019\u02bc\u02b9`]/g, "'");

const WORD = /[\p{L}']+/gu;

/**
 * Russian and Ukrainian numbers written in words replaced by digits: "вісімдесят дронів" →
 * "80 дронів", "сто вісімдесят вісім" → "188", "двоє людей" → "2 людей", "дві тисячі" → "2000". A
 * scale word standing alone ("тысячи людей") is an estimate, not a number, and is left as it is.
 */
export function cyrillicWordsToDigits(text: string): string {
  const folded = foldApostrophes(text);
  return replaceNumberRuns(folded, wordsOf(folded, WORD), CYRILLIC_RUNS);
}

/** ACLED's coding of words that stand for numbers (tens 10, dozens 12, hundreds 100), in four languages. */
const ESTIMATES: [RegExp, number][] = [
  [/(?<!\p{L})(zehntausende|zehntausenden)(?!\p{L})/iu, 10_000],
  [/(?<!\p{L})(hunderttausende|hunderttausenden)(?!\p{L})/iu, 100_000],
  [/(?<!\p{L})(dutzende|dutzenden)(?!\p{L})/iu, 12],
  [/(?<!\p{L})(hunderte|hunderten)(?!\p{L})/iu, 100],
  [/(?<!\p{L})(tausende|tausenden)(?!\p{L})/iu, 1_000],
  [/(?<!\p{L})(tens|десятки|десятков|десятків)\s+(of\s+)?(thousands|тысяч|тисяч)(?!\p{L})/iu, 10_000],
  [/(?<!\p{L})(hundreds|сотни|сотен|сотні|сотень)\s+(of\s+)?(thousands|тысяч|тисяч)(?!\p{L})/iu, 100_000],
  [/(?<!\p{L})(tens|десятки|десятков|десятків)(?!\p{L})/iu, 10],
  [/(?<!\p{L})(dozens|дюжины|дюжин|дюжини)(?!\p{L})/iu, 12],
  [/(?<!\p{L})(scores)(?!\p{L})/iu, 20],
  [/(?<!\p{L})(hundreds|сотни|сотен|сотні|сотень)(?!\p{L})/iu, 100],
  [/(?<!\p{L})(thousands|тысячи|тысяч|тисячі|тисяч)(?!\p{L})/iu, 1_000],
  [/(?<!\p{L})(millions|миллионы|миллионов|мільйони|мільйонів|millionen)(?!\p{L})/iu, 1_000_000],
];

export interface Estimate {
  value: number;
  word: string;
  /** Where the words end in the text: the unit follows ("dozens of drones"). */
  end: number;
}

/** The first estimate word in the text, as ACLED codes it. */
export function findEstimate(text: string): Estimate | null {
  let best: (Estimate & { start: number }) | null = null;
  for (const [pattern, value] of ESTIMATES) {
    const m = pattern.exec(text);
    if (m && (best === null || m.index < best.start || (m.index === best.start && m[0].length > best.word.length))) {
      best = { value, word: m[0], start: m.index, end: m.index + m[0].length };
    }
  }
  return best && { value: best.value, word: best.word, end: best.end };
}

/** Words that say nothing about how many ("several", "many"): named in the reason a figure is left to the analyst. */
export const VAGUE_WORDS = /(?<!\p{L})(several|many|numerous|a few|few|some|multiple|scores of|несколько|много|многие|кілька|декілька|багато|mehrere|viele|einige|zahlreiche|etliche)(?!\p{L})/iu;

/** What a figure counts, read from the verbs of its quote or its sentence. */
const COUNTS: [string, RegExp][] = [
  ['killed', /(?<!\p{L})(kill|dead|died|death|fatalit|lives lost|lost their lives|погиб|убит|убил|убиты|смерт|загин|загибл|вбит|вбил|убито|getötet|tote(?:n|r)?(?!\p{L})|tot(?!\p{L})|starben|ums leben|todesopfer)/iu],
  ['injured', /(?<!\p{L})(injur|wound|hurt|ранен|ранил|пострадав|пострадал|поранен|травмован|постраждал|verletz|verwund)/iu],
  ['intercepted', /(?<!\p{L})(intercept|shot down|shoot down|shooting down|downed|destroyed|repelled|neutrali[sz]ed|сбит|сбил|перехвач|уничтож|збит|збил|перехопл|знищ|abgeschossen|abgefangen|abschuss|zerstört|abgewehrt|schoss(?:en)?\s(?:[^.;]{0,60}\s)?ab(?!\p{L}))/iu],
  ['launched', /(?<!\p{L})(launch|fired|firing|запуст|выпуст|випуст|атакува|атаковал|gestartet|abgefeuert|startete|feuerte)/iu],
  ['arrested', /(?<!\p{L})(arrest|detain|задержа|арестова|затрима|заарештова|festgenommen|verhaftet|festnahme)/iu],
  ['displaced', /(?<!\p{L})(displaced|fled|flee|evacuated|homeless|переселен|эвакуир|евакуйов|біженц|беженц|vertrieben|geflohen|flohen|geflüchtet|evakuiert|flüchtling)/iu],
];

/** "die" is English's verb and German's article: read as a verb only in a text not known to be German. */
const ENGLISH_DIE: [string, RegExp] = ['killed', /(?<!\p{L})(die|dies)(?!\p{L})/iu];

/** The counts word for the verbs in the text, the earliest one winning; null when none is there. */
export function findCounts(text: string, german = false): string | null {
  let best: { counts: string; at: number } | null = null;
  for (const [counts, pattern] of german ? COUNTS : [...COUNTS, ENGLISH_DIE]) {
    const m = pattern.exec(text);
    if (m && (best === null || m.index < best.at)) best = { counts, at: m.index };
  }
  return best?.counts ?? null;
}
