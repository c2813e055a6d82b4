import { describe, expect, it, vi } from 'vitest';

// Readability finding nothing, or failing, is rare on real pages; this file stands in for both.
const behaviour = vi.hoisted(() => ({ mode: 'nothing' as 'nothing' | 'throw' }));
vi.mock('@mozilla/readability', () => ({
  Readability: class {
    parse() {
      if (behaviour.mode === 'throw') throw new Error('unexpected markup');
      return null;
    }
  },
}));

const { parseHtml } = await import('./html');

const html = `<html><head><title>Harbour fire</title></head><body>
<nav><a href="/">Home</a></nav>
<div><h2>Harbour fire</h2><div>A fire broke out at the grain terminal early on Friday.</div><div>About 300 workers were evacuated.</div></div>
<footer>Contact us</footer></body></html>`;

describe('parseHtml without an article from Readability', () => {
  it('uses the text of the whole body, furniture removed', () => {
    behaviour.mode = 'nothing';
    const outcome = parseHtml(html, 'f');
    expect(outcome).toEqual({
      ok: true,
      drafts: [expect.objectContaining({ title: 'Harbour fire', text: 'Harbour fire\n\nA fire broke out at the grain terminal early on Friday.\n\nAbout 300 workers were evacuated.' })],
      warnings: [],
      problems: [],
    });
  });

  it('uses the body text, with a warning, when Readability fails', () => {
    behaviour.mode = 'throw';
    const outcome = parseHtml(html, 'f');
    expect(outcome.ok && outcome.drafts[0]?.text).toBe('Harbour fire\n\nA fire broke out at the grain terminal early on Friday.\n\nAbout 300 workers were evacuated.');
    expect(outcome.ok && outcome.warnings).toEqual(['article detection failed (unexpected markup); used the whole page']);
  });
});
