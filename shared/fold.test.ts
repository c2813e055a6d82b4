import { describe, expect, it } from 'vitest';
import { fold, joins, keyOf, nameKey, scanWords, simpleFolds, wordHash, words } from './fold';

describe('fold', () => {
  it('folds Latin case and diacritics', () => {
    expect(fold('Zelenskýy')).toBe('zelenskyy');
    expect(fold('ÉLYSÉE')).toBe('elysee');
    expect(fold('Straße')).toBe(fold('STRASSE'));
    expect(fold('Ångström')).toBe('angstrom');
  });

  it('folds NFKC compatibility forms', () => {
    expect(fold('Ｚｅｌｅｎｓｋｙ')).toBe('zelensky');
    expect(fold('ﬁnance')).toBe('finance');
    // Decomposed and composed input fold alike.
    expect(fold('Zelenskýy'.normalize('NFD'))).toBe(fold('Zelenskýy'.normalize('NFC')));
  });

  it('folds Cyrillic case and marks', () => {
    expect(fold('ЗЕЛЕНСЬКИЙ')).toBe(fold('Зеленський'));
    expect(fold('Зеленський')).toBe('зеленськии');
    expect(fold('Ёлкин')).toBe('елкин');
    expect(fold('Київ')).toBe(fold('КИЇВ'));
  });

  it('folds Greek case, tonos and final sigma', () => {
    expect(fold('ΑΘΗΝΑ')).toBe(fold('Αθήνα'));
    expect(fold('ΟΔΟΣ')).toBe(fold('οδος'));
    expect(fold('Ερντογάν')).toBe('ερντογαν');
  });

  it('folds Turkish dotted capital I to i and keeps dotless ı apart', () => {
    expect(fold('İstanbul')).toBe('istanbul');
    expect(fold('ISTANBUL')).toBe('istanbul');
    expect(fold('İSTANBUL')).toBe(fold('istanbul'));
    expect(fold('ılık')).not.toBe(fold('ilik'));
  });

  it('keeps the vowel signs of scripts where they are letters', () => {
    expect(fold('नरेन्द्र')).toBe('नरेन्द्र'.normalize('NFC'));
    expect(fold('नरेन्द्र')).not.toBe(fold('नरनदर'));
  });
});

describe('words and name keys', () => {
  it('cuts at apostrophes and hyphens, so a possessive holds the name and a longer word does not', () => {
    expect(words("Russia's").map((w) => w.key)).toEqual(['russia', 's']);
    expect(words('Russian').map((w) => w.key)).toEqual(['russian']);
    expect(nameKey('Jean-Pierre  Bemba')).toBe('jean pierre bemba');
  });

  it('gives offsets in UTF-16 units past emoji', () => {
    const text = '🇺🇦 Зеленський';
    const [w] = words(text);
    expect(text.slice(w?.start, w?.end)).toBe('Зеленський');
  });

  it('takes each character of an unspaced script as a word joined to its neighbours', () => {
    const text = '习近平说';
    const ws = words(text);
    expect(ws.map((w) => w.key)).toEqual(['习', '近', '平', '说']);
    expect(joins(text, ws[0]!, ws[1]!)).toBe(true);
    expect(nameKey('习近平')).toBe('习 近 平');
  });

  it('joins words over a space or hyphen, never over a line break or a comma', () => {
    const join = (text: string) => {
      const [a, b] = words(text);
      return joins(text, a!, b!);
    };
    expect(join('al Qaeda')).toBe(true);
    expect(join('al-Qaeda')).toBe(true);
    expect(join('al\nQaeda')).toBe(false);
    expect(join('al, Qaeda')).toBe(false);
  });

  it('cuts runs exactly where the Unicode classes say: astral letters and digits, marks inside a run only, lone surrogates outside', () => {
    const text = 'e\u0301t\u00e9 \u0301x 𝟏𝟐 𐐀𐐨 a\ud800b c\udc00d 👍🏽 ǅx ٣٤ ﬁn';
    const expected = [...text.matchAll(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu)].map((m) => [m.index, m.index + m[0].length]);
    expect(words(text).map((w) => [w.start, w.end])).toEqual(expected);
    expect(words(text).map((w) => w.key)).toEqual(expected.map(([a, b]) => fold(text.slice(a, b))));
  });

  it('folds a run of simple letters as it folds each of them: every pair of them checked', { timeout: 120_000 }, () => {
    const table = simpleFolds();
    const simple = [...table.keys()].filter((c) => table[c] !== 0);
    expect(simple.length).toBeGreaterThan(1400);
    const bad: string[] = [];
    for (const a of simple) {
      for (const b of simple) {
        const pair = String.fromCharCode(a, b);
        if (fold(pair) !== String.fromCharCode(table[a] as number, table[b] as number)) bad.push(pair);
      }
    }
    expect(bad).toEqual([]);
  });

  it('hashes a word scanned without its key as it hashes the key, and gives the key when asked', () => {
    const text = 'Zelenskýy ЗЕЛЕНСЬКИЙ Ερντογάν أردوغان Zelenskýy 习近平 ǅemal';
    const list = scanWords(text);
    const keys = list.starts.map((_, i) => keyOf(text, list, i));
    expect(keys).toEqual(words(text).map((w) => w.key));
    expect(list.hashes).toEqual(keys.map(wordHash));
    expect(keys.slice(0, 4)).toEqual(['zelenskyy', fold('Зеленський'), 'ερντογαν', fold('أردوغان')]);
  });

  it('has no key for a name without letters or digits', () => {
    expect(nameKey('!!! —')).toBe('');
  });
});
