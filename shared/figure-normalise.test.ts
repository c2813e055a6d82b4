import { describe, expect, it } from 'vitest';
import { normaliseFigure, type NormalisedFigure } from './figure-normalise';
import { normaliseUnit } from './figure-units';
import { cyrillicWordsToDigits, findEstimate } from './figure-words';

type Expected = Omit<NormalisedFigure, 'auto'>;

const english: [string, Expected][] = [
  ['Around 80 drones were shot down', { value: 80, qualifier: 'approximate', unit: 'drone', counts: 'intercepted' }],
  ['its defences had downed 76 drones', { value: 76, qualifier: 'exact', unit: 'drone', counts: 'intercepted' }],
  ['launching 188 drones', { value: 188, qualifier: 'exact', unit: 'drone', counts: 'launched' }],
  ['more than 90 were lost', { value: 90, qualifier: 'at least' }],
  ['nearly 200 people', { value: 200, qualifier: 'at most', unit: 'person' }],
  ['between 80 and 90 drones', { value: 80, min: 80, max: 90, qualifier: 'exact', unit: 'drone' }],
  ['at least 70 drones intercepted', { value: 70, qualifier: 'at least', unit: 'drone', counts: 'intercepted' }],
  ['sixty-two drones were intercepted', { value: 62, qualifier: 'exact', unit: 'drone', counts: 'intercepted' }],
  ['one hundred and eighty-eight Shahed drones', { value: 188, qualifier: 'exact', unit: 'shahed drone' }],
  ['Two people were killed', { value: 2, qualifier: 'exact', unit: 'person', counts: 'killed' }],
  ['half a million displaced', { value: 500000, qualifier: 'exact', counts: 'displaced' }],
  ['a dozen soldiers', { value: 12, qualifier: 'exact', unit: 'soldier' }],
  ['dozens of drones', { value: 12, qualifier: 'at least', unit: 'drone', estimate: true }],
  ['tens of civilians died', { value: 10, qualifier: 'at least', unit: 'civilian', counts: 'killed', estimate: true }],
  ['hundreds of people fled', { value: 100, qualifier: 'at least', unit: 'person', counts: 'displaced', estimate: true }],
  ['tens of thousands displaced', { value: 10000, qualifier: 'at least', counts: 'displaced', estimate: true }],
  ['up to 300 arrested', { value: 300, qualifier: 'at most', counts: 'arrested' }],
];

const russian: [string, Expected][] = [
  ['около восьмидесяти дронов сбиты', { value: 80, qualifier: 'approximate', unit: 'дрон', counts: 'intercepted' }],
  ['сбито 62 беспилотника', { value: 62, qualifier: 'exact', unit: 'беспилотник', counts: 'intercepted' }],
  ['более ста восьмидесяти восьми дронов', { value: 188, qualifier: 'at least', unit: 'дрон' }],
  ['погибли двое человек', { value: 2, qualifier: 'exact', unit: 'человек', counts: 'killed' }],
  ['не менее семидесяти ракет', { value: 70, qualifier: 'at least', unit: 'ракета' }],
  ['две тысячи человек', { value: 2000, qualifier: 'exact', unit: 'человек' }],
  ['десятки раненых', { value: 10, qualifier: 'at least', counts: 'injured', estimate: true }],
  ['сотни дронов', { value: 100, qualifier: 'at least', unit: 'дрон', estimate: true }],
];

const ukrainian: [string, Expected][] = [
  ['загинули двоє людей', { value: 2, qualifier: 'exact', unit: 'людина', counts: 'killed' }],
  ['збито вісімдесят дронів', { value: 80, qualifier: 'exact', unit: 'дрон', counts: 'intercepted' }],
  ['щонайменше сімдесят дронів', { value: 70, qualifier: 'at least', unit: 'дрон' }],
  ['понад дев’яносто безпілотників', { value: 90, qualifier: 'at least', unit: 'безпілотник' }],
  ['близько п\u02bcятдесяти ракет', { value: 50, qualifier: 'approximate', unit: 'ракета' }],
  ['Росія атакувала Україну 188 дронами', { value: 188, qualifier: 'exact', unit: 'дрон', counts: 'launched' }],
  ['сто вісімдесят вісім дронів', { value: 188, qualifier: 'exact', unit: 'дрон' }],
  ['десятки дронів', { value: 10, qualifier: 'at least', unit: 'дрон', estimate: true }],
];

const german: [string, Expected][] = [
  ['zwanzig Drohnen', { value: 20, qualifier: 'exact', unit: 'drohne' }],
  ['einundzwanzig Drohnen wurden abgeschossen', { value: 21, qualifier: 'exact', unit: 'drohne', counts: 'intercepted' }],
  ['hundert Raketen', { value: 100, qualifier: 'exact', unit: 'rakete' }],
  ['etwa 80 Drohnen', { value: 80, qualifier: 'approximate', unit: 'drohne' }],
  ['rund achtzig Drohnen abgefangen', { value: 80, qualifier: 'approximate', unit: 'drohne', counts: 'intercepted' }],
  ['Die Luftabwehr schoss 76 Drohnen ab', { value: 76, qualifier: 'exact', unit: 'drohne', counts: 'intercepted' }],
  ['hundertachtundachtzig Drohnen gestartet', { value: 188, qualifier: 'exact', unit: 'drohne', counts: 'launched' }],
  ['mindestens siebzig Drohnen', { value: 70, qualifier: 'at least', unit: 'drohne' }],
  ['mehr als 90 Menschen getötet', { value: 90, qualifier: 'at least', unit: 'mensch', counts: 'killed' }],
  ['fast zweihundert Menschen', { value: 200, qualifier: 'at most', unit: 'mensch' }],
  ['bis zu 300 Festnahmen', { value: 300, qualifier: 'at most', counts: 'arrested' }],
  ['zwischen 80 und 90 Drohnen', { value: 80, min: 80, max: 90, qualifier: 'exact', unit: 'drohne' }],
  ['achtzig bis neunzig Drohnen', { value: 80, min: 80, max: 90, qualifier: 'exact', unit: 'drohne' }],
  ['zwölf Tote', { value: 12, qualifier: 'exact', counts: 'killed' }],
  ['elf Soldaten verletzt', { value: 11, qualifier: 'exact', unit: 'soldat', counts: 'injured' }],
  ['1,5 Millionen Vertriebene', { value: 1500000, qualifier: 'exact', counts: 'displaced' }],
  ['Dutzende Drohnen', { value: 12, qualifier: 'at least', unit: 'drohne', estimate: true }],
  ['Hunderte Menschen flohen', { value: 100, qualifier: 'at least', unit: 'mensch', counts: 'displaced', estimate: true }],
  ['Zehntausende Menschen vertrieben', { value: 10000, qualifier: 'at least', unit: 'mensch', counts: 'displaced', estimate: true }],
];

describe('normaliseFigure', () => {
  it.each([
    ...english.map((c) => ['en', ...c] as const),
    ...russian.map((c) => ['ru', ...c] as const),
    ...ukrainian.map((c) => ['uk', ...c] as const),
    ...german.map((c) => ['de', ...c] as const),
  ])(
    '%s: %s',
    (language, quote, expected) => {
      const reading = normaliseFigure(quote, { language });
      expect(reading).toMatchObject({ ok: true, attrs: { ...expected, auto: true } });
      if (reading.ok) expect(Object.keys(reading.attrs).sort()).toEqual([...Object.keys(expected), 'auto'].sort());
    },
  );

  it('reads German number words whatever the article language says, but for "elf" and "null"', () => {
    expect(normaliseFigure('einundzwanzig Drohnen')).toMatchObject({ ok: true, attrs: { value: 21, unit: 'drohne' } });
    expect(normaliseFigure('zwanzig Drohnen', { language: 'en' })).toMatchObject({ ok: true, attrs: { value: 20 } });
    expect(normaliseFigure('elf Drohnen', { language: 'en' })).toMatchObject({ ok: false });
  });

  it('reads what is counted from the sentence when the quote does not say it', () => {
    expect(normaliseFigure('76 drones', { context: 'Kyiv reported that its defences had downed 76 drones.' })).toMatchObject({ ok: true, attrs: { value: 76, counts: 'intercepted' } });
  });

  it('reads numbers in words of the article language through the recognizer', () => {
    expect(normaliseFigure('ochenta y dos drones', { language: 'es' })).toMatchObject({ ok: true, attrs: { value: 82 } });
  });

  it('uses the unit the analyst gave figures quoting the same word', () => {
    const vocabulary = { units: { дронами: 'drone' }, unitWords: ['drone'], countsWords: [] };
    expect(normaliseFigure('112 дронами', { language: 'uk', vocabulary })).toMatchObject({ ok: true, attrs: { unit: 'drone' } });
    expect(normaliseUnit('Drones')).toBe('drone');
    expect(normaliseUnit('USD')).toBe('USD');
    expect(normaliseUnit('%')).toBe('%');
  });

  it.each([
    ['', 'the quote is empty'],
    ['drones', 'no number in the quote'],
    ['several people were hurt', '“several” names no number'],
    ['many drones', '“many” names no number'],
    ['несколько дронов', '“несколько” names no number'],
    ['mehrere Drohnen', '“mehrere” names no number'],
    ['zwölf Tote und dreißig Verletzte', 'holds 2 numbers (12, 30)'],
    ['12 killed and 30 injured', 'holds 2 numbers (12, 30)'],
    ['killing four and wounding seven', 'holds 2 numbers (4, 7)'],
    ['x'.repeat(501), 'longer than 500 characters'],
  ])('leaves %j for the analyst, saying why', (quote, reason) => {
    const reading = normaliseFigure(quote);
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.reason).toContain(reason);
  });

  it('describes what it read for the details', () => {
    const reading = normaliseFigure('dozens of drones');
    expect(reading.ok && reading.read).toBe('at least 12 drone, an estimate: “dozens” coded 12, as ACLED codes it');
  });
});

describe('the hand-written readers', () => {
  it('turns Russian and Ukrainian number words into digits, leaving the rest', () => {
    expect(cyrillicWordsToDigits('Сбито сто восемьдесят восемь дронов и двое ранены')).toBe('Сбито 188 дронов и 2 ранены');
    expect(cyrillicWordsToDigits('двадцять п’ять ракет')).toBe("25 ракет");
    expect(cyrillicWordsToDigits('тисячі людей')).toBe('тисячі людей');
  });

  it('codes estimate words as ACLED does', () => {
    expect(findEstimate('dozens of drones')?.value).toBe(12);
    expect(findEstimate('tens of people')?.value).toBe(10);
    expect(findEstimate('hundreds of homes')?.value).toBe(100);
    expect(findEstimate('eighty drones')).toBeNull();
  });
});
