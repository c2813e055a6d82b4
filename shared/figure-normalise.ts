import { NumberRecognizer } from '@microsoft/recognizers-text-number';
import { findCounts, findEstimate, cyrillicWordsToDigits, VAGUE_WORDS } from './figure-words';
import { germanWordsToDigits } from './figure-words-de';
import { EMPTY_VOCABULARY, normaliseUnit, type FigureVocabulary } from './figure-units';
import { parseFigure, type FigureQualifier } from './figures';

/**
 * The figure normaliser: what a figure's quote says in the attributes DESIGN.md gives figures
 * (value, range, unit, qualifier, counts, estimate), filled in by the app and so marked `auto`
 * until the analyst confirms them. Numbers in words are read by Microsoft's Recognizers-Text
 * where it knows the language (English by default; Spanish, French and Portuguese by the
 * article's language: its JavaScript release has no German, Dutch or Italian model and reads
 * those as English), Russian, Ukrainian and German by hand (figure-words.ts, figure-words-de.ts),
 * digits, qualifiers, ranges and units by parseFigure. What it cannot read it says why.
 */

export interface NormalisedFigure {
  value: number;
  qualifier: FigureQualifier;
  unit?: string;
  counts?: string;
  min?: number;
  max?: number;
  estimate?: true;
  auto: true;
}

export type FigureReading = { ok: true; attrs: NormalisedFigure; read: string } | { ok: false; reason: string };

export interface NormaliseOptions {
  /** The article's language (BCP 47), choosing the number words read. */
  language?: string | null;
  /** The sentence around the quote: what is counted is often said outside the figure's own words. */
  context?: string;
  vocabulary?: FigureVocabulary;
}

/** Longer quotes are refused rather than read: a figure is a few words, and every parser here is bounded. */
export const MAX_FIGURE_QUOTE = 500;
const MAX_VALUE = 1e15;

const CULTURES: Record<string, string> = { en: 'en-us', es: 'es-es', fr: 'fr-fr', pt: 'pt-br' };
type Model = ReturnType<NumberRecognizer['getNumberModel']>;
const models = new Map<string, Model>();

function modelFor(language: string | null | undefined): Model {
  const culture = CULTURES[(language ?? 'en').slice(0, 2).toLowerCase()] ?? 'en-us';
  let model = models.get(culture);
  if (model === undefined) {
    model = new NumberRecognizer(culture).getNumberModel();
    models.set(culture, model);
  }
  return model;
}

/**
 * Latin-script numbers in words replaced by digits ("sixty-two drones" → "62 drones"). The
 * recognizer misreads a fraction before a scale ("half a million" as 0.000002); there, and for
 * anything that is not a plain finite number, its answer is dropped and parseFigure's own
 * reading of English number words stands.
 */
function latinWordsToDigits(text: string, language: string | null | undefined): string {
  if (!/\p{Script=Latin}/u.test(text)) return text;
  let results;
  try {
    results = modelFor(language).parse(text);
  } catch {
    return text;
  }
  let out = '';
  let copied = 0;
  for (const r of results) {
    const end = r.end + 1;
    const words = text.slice(r.start, end);
    const value = Number((r.resolution as { value?: unknown }).value);
    if (!/\p{L}/u.test(words) || !Number.isFinite(value) || r.start < copied) continue;
    if (/half|quarter|third|fraction/i.test(words) || !Number.isInteger(value)) continue;
    out += `${text.slice(copied, r.start)}${value}`;
    copied = end;
  }
  return out + text.slice(copied);
}

const NUMERAL = /\d+(?:[.,\u00a0\u202f]\d+)*/g;

function describe(f: NormalisedFigure): string {
  const number = f.max !== undefined ? `${f.min ?? f.value}–${f.max}` : String(f.value);
  const qualifier = f.qualifier === 'exact' ? '' : `${f.qualifier} `;
  return `${qualifier}${number}${f.unit ? ` ${f.unit}` : ''}${f.counts ? ` (${f.counts})` : ''}${f.estimate ? ', an estimate' : ''}`;
}

/** Reads a figure's quote; `{ok:false, reason}` names what stopped it, for the analyst to fill in. */
export function normaliseFigure(quote: string, options: NormaliseOptions = {}): FigureReading {
  const vocabulary = options.vocabulary ?? EMPTY_VOCABULARY;
  const trimmed = quote.trim();
  if (trimmed === '') return { ok: false, reason: 'the quote is empty' };
  if (trimmed.length > MAX_FIGURE_QUOTE) return { ok: false, reason: `the quote is longer than ${MAX_FIGURE_QUOTE} characters: tag the figure's own words` };
  const german = (options.language ?? '').slice(0, 2).toLowerCase() === 'de';
  const text = latinWordsToDigits(germanWordsToDigits(cyrillicWordsToDigits(trimmed.normalize('NFKC')), german), options.language);
  const counts = findCounts(trimmed, german) ?? (options.context ? findCounts(options.context, german) : null);

  const parsed = parseFigure(text);
  if (parsed === null) {
    const estimate = findEstimate(text);
    if (estimate !== null) {
      const after = /^\s*(?:of|из|з|von)?\s*([\p{L}][\p{L}'-]*)/u.exec(text.slice(estimate.end));
      const attrs: NormalisedFigure = { value: estimate.value, qualifier: 'at least', estimate: true, auto: true };
      if (after?.[1] && findCounts(after[1], german) === null) attrs.unit = normaliseUnit(after[1], vocabulary);
      if (counts) attrs.counts = counts;
      return { ok: true, attrs, read: `${describe(attrs)}: “${estimate.word}” coded ${estimate.value}, as ACLED codes it` };
    }
    const vague = VAGUE_WORDS.exec(text);
    if (vague) return { ok: false, reason: `“${vague[0]}” names no number (ACLED codes only tens, dozens and hundreds)` };
    return { ok: false, reason: 'no number in the quote, in digits or in words' };
  }
  const numerals = [...text.matchAll(NUMERAL)].map((m) => m[0]);
  if (numerals.length > (parsed.max !== undefined ? 2 : 1)) {
    return { ok: false, reason: `the quote holds ${numerals.length} numbers (${numerals.slice(0, 4).join(', ')}): tag each figure on its own` };
  }
  if (Math.abs(parsed.value) > MAX_VALUE || Math.abs(parsed.max ?? 0) > MAX_VALUE) return { ok: false, reason: 'the number is too large to be a count' };

  const attrs: NormalisedFigure = { value: parsed.value, qualifier: parsed.qualifier ?? 'exact', auto: true };
  if (parsed.min !== undefined && parsed.max !== undefined) {
    attrs.min = parsed.min;
    attrs.max = parsed.max;
  }
  // "70 drones intercepted": the verb says what is counted, it is not part of the unit.
  const unitWords = parsed.unit?.split(/\s+/) ?? [];
  const verb = unitWords.findIndex((w) => findCounts(w, german) !== null);
  const unitText = (verb < 0 ? unitWords : unitWords.slice(0, verb)).join(' ');
  if (unitText !== '') {
    const unit = normaliseUnit(unitText, vocabulary);
    if (unit !== '') attrs.unit = unit;
  }
  if (counts) attrs.counts = counts;
  return { ok: true, attrs, read: describe(attrs) };
}
