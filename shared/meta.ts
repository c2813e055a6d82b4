/**
 * The forms article metadata is stored in, checked the same way when an analyst edits it and
 * when an importer reads it from a file, so sorting and filtering by date see one form and no
 * link the library shows can run script.
 */

export type Checked = { ok: true; value: string } | { ok: false; reason: string };

const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_NAME = new RegExp(`\\b(?:${MONTHS.map((m) => `${m.slice(0, 3)}(?:${m.slice(3)})?`).join('|')}|sept)\\.?\\b`, 'i');

const pad = (n: number) => String(n).padStart(2, '0');
const monthName = (m: number) => {
  const name = MONTHS[m - 1] ?? '?';
  return name.charAt(0).toUpperCase() + name.slice(1);
};

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

/**
 * An ISO 8601 date, possibly partial ("2024", "2024-11", "2024-11-26"), or a date and time
 * ("2024-11-26T10:00:00Z"), with every part in range. Kept as written (a space before the time
 * becomes "T"), so a date-only value is never moved to another day by a time zone.
 */
export function checkIsoDate(value: string): Checked {
  const s = value.trim();
  const m = ISO.exec(s);
  if (!m) return { ok: false, reason: `"${s}" is not an ISO date: write it as YYYY, YYYY-MM or YYYY-MM-DD${suggestion(s)}` };
  const [, y, mo, d, h, mi, se] = m;
  const year = Number(y);
  if (mo !== undefined && (Number(mo) < 1 || Number(mo) > 12)) return { ok: false, reason: `"${s}" has no month ${mo}` };
  if (d !== undefined && !validDay(year, Number(mo), Number(d))) return { ok: false, reason: `"${s}" is not a day of the calendar` };
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(se ?? 0) > 59)) return { ok: false, reason: `"${s}" has a time of day that does not exist` };
  return { ok: true, value: s.replace(' ', 'T') };
}

function suggestion(s: string): string {
  const read = readDate(s);
  return read.ok ? ` (${read.value}?)` : '';
}

/**
 * A publication date as a file may give it, made ISO: ISO input as `checkIsoDate` keeps it;
 * day/month/year with the order beyond doubt ("26/11/2024", "11/26/2024", "5.5.2024"); English
 * month names ("November 26, 2024", "Tue, 26 Nov 2024 10:00:00 +0000"). "01/02/2024" could be
 * either of two days and is refused rather than guessed.
 */
export function readDate(value: string): Checked {
  const s = value.trim().replace(/\s+/g, ' ');
  if (s === '') return { ok: false, reason: 'empty' };
  if (ISO.test(s)) return checkIsoDate(s);
  const numeric = /^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$/.exec(s);
  if (numeric) return fromNumbers(s, Number(numeric[1]), Number(numeric[2]), Number(numeric[3]), (numeric[1] as string).length, (numeric[3] as string).length);
  if (!MONTH_NAME.test(s)) return { ok: false, reason: `"${s}" is not a date Spanwise can read` };
  const ms = Date.parse(s);
  if (!Number.isFinite(ms)) return { ok: false, reason: `"${s}" is not a date Spanwise can read` };
  const d = new Date(ms);
  // A time of day makes this an instant; without one it is a calendar date and stays that day.
  if (/\d:\d\d/.test(s)) return { ok: true, value: d.toISOString() };
  return { ok: true, value: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` };
}

function fromNumbers(s: string, a: number, b: number, c: number, aDigits: number, cDigits: number): Checked {
  const iso = (year: number, month: number, day: number): Checked =>
    validDay(year, month, day) ? { ok: true, value: `${year}-${pad(month)}-${pad(day)}` } : { ok: false, reason: `"${s}" is not a day of the calendar` };
  if (aDigits === 4) return iso(a, b, c);
  if (cDigits !== 4) return { ok: false, reason: `"${s}" has no four-digit year, so its order is a guess` };
  if (a > 12 && b <= 12) return iso(c, b, a);
  if (b > 12 && a <= 12) return iso(c, a, b);
  if (a === b) return iso(c, a, b);
  return { ok: false, reason: `"${s}" is ambiguous: ${a} ${monthName(b)} or ${monthName(a)} ${b}` };
}

/** A link the library may show: http, https or file, nothing that runs when followed. */
export function checkUrl(value: string): Checked {
  const s = value.trim();
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return { ok: false, reason: `"${s.slice(0, 80)}" is not a full URL (such as https://example.org/story)` };
  }
  if (!['http:', 'https:', 'file:'].includes(url.protocol)) return { ok: false, reason: `"${url.protocol}" links are not kept: only http, https and file` };
  return { ok: true, value: s };
}

const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?(?:-(?:[A-Za-z\d]{5,8}|\d[A-Za-z\d]{3}))*$/;

/** A BCP 47 language tag ("en", "pt-BR", "zh-Hant", "sr-Latn-RS"), given back in canonical case. */
export function checkLanguage(value: string): Checked {
  const s = value.trim().replace(/_/g, '-');
  if (!LANGUAGE_TAG.test(s)) return { ok: false, reason: `"${s.slice(0, 40)}" is not a language tag (such as en, uk or pt-BR)` };
  try {
    const [tag] = Intl.getCanonicalLocales(s);
    return tag ? { ok: true, value: tag } : { ok: false, reason: `"${s}" is not a language tag` };
  } catch {
    return { ok: false, reason: `"${s}" is not a language tag (such as en, uk or pt-BR)` };
  }
}
