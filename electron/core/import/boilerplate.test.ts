import { describe, expect, it } from 'vitest';
import { isBoilerplateLine, stripBoilerplateLines } from './boilerplate';

describe('boilerplate lines', () => {
  it.each([
    'ALSO READ: ‘Shoot at sight’ orders amid rising protests',
    'Also read | Ministry publishes monthly tally',
    'Read more: Ceasefire talks stall',
    'Read more',
    'Related: Budget vote postponed',
    'RELATED STORIES',
    'See also – Port fire',
    '— Volodymyr Zelenskyy / Володимир Зеленський (@ZelenskyyUa) November 26, 2024',
    '— Jane Analyst (@jane_a) 3 March 2024',
    'Share this article',
    'Share on Facebook',
    'Facebook | Twitter | WhatsApp | Email',
    'Advertisement',
    'Story continues below advertisement',
    'A post shared by Some Outlet (@some.outlet)',
  ])('recognises %j', (line) => {
    expect(isBoilerplateLine(line)).toBe(true);
  });

  it.each([
    'Related to the strike, the ministry said nothing.',
    'Read more widely, the report suggests a different picture.',
    'Also, read the statement carefully: it names no units.',
    'The governor shared the post on Twitter on Tuesday.',
    'Share prices fell 4% after the announcement.',
    '— a phrase after a dash, with no handle',
    'Russia launched 188 drones (@ night) November 26, 2024 reports said.',
  ])('keeps article text %j', (line) => {
    expect(isBoilerplateLine(line)).toBe(false);
  });

  it('removes embedded-post remnants but keeps the quoted post', () => {
    const text = [
      'Kyiv said 76 drones were downed.',
      'Around 80 drones were shot down.\nUnfortunately, there… pic.twitter.com/o701zePjHd\n— Volodymyr Zelenskyy (@ZelenskyyUa) November 26, 2024',
      'ALSO READ: Something else',
      'The attack disrupted energy supplies.',
    ].join('\n\n');
    const { text: out, removed } = stripBoilerplateLines(text);
    expect(out).toBe(
      'Kyiv said 76 drones were downed.\n\nAround 80 drones were shot down.\nUnfortunately, there…\n\nThe attack disrupted energy supplies.',
    );
    expect(removed).toEqual(['pic.twitter.com/o701zePjHd', '— Volodymyr Zelenskyy (@ZelenskyyUa) November 26, 2024', 'ALSO READ: Something else']);
  });
});
