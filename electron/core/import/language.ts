import { franc } from 'franc-min';
import { iso6393To1 } from 'iso-639-3';
import { normalizeLanguage } from './meta';

/**
 * Enough of an article to tell its language: trigram statistics settle long before this, and
 * reading a whole 50 MB file would only cost time.
 */
const SAMPLE_CHARS = 6_000;
/** Below this many letters a guess is noise (a caption, a list of names): the language stays unset. */
const MIN_LETTERS = 60;

/**
 * franc names individual languages by ISO 639-3 code; where the article would be tagged with the
 * macrolanguage's two-letter code (Standard Arabic is "ar", Iranian Persian "fa"), the individual
 * code has none in ISO 639-1, so it is mapped to its macrolanguage here.
 */
const MACROLANGUAGE: Readonly<Record<string, string>> = {
  arb: 'ar',
  pes: 'fa',
  zlm: 'ms',
  swh: 'sw',
  uzn: 'uz',
  azj: 'az',
  plt: 'mg',
  npi: 'ne',
  pbu: 'ps',
  fuv: 'ff',
  qug: 'qu',
  ekk: 'et',
  lvs: 'lv',
  khk: 'mn',
  ydd: 'yi',
  cmn: 'zh',
};

/**
 * The language of an article's text as a BCP 47 tag (two letters where ISO 639-1 has one, else
 * the three-letter code), or null when the text is too short to tell or the guess is undetermined.
 * Used only when the file itself does not say; the analyst can always correct it.
 */
export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, SAMPLE_CHARS);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_LETTERS) return null;
  const code = franc(sample, { minLength: MIN_LETTERS });
  if (code === 'und') return null;
  return normalizeLanguage(MACROLANGUAGE[code] ?? iso6393To1[code] ?? code);
}
