import { describe, expect, it } from 'vitest';
import { isBoilerplateLine, isNoiseToken, stripBoilerplateLines } from './boilerplate';

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

describe('share lines', () => {
  it('keep a lone network name that heads a paragraph, and say what they did remove', () => {
    const text = 'Channels monitored\n\nTelegram\n\nThe channel posted 40 videos of the strike.\n\nEmail\n\nThe ministry replied by email on Monday.\n\nRelated: the earlier strike on the port';
    const { text: out, removed } = stripBoilerplateLines(text);
    expect(out).toBe('Channels monitored\n\nTelegram\n\nThe channel posted 40 videos of the strike.\n\nEmail\n\nThe ministry replied by email on Monday.');
    expect(removed).toEqual(['Related: the earlier strike on the port']);
  });

  it('remove network names in a run of share buttons, one per line', () => {
    const text = 'Kyiv said 76 drones were downed.\n\nShare\nFacebook\nTelegram\nEmail\n\nMoscow said 80.';
    const { text: out, removed } = stripBoilerplateLines(text);
    expect(out).toBe('Kyiv said 76 drones were downed.\n\nMoscow said 80.');
    expect(removed).toEqual(['Share', 'Facebook', 'Telegram', 'Email']);
  });
});

describe('class and id tokens', () => {
  it.each(['share', 'social-share', 'share-bar', 'related-articles', 'ad', 'ad-slot-2', 'newsletter-signup', 'cookie-banner', 'taboola', 'top-ad'])(
    'mark %j as furniture',
    (token) => expect(isNoiseToken(token)).toBe(true),
  );

  it.each(['ad-hoc-committee', 'shared-services', 'headline', 'adverb', 'shareholders', 'related-party-transactions', 'cookies-and-cakes-recipe', 'modalities', 'lead'])(
    'leave %j alone: a noise word inside a token says nothing',
    (token) => expect(isNoiseToken(token)).toBe(false),
  );
});
