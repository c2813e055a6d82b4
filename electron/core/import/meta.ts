import { checkLanguage, readDate } from '../../../shared/meta';
import { wellFormed } from '../../../shared/text';

/**
 * Normalizing the metadata every format carries (dates, languages, free-text fields), so the
 * library's filters and sorting see one form whatever the source wrote.
 */

/** Limits of ArticleMeta in shared/model.ts: longer values would fail the contract's output checks. */
export const META_LIMITS = { title: 2000, source: 2000, url: 4000, author: 2000, publishedAt: 64, language: 35 } as const;

/** A free-text field as a single trimmed line, or null when there is nothing. */
export function cleanField(value: unknown, max: number): string | null {
  let s: string;
  if (typeof value === 'string') s = value;
  else if (typeof value === 'number' && Number.isFinite(value)) s = String(value);
  else if (Array.isArray(value)) s = value.filter((v) => typeof v === 'string' || typeof v === 'number').join(', ');
  else return null;
  // A lone surrogate would be stored as three U+FFFD; one is what the text itself gets.
  s = wellFormed(s).replace(/\s+/g, ' ').trim();
  if (s === '') return null;
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * A publication date as ISO 8601 (shared/meta.ts `readDate`), or null when the value is not a date
 * that can be read without guessing.
 */
export function normalizeDate(value: unknown): string | null {
  return readPublished(value).value;
}

/**
 * The same, with what to tell the analyst when a date was there but could not be kept
 * ("01/02/2024" is two possible days): it stays out of published_at rather than being guessed.
 */
export function readPublished(value: unknown): { value: string | null; warning: string | null } {
  if (value instanceof Date) return { value: Number.isNaN(value.getTime()) ? null : value.toISOString(), warning: null };
  const s = cleanField(value, 200);
  if (!s) return { value: null, warning: null };
  const read = readDate(s);
  return read.ok ? { value: read.value, warning: null } : { value: null, warning: `published date left empty: ${read.reason}` };
}

/** A BCP 47 language tag in its canonical case ("en_us" → "en-US"), or null when it is not one. */
export function normalizeLanguage(value: unknown): string | null {
  const s = cleanField(value, 100);
  if (!s) return null;
  const checked = checkLanguage(s);
  return checked.ok && checked.value.length <= META_LIMITS.language ? checked.value : null;
}

/** An absolute http(s) URL, or null: other schemes (javascript:, data:, file:) are never kept. */
export function cleanUrl(value: unknown, base?: string | null): string | null {
  const s = cleanField(value, META_LIMITS.url);
  if (!s) return null;
  try {
    const url = base ? new URL(s, base) : new URL(s);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href.slice(0, META_LIMITS.url) : null;
  } catch {
    return null;
  }
}

/**
 * A URL from a dataset, kept as written (round trips must not change it) unless its scheme could
 * run something when a link is followed.
 */
export function safeUrl(value: unknown): string | null {
  const s = cleanField(value, META_LIMITS.url);
  return s && !/^(javascript|vbscript|data|file):/i.test(s.replace(/[\s\u0000-\u001f]/g, '')) ? s : null;
}

/** The publication's host name, standing in for its name when a page does not give one. */
export function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}
