import pluralize from 'pluralize';
import { fold } from './fold';

/**
 * Units as figures keep them: singular and lower case ("Drones" → "drone"), in the language of
 * the quote, and the analyst's own choices first: once a figure quoting "дронами" was given the
 * unit "drone", the next one is read that way too (the vocabulary the library remembers).
 */

/** What the library remembers of the analyst's figures (store/figure-vocabulary.ts). */
export interface FigureVocabulary {
  /** A unit as quotes write it, folded (fold.ts) → the unit the analyst gave such figures. */
  units: Record<string, string>;
  /** Units and counts words the analyst has used, most used first: what the fields offer. */
  unitWords: string[];
  countsWords: string[];
}

export const EMPTY_VOCABULARY: FigureVocabulary = { units: {}, unitWords: [], countsWords: [] };

/** Russian and Ukrainian plurals and cases of the units news reports count most, by stem. */
const CYRILLIC_UNITS: [RegExp, string][] = [
  [/^дрон/u, 'дрон'],
  [/^беспилотник/u, 'беспилотник'],
  [/^безпілотник/u, 'безпілотник'],
  [/^шахед/u, 'шахед'],
  [/^ракет/u, 'ракета'],
  [/^снаряд/u, 'снаряд'],
  [/^танк/u, 'танк'],
  [/^человек/u, 'человек'],
  [/^люд/u, 'людина'],
  [/^мирн/u, 'мирный житель'],
  [/^цивільн/u, 'цивільний'],
  [/^жител/u, 'житель'],
  [/^мешкан/u, 'мешканець'],
  [/^дет|^дит|^діт/u, 'дитина'],
  [/^солдат/u, 'солдат'],
  [/^военн/u, 'военный'],
  [/^військов/u, 'військовий'],
];

/** German plurals of the units news reports count most; pluralize reads only English ("Drohnen" stays "drohnen"). */
const GERMAN_UNITS: [RegExp, string][] = [
  [/^drohnen?$/u, 'drohne'],
  [/^raketen?$/u, 'rakete'],
  [/^marschflugkörpern?$/u, 'marschflugkörper'],
  [/^menschen$/u, 'mensch'],
  [/^personen$/u, 'person'],
  [/^zivilisten$/u, 'zivilist'],
  [/^soldaten$/u, 'soldat'],
  [/^kindern?$/u, 'kind'],
  [/^einwohnern?$/u, 'einwohner'],
  [/^panzern?$/u, 'panzer'],
];

const LATIN = /^[\p{Script=Latin}'-]+$/u;

function singularWord(word: string): string {
  const lower = word.toLocaleLowerCase();
  for (const [form, unit] of GERMAN_UNITS) if (form.test(lower)) return unit;
  if (LATIN.test(lower)) return pluralize.singular(lower);
  for (const [stem, unit] of CYRILLIC_UNITS) if (stem.test(lower)) return unit;
  return lower;
}

/** The unit for words read after a number: the analyst's own mapping, else singular and lower case. Currency codes and % stay as they are. */
export function normaliseUnit(raw: string, vocabulary: FigureVocabulary = EMPTY_VOCABULARY): string {
  const text = raw.trim();
  if (text === '' || text === '%' || /^[A-Z]{3}$/.test(text)) return text;
  const remembered = vocabulary.units[fold(text)];
  if (remembered !== undefined) return remembered;
  const words = text.split(/\s+/);
  const mapped = words.map((w) => vocabulary.units[fold(w)]);
  const known = mapped.find((u) => u !== undefined);
  if (known !== undefined) return known;
  return words.map(singularWord).join(' ').slice(0, 100);
}
