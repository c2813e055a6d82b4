import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DecodeError, decodeText, implausibility, looksBinary, SAMPLE_BYTES, sampleOf } from './decode';

const RUSSIAN = 'Министерство обороны заявило, что силы ПВО сбили 76 беспилотников. «Это рекорд», — сказал представитель.';
const FRENCH = 'Le ministère a déclaré que la frontière était fermée — « une décision grave », selon l’opposition. Coût : 12 €.';
const POLISH = 'Zażółć gęślą jaźń. Ministerstwo poinformowało o ataku na elektrownię w Łodzi.';

describe('decodeText', () => {
  it('takes valid UTF-8 as it is and says nothing about it', () => {
    const d = decodeText(Buffer.from(`\uFEFF${RUSSIAN}`, 'utf8'));
    expect(d.text).toBe(RUSSIAN);
    expect(d.encoding).toBe('UTF-8');
    expect(d.note).toBeNull();
  });

  it.each([
    ['utf-16le', 'UTF-16LE'],
    ['utf-16be', 'UTF-16BE'],
  ])('reads %s with a byte order mark', (encoding, name) => {
    const bom = encoding === 'utf-16le' ? [0xff, 0xfe] : [0xfe, 0xff];
    const bytes = Buffer.concat([Buffer.from(bom), iconv.encode(`${RUSSIAN}\n${FRENCH}`, encoding, { addBOM: false })]);
    const d = decodeText(bytes);
    expect(d.encoding).toBe(name);
    expect(d.text).toBe(`${RUSSIAN}\n${FRENCH}`);
  });

  it('recognises UTF-16LE without a byte order mark instead of calling it binary', () => {
    const d = decodeText(iconv.encode('Plain English text saved by an old editor.', 'utf-16le', { addBOM: false }));
    expect(d.text).toBe('Plain English text saved by an old editor.');
    expect(d.note).toMatch(/UTF-16LE/);
  });

  it.each([
    ['utf-16le', 'UTF-16LE'],
    ['utf-16be', 'UTF-16BE'],
  ])('recognises Cyrillic %s without a byte order mark instead of calling it binary', (encoding, name) => {
    const d = decodeText(iconv.encode(RUSSIAN, encoding, { addBOM: false }));
    expect(d.text).toBe(RUSSIAN);
    expect(d.note).toBe(`decoded as ${name} (no byte order mark)`);
  });

  it('judges a large legacy file on a sample and decodes all of it with the winner', () => {
    const body = Array.from({ length: 6000 }, (_, i) => `${i}. ${RUSSIAN}`).join('\n');
    const bytes = iconv.encode(body, 'windows-1251');
    expect(bytes.length).toBeGreaterThan(SAMPLE_BYTES * 10);
    const sample = sampleOf(bytes);
    expect(sample.length).toBeLessThanOrEqual(SAMPLE_BYTES + 2);
    // Cut at spaces and line breaks: no word is split between two parts.
    expect(iconv.decode(sample, 'windows-1251').split(/\s+/).every((w) => body.includes(w))).toBe(true);
    const d = decodeText(bytes);
    expect(d.encoding).toBe('windows-1251');
    expect(d.text).toBe(body);
  });

  it.each([
    ['windows-1251', RUSSIAN],
    // KOI8-R has no guillemets or dashes.
    ['koi8-r', 'Министерство обороны заявило, что силы ПВО сбили 76 беспилотников.'],
    ['windows-1252', FRENCH],
    ['windows-1250', POLISH],
    ['iso-8859-2', POLISH],
  ])('falls back to %s and names it', (encoding, text) => {
    const d = decodeText(iconv.encode(text, encoding));
    expect(d.text).toBe(text);
    expect(d.encoding).toBe(encoding);
    expect(d.note).toBe(`not valid UTF-8; decoded as ${encoding}`);
  });

  it('keeps mostly valid UTF-8 as UTF-8, marking the few broken bytes', () => {
    const bytes = Buffer.concat([Buffer.from(RUSSIAN, 'utf8'), Buffer.from([0xff]), Buffer.from(' Конец.', 'utf8')]);
    const d = decodeText(bytes);
    expect(d.text).toBe(`${RUSSIAN}\uFFFD Конец.`);
    expect(d.note).toBe('not valid UTF-8 in 1 place; the bytes there were replaced with \uFFFD');
  });

  it('prefers the charset a page declares when the bytes allow it', () => {
    const bytes = iconv.encode('Кириллица', 'windows-1251');
    expect(decodeText(bytes, { declared: 'windows-1251' }).encoding).toBe('windows-1251');
  });

  it('refuses binary data', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(looksBinary(png)).toBe(true);
    expect(() => decodeText(png)).toThrowError(new DecodeError('binary data, not text'));
  });

  it('says so when no encoding gives readable text', () => {
    // Bytes that are not UTF-8 and decode to gibberish in every single-byte table.
    const noise = Buffer.from(Array.from({ length: 600 }, (_, i) => 0x80 + ((i * 37) % 0x7f)));
    expect(() => decodeText(noise)).toThrowError(/not valid UTF-8, and no legacy encoding gives readable text \(tried .*windows-1251/);
  });
});

describe('implausibility', () => {
  it('scores natural text at zero and mojibake above it', () => {
    for (const text of [RUSSIAN, FRENCH, POLISH]) expect(implausibility(text)).toBe(0);
    expect(implausibility(iconv.decode(iconv.encode(RUSSIAN, 'windows-1251'), 'windows-1252'))).toBeGreaterThan(10);
    expect(implausibility(iconv.decode(iconv.encode(POLISH, 'windows-1250'), 'windows-1252'))).toBeGreaterThan(5);
  });
});
