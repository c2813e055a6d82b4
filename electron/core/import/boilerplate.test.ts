import { describe, expect, it } from 'vitest';
import { isBoilerplateLine, isNoiseToken, isPostSignature, stripBoilerplate } from './boilerplate';

/** What a removal puts back, as the details' Put back does it. */
function putBack(text: string, r: { at: number; before: string; text: string; after: string }): string {
  return text.slice(0, r.at) + r.before + r.text + r.after + text.slice(r.at);
}

describe('boilerplate lines', () => {
  it.each([
    'ALSO READ: ‘Shoot at sight’ orders amid rising protests',
    'Also read | Ministry publishes monthly tally',
    'Read more: Ceasefire talks stall',
    'Read more',
    'Related: Budget vote postponed',
    'RELATED STORIES',
    'See also – Port fire',
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
    '— Volodymyr Zelenskyy / Володимир Зеленський (@ZelenskyyUa) November 26, 2024',
    '— Jane Analyst (@jane_a) 3 March 2024',
  ])('keeps article text %j', (line) => {
    expect(isBoilerplateLine(line)).toBe(false);
  });

  it.each(['— Volodymyr Zelenskyy / Володимир Зеленський (@ZelenskyyUa) November 26, 2024', '— Jane Analyst (@jane_a) 3 March 2024'])(
    'reads %j as an embedded post signature, which names who posted the words',
    (line) => expect(isPostSignature(line)).toBe(true),
  );

  it('removes the media link and the teaser but keeps the quoted post and its signature, saying where each went', () => {
    const text = [
      'Kyiv said 76 drones were downed.',
      'Around 80 drones were shot down.\nUnfortunately, there… pic.twitter.com/o701zePjHd\n— Volodymyr Zelenskyy (@ZelenskyyUa) November 26, 2024',
      'ALSO READ: Something else',
      'The attack disrupted energy supplies.',
    ].join('\n\n');
    const { text: out, removed } = stripBoilerplate(text);
    expect(out).toBe(
      'Kyiv said 76 drones were downed.\n\nAround 80 drones were shot down.\nUnfortunately, there…\n— Volodymyr Zelenskyy (@ZelenskyyUa) November 26, 2024\n\nThe attack disrupted energy supplies.',
    );
    expect(removed.map((r) => [r.kind, r.text])).toEqual([
      ['media_link', 'pic.twitter.com/o701zePjHd'],
      ['teaser', 'ALSO READ: Something else'],
    ]);
    // Each goes back exactly where it was: the link after "there…", the teaser as its own paragraph.
    const [link, teaser] = removed as [(typeof removed)[number], (typeof removed)[number]];
    expect(putBack(out, teaser)).toBe(text.replace(' pic.twitter.com/o701zePjHd', ''));
    expect(putBack(putBack(out, teaser), link)).toBe(text);
  });

  it('places removals at the start, inside a paragraph and at the end so that putting them back restores the text', () => {
    const text = 'Share\nFacebook\nTwitter\n\nFirst paragraph.\nRead more: other story\nSecond line.\n\npic.twitter.com/AbCd1234 Caption of the photo.\n\nLast paragraph.\n\nAdvertisement';
    const { text: out, removed } = stripBoilerplate(text);
    expect(out).toBe('First paragraph.\nSecond line.\n\nCaption of the photo.\n\nLast paragraph.');
    expect(removed.map((r) => r.text)).toEqual(['Share', 'Facebook', 'Twitter', 'Read more: other story', 'pic.twitter.com/AbCd1234', 'Advertisement']);
    // Put back from the last to the first, so each offset still holds.
    const restored = [...removed].sort((a, b) => b.at - a.at).reduce(putBack, out);
    expect(restored).toBe('Twitter\n\nFacebook\n\nShare\n\nFirst paragraph.\nRead more: other story\nSecond line.\n\npic.twitter.com/AbCd1234 Caption of the photo.\n\nLast paragraph.\n\nAdvertisement');
  });
});

describe('share lines', () => {
  it('keep a lone network name that heads a paragraph, and say what they did remove', () => {
    const text = 'Channels monitored\n\nTelegram\n\nThe channel posted 40 videos of the strike.\n\nEmail\n\nThe ministry replied by email on Monday.\n\nRelated: the earlier strike on the port';
    const { text: out, removed } = stripBoilerplate(text);
    expect(out).toBe('Channels monitored\n\nTelegram\n\nThe channel posted 40 videos of the strike.\n\nEmail\n\nThe ministry replied by email on Monday.');
    expect(removed.map((r) => r.text)).toEqual(['Related: the earlier strike on the port']);
  });

  it('remove network names in a run of share buttons, one per line', () => {
    const text = 'Kyiv said 76 drones were downed.\n\nShare\nFacebook\nTelegram\nEmail\n\nMoscow said 80.';
    const { text: out, removed } = stripBoilerplate(text);
    expect(out).toBe('Kyiv said 76 drones were downed.\n\nMoscow said 80.');
    expect(removed.map((r) => r.text)).toEqual(['Share', 'Facebook', 'Telegram', 'Email']);
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
