import { describe, expect, it } from 'vitest';
import { type ParsedFigure, parseFigure, parseNumberInput } from './figures';

const cases: [string, ParsedFigure][] = [
  ['188', { value: 188, qualifier: 'exact' }],
  ['four', { value: 4, qualifier: 'exact' }],
  ['Four', { value: 4, qualifier: 'exact' }],
  ['zero', { value: 0, qualifier: 'exact' }],
  ['around 80', { value: 80, qualifier: 'approximate' }],
  ['about 80', { value: 80, qualifier: 'approximate' }],
  ['some 80 drones', { value: 80, qualifier: 'approximate', unit: 'drones' }],
  ['roughly 1,000', { value: 1000, qualifier: 'approximate' }],
  ['~80', { value: 80, qualifier: 'approximate' }],
  ['c. 80', { value: 80, qualifier: 'approximate' }],
  ['an estimated 2,000 people', { value: 2000, qualifier: 'approximate', unit: 'people' }],
  ['80 or so', { value: 80, qualifier: 'approximate' }],
  ['80-odd drones', { value: 80, qualifier: 'approximate', unit: 'drones' }],
  ['nearly 80', { value: 80, qualifier: 'at most' }],
  ['almost 80', { value: 80, qualifier: 'at most' }],
  ['more than 90', { value: 90, qualifier: 'at least' }],
  ['over 90', { value: 90, qualifier: 'at least' }],
  ['at least 90', { value: 90, qualifier: 'at least' }],
  ['80+', { value: 80, qualifier: 'at least' }],
  ['80 or more', { value: 80, qualifier: 'at least' }],
  ['no fewer than 12', { value: 12, qualifier: 'at least' }],
  ['fewer than 10', { value: 10, qualifier: 'at most' }],
  ['up to 90', { value: 90, qualifier: 'at most' }],
  ['at most 90', { value: 90, qualifier: 'at most' }],
  ['no more than 5', { value: 5, qualifier: 'at most' }],
  ['as many as 300 people', { value: 300, qualifier: 'at most', unit: 'people' }],
  ['1,200', { value: 1200, qualifier: 'exact' }],
  ['1,200,000', { value: 1200000, qualifier: 'exact' }],
  ['1,234.5', { value: 1234.5, qualifier: 'exact' }],
  ['2,5', { value: 2.5, qualifier: 'exact' }],
  ['1\u202f200 дронов', { value: 1200, qualifier: 'exact', unit: 'дронов' }],
  ['1.5 million', { value: 1500000, qualifier: 'exact' }],
  ['2.3bn', { value: 2300000000, qualifier: 'exact' }],
  ['5k', { value: 5000, qualifier: 'exact' }],
  ['twenty-five', { value: 25, qualifier: 'exact' }],
  ['two hundred and forty', { value: 240, qualifier: 'exact' }],
  ['a dozen', { value: 12, qualifier: 'exact' }],
  ['half a dozen', { value: 6, qualifier: 'exact' }],
  ['a hundred', { value: 100, qualifier: 'exact' }],
  ['half a million', { value: 500000, qualifier: 'exact' }],
  ['one and a half million people', { value: 1500000, qualifier: 'exact', unit: 'people' }],
  ['three million', { value: 3000000, qualifier: 'exact' }],
  ['80 drones', { value: 80, qualifier: 'exact', unit: 'drones' }],
  ['76 Shahed drones were shot down', { value: 76, qualifier: 'exact', unit: 'Shahed drones' }],
  ['80 drones, officials said', { value: 80, qualifier: 'exact', unit: 'drones' }],
  ['12,000-strong force', { value: 12000, qualifier: 'exact', unit: 'strong force' }],
  ['$4.5 billion', { value: 4500000000, qualifier: 'exact', unit: 'USD' }],
  ['US$4.5bn', { value: 4500000000, qualifier: 'exact', unit: 'USD' }],
  ['$5m', { value: 5000000, qualifier: 'exact', unit: 'USD' }],
  ['more than $4.5 billion in aid', { value: 4500000000, qualifier: 'at least', unit: 'USD' }],
  ['€300', { value: 300, qualifier: 'exact', unit: 'EUR' }],
  ['£2b', { value: 2000000000, qualifier: 'exact', unit: 'GBP' }],
  ['4.5 billion dollars', { value: 4500000000, qualifier: 'exact', unit: 'USD' }],
  ['5m', { value: 5, qualifier: 'exact', unit: 'm' }],
  ['12%', { value: 12, qualifier: 'exact', unit: '%' }],
  ['12 per cent', { value: 12, qualifier: 'exact', unit: '%' }],
  ['about 12 percent', { value: 12, qualifier: 'approximate', unit: '%' }],
  ['-3.5', { value: -3.5, qualifier: 'exact' }],
  ['\u22123.5%', { value: -3.5, qualifier: 'exact', unit: '%' }],
  ['minus 7 degrees', { value: -7, qualifier: 'exact', unit: 'degrees' }],
  ['-$5', { value: -5, qualifier: 'exact', unit: 'USD' }],
  ['0.75', { value: 0.75, qualifier: 'exact' }],
  ['.5', { value: 0.5, qualifier: 'exact' }],
  ['80-90 drones', { value: 80, min: 80, max: 90, qualifier: 'exact', unit: 'drones' }],
  ['between 80 and 90', { value: 80, min: 80, max: 90, qualifier: 'exact' }],
  ['1-2 million', { value: 1000000, min: 1000000, max: 2000000, qualifier: 'exact' }],
  ['около 80', { value: 80, qualifier: 'approximate' }],
  ['понад 80 дронів', { value: 80, qualifier: 'at least', unit: 'дронів' }],
  ['Russia launched 90 drones overnight', { value: 90, qualifier: 'exact', unit: 'drones overnight' }],
  ['2024', { value: 2024, qualifier: 'exact' }],
];

describe('parseFigure', () => {
  it.each(cases)('%s', (quote, expected) => {
    expect(parseFigure(quote)).toEqual(expected);
  });

  it.each(['', '   ', 'drones', 'dozens of drones', 'thousands', 'several score'])(
    'returns null without a number: %j',
    (quote) => {
      expect(parseFigure(quote)).toBeNull();
    },
  );

  it('keeps units within the attribute limit', () => {
    const figure = parseFigure(`80 ${'x'.repeat(300)}`);
    expect(figure?.unit?.length).toBe(100);
  });
});

describe('parseNumberInput', () => {
  it.each([
    ['2.5', 2.5],
    ['2,5', 2.5],
    ['1,200', 1200],
    ['1,200.5', 1200.5],
    ['1.200.000', 1200000],
    ['1\u202f200', 1200],
    ['-3', -3],
    ['\u22123', -3],
    ['+4', 4],
    [' 80 ', 80],
    ['.5', 0.5],
  ])('reads %j as %d, as parseFigure reads the same digits', (raw, value) => {
    expect(parseNumberInput(raw)).toBe(value);
    expect(parseFigure(raw.trim().replace(/^\+/, ''))?.value).toBe(value);
  });

  it.each(['', '-', '2.', '2,', '1 200', '1,2,3', 'abc', '80 drones', '1e5', '--2'])('refuses %j', (raw) => {
    expect(parseNumberInput(raw)).toBeNull();
  });
});
