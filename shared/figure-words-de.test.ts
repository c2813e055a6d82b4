import { describe, expect, it } from 'vitest';
import { germanNumberWord, germanWordsToDigits } from './figure-words-de';

describe('germanNumberWord', () => {
  it.each([
    ['eins', 1],
    ['zwei', 2],
    ['zwölf', 12],
    ['siebzehn', 17],
    ['achtzehn', 18],
    ['zwanzig', 20],
    ['einundzwanzig', 21],
    ['dreißig', 30],
    ['dreissig', 30],
    ['sechsundsechzig', 66],
    ['siebenundneunzig', 97],
    ['hundert', 100],
    ['einhundert', 100],
    ['hunderteins', 101],
    ['hundertundzwei', 102],
    ['zweihundertdreiundvierzig', 243],
    ['hundertachtundachtzig', 188],
    ['tausend', 1000],
    ['zweitausend', 2000],
    ['eintausendzweihundert', 1200],
    ['dreitausendundeins', 3001],
    ['neunhundertneunundneunzigtausendneunhundertneunundneunzig', 999999],
    ['Zwanzig', 20],
  ])('%s is %d', (word, value) => {
    expect(germanNumberWord(word)).toBe(value);
  });

  it.each(['Drohnen', 'und', 'zwanzigund', 'undzwanzig', 'zweizwei', 'hunderte', 'tausende', 'dutzende', 'zwanzigzwanzig', 'einsundzwanzig', ''])(
    '%j is no number',
    (word) => {
      expect(germanNumberWord(word)).toBeNull();
    },
  );
});

describe('germanWordsToDigits', () => {
  it.each([
    ['zwanzig Drohnen', '20 Drohnen'],
    ['einundzwanzig Drohnen wurden abgeschossen', '21 Drohnen wurden abgeschossen'],
    ['hundert Raketen', '100 Raketen'],
    ['etwa 80 Drohnen', 'etwa 80 Drohnen'],
    ['zwei Millionen dreihunderttausend Menschen', '2300000 Menschen'],
    ['eine Million Menschen', '1000000 Menschen'],
    ['ein Dutzend Soldaten', '12 Soldaten'],
    ['zwei Dutzend Soldaten', '24 Soldaten'],
    ['eine Drohne', '1 Drohne'],
    ['eine der Drohnen', 'eine der Drohnen'],
    ['ein hundert Drohnen', 'ein 100 Drohnen'],
    ['Dutzende Drohnen', 'Dutzende Drohnen'],
    ['Millionen Menschen', 'Millionen Menschen'],
    ['zwölf Tote, dreißig Verletzte', '12 Tote, 30 Verletzte'],
  ])('%j → %j', (text, digits) => {
    expect(germanWordsToDigits(text, true)).toBe(digits);
  });

  it('reads "elf" and "null", which English writes too, only in a German article', () => {
    expect(germanWordsToDigits('elf Drohnen', true)).toBe('11 Drohnen');
    expect(germanWordsToDigits('elf Drohnen', false)).toBe('elf Drohnen');
    expect(germanWordsToDigits('null Tote', false)).toBe('null Tote');
  });
});
