import { describe, expect, it } from 'vitest';
import { createRng } from '../testing/fuzz';
import { withDocumentShell } from './dom';
import { parseHtml } from './html';
import { MAX_ELEMENTS, MAX_NESTING, measureMarkup } from './markup-scan';
import { referenceDocumentShell } from './test-support/shell-reference';

const nested = (n: number, tag = 'div') => `<html><body>${`<${tag}>`.repeat(n)}Deep text of the page.${`</${tag}>`.repeat(n)}</body></html>`;

describe('the document shell', () => {
  it('gives what the regular expressions gave, on tag soup full of shell tags', () => {
    const rng = createRng(0x5e11);
    const pieces = ['<html lang="uk">', '</html>', '<HTML>', '<head>', '<head class=x>', '</head>', '</head >', '<header>', '<body data-x="1">', '<body>', '</body>', '</body x>', '<!doctype html>', '<!DOCTYPE x>', '<title>T</title>', '<title>', '</title>', '<meta name=a>', '<metadata>', '<link rel=x>', '<base href=y>', '<p>', 'text', ' ', '>', '<', '<head ', '<div>', '</div>'];
    for (let round = 0; round < 2000; round++) {
      let html = '';
      for (let i = 0, n = 1 + rng.int(14); i < n; i++) html += rng.pick(pieces);
      expect(withDocumentShell(html), html).toBe(referenceDocumentShell(html));
    }
  });

  it('handles tags that never close in one pass', () => {
    const html = '<head '.repeat(40_000);
    expect(withDocumentShell(html)).toBe(`<!doctype html><html><head></head><body>${html}</body></html>`);
    expect(withDocumentShell(`<title>${'<title '.repeat(40_000)}`)).toContain('<body><title>');
  });
});

describe('bounds on a page', () => {
  it('measures nesting as a parser builds it: self-ending, void and stray end tags do not deepen it', () => {
    expect(measureMarkup(nested(40)).depth).toBe(40);
    expect(measureMarkup(`<body>${'<p>One paragraph left open '.repeat(2000)}</body>`).depth).toBeLessThan(3);
    expect(measureMarkup(`${'<br><img src=x><input>'.repeat(500)}`).depth).toBe(0);
    expect(measureMarkup(`<section>${'<div>'.repeat(50)}</section><section>x</section>`).depth).toBe(51);
    expect(measureMarkup(`<script>${'<div>'.repeat(1000)}</script><div>x</div>`).depth).toBe(1);
  });

  it('refuses a page nested deeper than the limit before parsing it, naming the limit', () => {
    expect(parseHtml(nested(100_000), 'deep')).toEqual({ ok: false, reason: `refused: its markup is nested more than ${MAX_NESTING} levels deep, the limit for a page` });
    expect(parseHtml(nested(MAX_NESTING + 1, 'span'), 'deep')).toMatchObject({ ok: false });
    expect(parseHtml(nested(60), 'fine')).toMatchObject({ ok: true, drafts: [{ text: 'Deep text of the page.' }] });
  });

  it('refuses a page with more elements than article detection reads', () => {
    const many = `<html><body>${'<b>x</b>'.repeat(MAX_ELEMENTS + 1)}</body></html>`;
    expect(parseHtml(many, 'many')).toEqual({ ok: false, reason: 'refused: it has more than 100,000 elements, the limit for a page' });
  });
});
