import { describe, expect, it } from 'vitest';
import { checkIsoDate, checkLanguage, checkUrl, readDate } from './meta';

describe('checkIsoDate', () => {
  it.each(['2024', '2024-11', '2024-11-26', '2024-02-29', '2024-11-26T10:00:00Z', '2024-11-26T10:00:00.123+02:00'])('keeps %j', (d) => {
    expect(checkIsoDate(d)).toEqual({ ok: true, value: d });
  });

  it('writes a space before the time as T', () => {
    expect(checkIsoDate('2024-11-26 10:00')).toEqual({ ok: true, value: '2024-11-26T10:00' });
  });

  it.each([
    ['26/11/2024', /not an ISO date.*\(2024-11-26\?\)/],
    ['01/02/2024', /^"01\/02\/2024" is not an ISO date: write it as YYYY, YYYY-MM or YYYY-MM-DD$/],
    ['2024-13', /no month 13/],
    ['2023-02-29', /not a day of the calendar/],
    ['2024-11-26T25:00', /time of day/],
    ['yesterday', /not an ISO date/],
  ])('refuses %j, saying why', (d, reason) => {
    const checked = checkIsoDate(d);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.reason).toMatch(reason);
  });
});

describe('readDate', () => {
  it.each([
    ['26/11/2024', '2024-11-26'],
    ['11/26/2024', '2024-11-26'],
    ['05.05.2024', '2024-05-05'],
    ['2024/11/26', '2024-11-26'],
    ['November 26, 2024', '2024-11-26'],
    ['26 Nov 2024', '2024-11-26'],
    ['Tue, 26 Nov 2024 10:00:00 +0000', '2024-11-26T10:00:00.000Z'],
    ['2024-11', '2024-11'],
    ['Nov. 26th, 2024', '2024-11-26'],
    ['Sept 3 2024', '2024-09-03'],
    ['November 2024', '2024-11'],
    ['26 November 2024 10:30', '2024-11-26T10:30:00'],
    ['November 26, 2024, 9:05 pm', '2024-11-26T21:05:00'],
    ['Tue, 26 Nov 2024 10:00:00 GMT', '2024-11-26T10:00:00.000Z'],
    ['Tue, 26 Nov 2024 01:00:00 -0500', '2024-11-26T06:00:00.000Z'],
    ['26 Nov 2024 23:30 +05:30', '2024-11-26T18:00:00.000Z'],
    ['Mon, 25 Nov 2024 20:00:00 EST', '2024-11-26T01:00:00.000Z'],
  ])('reads %j as %j', (input, iso) => {
    expect(readDate(input)).toEqual({ ok: true, value: iso });
  });

  it.each([
    ['01/02/2024', /ambiguous: 1 February or January 2/],
    ['31/02/2024', /not a day of the calendar/],
    ['1 2 3', /not a date/],
    ['26/11/24', /no four-digit year/],
    ['sometime in spring', /not a date/],
    // A lenient parser rolls these over into March and December, or takes a year from nowhere.
    ['February 30, 2024', /not a day of the calendar/],
    ['31 Nov 2024', /not a day of the calendar/],
    ['May 5', /not a date Spanwise can read/],
    ['posted in May 2024', /not a date Spanwise can read/],
    ['Mon, 26 Nov 2024', /wrong day of the week/],
    ['26 Nov 2024 25:00', /time of day that does not exist/],
    ['26 Nov 2024 13:00 pm', /time of day that does not exist/],
    ['26 Nov 2024 10:00 CEST', /not a date/],
  ])('does not guess %j', (input, reason) => {
    const read = readDate(input);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.reason).toMatch(reason);
  });
});

describe('checkUrl', () => {
  it.each(['https://ledger.example/a?b=1', 'http://x.example', 'file:///home/analyst/saved.html'])('keeps %j', (u) => {
    expect(checkUrl(u)).toEqual({ ok: true, value: u });
  });

  it.each([
    ['javascript:alert(1)', /"javascript:" links are not kept/],
    [' JaVaScRiPt:alert(1)', /"javascript:" links are not kept/],
    ['data:text/html,<script>', /"data:" links/],
    ['ledger.example/a', /not a full URL/],
  ])('refuses %j', (u, reason) => {
    const checked = checkUrl(u);
    expect(!checked.ok && checked.reason).toMatch(reason);
  });
});

describe('checkLanguage', () => {
  it.each([
    ['en', 'en'],
    ['EN_us', 'en-US'],
    ['zh-hant', 'zh-Hant'],
    ['sr-Latn-RS', 'sr-Latn-RS'],
    ['uk', 'uk'],
  ])('reads %j as %j', (tag, canonical) => {
    expect(checkLanguage(tag)).toEqual({ ok: true, value: canonical });
  });

  it.each(['not a language!!', 'english', 'e', '12', 'en-'])('refuses %j', (tag) => {
    expect(checkLanguage(tag).ok).toBe(false);
  });
});
