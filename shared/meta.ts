/**
 * The forms article metadata is stored in, checked the same way when an analyst edits it and
 * when an importer reads it from a file, so sorting and filtering by date see one form and no
 * link the library shows can run script.
 */

export type Checked = { ok: true; value: string } | { ok: false; reason: string };

const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = `(${[...MONTHS, ...MONTHS.map((m) => m.slice(0, 3)), 'sept'].join('|')})\\.?`;
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WEEKDAY = `(?:(${WEEKDAYS.join('|')})[a-z]*\\.?,? )?`;
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const TIME = "(?:,? (?:at )?(\\d{1,2}):(\\d{2})(?::(\\d{2}))? ?(am|pm)?(?: ?(z|utc|gmt|ut|[+-]\\d{2}:?\\d{2}|[ecmp][sd]t))?)?";
/** "26 Nov 2024", "Tue, 26 Nov 2024 10:00:00 +0000" (the mail and RSS form). */
const DAY_FIRST = new RegExp(`^${WEEKDAY}${DAY} ${MONTH},? (\\d{4})${TIME}$`, 'i');
/** "November 26, 2024", "Nov. 26th 2024, 10:00 am". */
const MONTH_FIRST = new RegExp(`^${WEEKDAY}${MONTH} ${DAY},? (\\d{4})${TIME}$`, 'i');
/** "November 2024". */
const MONTH_YEAR = new RegExp(`^${MONTH},? (\\d{4})$`, 'i');
/** The zone names RFC 5322 allows besides numeric offsets, in minutes east of UTC. */
const ZONES: Record<string, number> = { z: 0, ut: 0, utc: 0, gmt: 0, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420 };

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
 * month names in the forms news pages and feeds use ("November 26, 2024", "26 Nov 2024",
 * "Tue, 26 Nov 2024 10:00:00 +0000", "November 2024"). Anything else is refused with the reason,
 * never guessed: "01/02/2024" could be either of two days, and a lenient parser would read
 * "February 30" as a day in March.
 */
export function readDate(value: string): Checked {
  const s = value.trim().replace(/\s+/g, ' ');
  if (s === '') return { ok: false, reason: 'empty' };
  if (ISO.test(s)) return checkIsoDate(s);
  const numeric = /^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$/.exec(s);
  if (numeric) return fromNumbers(s, Number(numeric[1]), Number(numeric[2]), Number(numeric[3]), (numeric[1] as string).length, (numeric[3] as string).length);
  const partial = MONTH_YEAR.exec(s);
  if (partial) return { ok: true, value: `${partial[2]}-${pad(monthOf(partial[1] as string))}` };
  const dayFirst = DAY_FIRST.exec(s);
  if (dayFirst) {
    const [, weekday, day, month, year, ...time] = dayFirst;
    return fromNamed(s, { weekday, day: day as string, month: month as string, year: year as string }, time);
  }
  const monthFirst = MONTH_FIRST.exec(s);
  if (monthFirst) {
    const [, weekday, month, day, year, ...time] = monthFirst;
    return fromNamed(s, { weekday, day: day as string, month: month as string, year: year as string }, time);
  }
  return { ok: false, reason: `"${s}" is not a date Spanwise can read: write it as YYYY-MM-DD, or as "26 November 2024"` };
}

const monthOf = (name: string) => MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().slice(0, 3))) + 1;

/** A date with a month name, and perhaps a time of day (with or without a zone). */
function fromNamed(s: string, date: { weekday: string | undefined; day: string; month: string; year: string }, time: (string | undefined)[]): Checked {
  const year = Number(date.year);
  const month = monthOf(date.month);
  const day = Number(date.day);
  if (!validDay(year, month, day)) return { ok: false, reason: `"${s}" is not a day of the calendar` };
  if (date.weekday !== undefined && WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] !== date.weekday.toLowerCase()) {
    return { ok: false, reason: `"${s}" names the wrong day of the week for ${year}-${pad(month)}-${pad(day)}` };
  }
  const ymd = `${year}-${pad(month)}-${pad(day)}`;
  const [h, mi, se, half, zone] = time;
  if (h === undefined) return { ok: true, value: ymd };
  let hour = Number(h);
  if (half !== undefined) {
    if (hour < 1 || hour > 12) return { ok: false, reason: `"${s}" has a time of day that does not exist` };
    hour = (hour % 12) + (half.toLowerCase() === 'pm' ? 12 : 0);
  }
  if (hour > 23 || Number(mi) > 59 || Number(se ?? 0) > 59) return { ok: false, reason: `"${s}" has a time of day that does not exist` };
  const local = `${ymd}T${pad(hour)}:${mi}:${se ?? '00'}`;
  // Without a zone it is the time as the page gave it; with one it is an instant, kept in UTC.
  if (zone === undefined) return { ok: true, value: local };
  const named = ZONES[zone.toLowerCase()];
  const offset = named ?? (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
  return { ok: true, value: new Date(Date.UTC(year, month - 1, day, hour, Number(mi), Number(se ?? 0)) - offset * 60_000).toISOString() };
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
