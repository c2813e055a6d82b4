import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseHtml } from './html';
import type { ImportDraft, ParseOutcome } from './types';

function draftOf(outcome: ParseOutcome): ImportDraft {
  if (!outcome.ok) throw new Error(`expected a draft, got: ${outcome.reason}`);
  expect(outcome.drafts).toHaveLength(1);
  return outcome.drafts[0] as ImportDraft;
}

const BODY = [
  'Russia launched 188 drones against Ukraine overnight, the air force said on Tuesday, in the largest attack of its kind.',
  'Kyiv said its defences had downed 76 drones, while others were lost to electronic jamming.',
  'The attack disrupted energy supplies in the eastern regions, including critical infrastructure in Ternopil.',
];

function page(head: string, article: string, extra = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}</head><body>
<header class="site-header"><a href="/">The Daily Ledger</a><nav><a href="/world">World</a><a href="/sport">Sport</a></nav></header>
<main><article>${article}</article></main>
<aside class="most-read"><h3>Most read</h3><ul><li><a href="/a">Unrelated headline one</a></li></ul></aside>
<footer><p>© The Daily Ledger. All rights reserved.</p></footer>${extra}</body></html>`;
}

describe('parseHtml: metadata', () => {
  it('reads Open Graph, canonical link, author, published time and language', () => {
    const html = page(
      `<title>Drones downed overnight | The Daily Ledger</title>
       <meta property="og:title" content="Record drone attack on Ukraine">
       <meta property="og:site_name" content="The Daily Ledger">
       <link rel="canonical" href="https://ledger.example/world/drones">
       <meta property="og:url" content="https://ledger.example/ignored">
       <meta name="author" content="Ana Ruiz">
       <meta property="article:published_time" content="2024-11-26T08:30:00+00:00">`,
      `<h1>Record drone attack on Ukraine</h1>${BODY.map((p) => `<p>${p}</p>`).join('')}`,
    );
    expect(draftOf(parseHtml(html, 'file'))).toEqual({
      title: 'Record drone attack on Ukraine',
      source: 'The Daily Ledger',
      url: 'https://ledger.example/world/drones',
      author: 'Ana Ruiz',
      publishedAt: '2024-11-26T08:30:00+00:00',
      language: 'en',
      text: BODY.join('\n\n'),
    });
  });

  it('falls back to JSON-LD, application-name, og:url, <time> and <title>', () => {
    const html = page(
      `<title>Ceasefire talks stall</title>
       <meta name="application-name" content="Northern Observer">
       <meta property="og:url" content="https://observer.example/talks">
       <meta property="article:author" content="https://observer.example/staff/petra">
       <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
         {"@type":"NewsArticle","datePublished":"2025-09-21","author":[{"@type":"Person","name":"Petra Haas"},{"name":"Jon Berg"}]}]}</script>`,
      `<p><time datetime="2020-01-01">Old date</time></p>${BODY.map((p) => `<p>${p}</p>`).join('')}`,
    );
    expect(draftOf(parseHtml(html, 'file'))).toMatchObject({
      title: 'Ceasefire talks stall',
      source: 'Northern Observer',
      url: 'https://observer.example/talks',
      author: 'Petra Haas, Jon Berg',
      publishedAt: '2025-09-21',
    });
  });

  it('uses <time datetime> and the saved-from comment when nothing else gives them', () => {
    const html = `<!-- saved from url=(0031)https://paper.example/story-1 -->\n${page(
      '<title>Story</title>',
      `<p>By staff, <time datetime="2024-03-03T10:00:00Z">3 March</time></p>${BODY.map((p) => `<p>${p}</p>`).join('')}`,
    )}`;
    expect(draftOf(parseHtml(html, 'file'))).toMatchObject({ url: 'https://paper.example/story-1', publishedAt: '2024-03-03T10:00:00Z', source: 'paper.example' });
  });
});

describe('parseHtml: structure and boilerplate', () => {
  it('keeps paragraph structure from block elements, with <br> as a line break', () => {
    const html = page(
      '<title>T</title>',
      `<h2>What happened</h2><p>${BODY[0]}<br>Second line of the same paragraph.</p>
       <blockquote><p>${BODY[1]}</p></blockquote><ul><li>${BODY[2]}</li><li>A second item in the list that is long enough.</li></ul>`,
    );
    expect(draftOf(parseHtml(html, 'f')).text).toBe(
      ['What happened', `${BODY[0]}\nSecond line of the same paragraph.`, BODY[1], BODY[2], 'A second item in the list that is long enough.'].join('\n\n'),
    );
  });

  it('removes teasers, share buttons and embed chrome but keeps the quoted post', () => {
    const html = page(
      '<title>T</title>',
      `<p>${BODY[0]}</p>
       <div class="social-share"><a href="#">Share</a> <a href="#">Facebook</a> <a href="#">Twitter</a></div>
       <blockquote class="twitter-tweet"><p lang="en" dir="ltr">Around 80 drones were shot down. <a href="https://t.co/o701">pic.twitter.com/o701zePjHd</a></p>&mdash; Volodymyr Zelenskyy (@ZelenskyyUa) <a href="https://twitter.com/x/status/1">November 26, 2024</a></blockquote>
       <script async src="https://platform.twitter.com/widgets.js"></script>
       <p><strong>ALSO READ:</strong> <a href="/other">‘Shoot at sight’ orders amid protests</a></p>
       <p>${BODY[1]}</p><p>Read more: <a href="/more">Earlier coverage</a></p><p>${BODY[2]}</p>
       <blockquote class="instagram-media"><a href="https://instagram.example/p/1">View this post on Instagram</a><p>A post shared by Outlet (@outlet)</p></blockquote>`,
    );
    const outcome = parseHtml(html, 'f');
    // The post's signature names who posted the words above it: it stays, as text.
    expect(draftOf(outcome).text).toBe([BODY[0], 'Around 80 drones were shot down.', '— Volodymyr Zelenskyy (@ZelenskyyUa) November 26, 2024', BODY[1], BODY[2]].join('\n\n'));
    expect(outcome.ok && outcome.warnings.join()).toMatch(/removed 3 boilerplate items/);
    // What went is kept with the draft: placed where it was, or at the end when the page block went before the article was found.
    expect(draftOf(outcome).removed?.map((r) => [r.kind, r.text, r.located])).toEqual([
      ['media_link', 'pic.twitter.com/o701zePjHd', true],
      ['teaser', 'ALSO READ: ‘Shoot at sight’ orders amid protests', true],
      ['teaser', 'Read more: Earlier coverage', true],
      ['page_block', 'Share Facebook Twitter', false],
      ['embed', 'View this post on Instagram A post shared by Outlet (@outlet)', false],
    ]);
  });

  it('falls back to the body text when the page has no article markup', () => {
    const html = '<html><body><span>Only a short note.</span><br><span>Second line.</span></body></html>';
    expect(draftOf(parseHtml(html, 'note'))).toMatchObject({ title: 'note', text: 'Only a short note.\nSecond line.' });
  });

  it('keeps an article the saved page had hidden, while dropping small hidden pieces', () => {
    const html = `<html><body><div id="app" style="display: none"><article>${BODY.map((p) => `<p>${p}</p>`).join('')}<p hidden>Hidden promo text.</p></article></div></body></html>`;
    expect(draftOf(parseHtml(html, 'f')).text).toBe(BODY.join('\n\n'));
  });

  it('refuses a page with no text', () => {
    expect(parseHtml('<html><head><title>Empty</title></head><body><script>x()</script><img src="a.png"></body></html>', 'f')).toEqual({
      ok: false,
      reason: 'no article text found in the page',
    });
  });
});

describe('parseHtml: a hostile saved page', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    delete (globalThis as Record<string, unknown>).__spanwiseRan;
  });

  const hostile = `<!doctype html><html lang="en"><head>
<base href="http://base.attacker.example/">
<title>Hostile page</title>
<meta http-equiv="refresh" content="0; url=http://refresh.attacker.example/">
<link rel="stylesheet" href="http://css.attacker.example/s.css">
<link rel="preload" href="http://preload.attacker.example/x.js" as="script">
<style>@import url("http://import.attacker.example/a.css"); body { background: url(http://bg.attacker.example/b.png) } .x::after { content: "STYLE TEXT" }</style>
<script>globalThis.__spanwiseRan = 'head script'; fetch('http://fetch.attacker.example/')</script>
<script src="http://src.attacker.example/evil.js"></script>
</head>
<body onload="globalThis.__spanwiseRan = 'onload'">
<noscript><img src="http://noscript.attacker.example/pixel.gif"><p>NOSCRIPT TEXT</p></noscript>
<article>
<h1>Hostile page</h1>
<p>${BODY[0]} <img src="http://pixel.attacker.example/1x1.gif" width="1" height="1" onerror="globalThis.__spanwiseRan = 'onerror'"></p>
<iframe src="http://frame.attacker.example/" srcdoc="<p>IFRAME TEXT</p>">IFRAME FALLBACK</iframe>
<p>${BODY[1]} <a href="javascript:globalThis.__spanwiseRan = 'link'">Officials</a> <a href=" JaVaScRiPt:void(0)">confirmed it</a>.</p>
<svg onload="globalThis.__spanwiseRan = 'svg'"><text>SVG TEXT</text><script>globalThis.__spanwiseRan = 'svg script'</script></svg>
<object data="http://object.attacker.example/x.swf">OBJECT TEXT</object><embed src="http://embed.attacker.example/x">
<video poster="http://poster.attacker.example/p.jpg"><source src="http://video.attacker.example/v.mp4">VIDEO TEXT</video>
<form action="http://form.attacker.example/"><input name="q" value="INPUT VALUE"><button formaction="http://b.attacker.example/">BUTTON TEXT</button><textarea>TEXTAREA TEXT</textarea></form>
<template><p>TEMPLATE TEXT</p></template>
<p style="display:none">HIDDEN TEXT</p><p hidden>HIDDEN ATTRIBUTE TEXT</p>
<p onmouseover="globalThis.__spanwiseRan = 'hover'">${BODY[2]}</p>
<script>document.write('<p>INJECTED TEXT</p>')</script>
</article>
<img src="http://tracker.attacker.example/t.gif?u=1" style="display:none">
</body></html>`;

  it('yields only the article text, runs nothing and requests nothing', async () => {
    const calls: string[] = [];
    const record = (name: string) => () => {
      calls.push(name);
      throw new Error(`network access during import: ${name}`);
    };
    vi.spyOn(globalThis, 'fetch').mockImplementation(record('fetch'));
    vi.spyOn(http, 'request').mockImplementation(record('http.request'));
    vi.spyOn(http, 'get').mockImplementation(record('http.get'));
    vi.spyOn(https, 'request').mockImplementation(record('https.request'));
    vi.spyOn(https, 'get').mockImplementation(record('https.get'));
    vi.spyOn(net, 'connect').mockImplementation(record('net.connect'));
    vi.spyOn(net, 'createConnection').mockImplementation(record('net.createConnection'));
    vi.spyOn(dns, 'lookup').mockImplementation(record('dns.lookup'));

    const outcome = parseHtml(hostile, 'hostile');
    // Give anything scheduled by the page a chance to run before looking.
    await new Promise((resolve) => setTimeout(resolve, 20));

    const draft = draftOf(outcome);
    // The javascript: links' words are article text; only their targets go.
    expect(draft.text).toBe([BODY[0], `${BODY[1]} Officials confirmed it.`, BODY[2]].join('\n\n'));
    expect(draft.text).not.toMatch(/TEXT|VALUE|attacker/);
    expect(draft.url).toBeNull();
    expect(calls).toEqual([]);
    expect((globalThis as Record<string, unknown>).__spanwiseRan).toBeUndefined();
  });
});

describe('parseHtml: dates', () => {
  it('takes the first readable date and says why an ambiguous one was left out', () => {
    const readable = parseHtml(page('<meta name="date" content="01/02/2024"><meta property="article:published_time" content="26.11.2024">', `<p>${BODY[0]}</p>`), 'f');
    expect(draftOf(readable).publishedAt).toBe('2024-11-26');
    const ambiguous = parseHtml(page('<meta name="date" content="01/02/2024">', `<p>${BODY[0]}</p>`), 'f');
    expect(draftOf(ambiguous).publishedAt).toBeNull();
    expect(ambiguous.ok && ambiguous.warnings).toEqual(['published date left empty: "01/02/2024" is ambiguous: 1 February or January 2']);
  });
});

describe('parseHtml: innocent pages', () => {
  it('keeps paragraphs whose class merely contains a noise word, and links that run script keep their words', () => {
    const html = page(
      '<title>Budget</title>',
      `<p>${BODY[0]}</p>
       <div class="ad-hoc-committee"><p>An ad hoc committee of five members will review the procurement of 76 drones.</p></div>
       <div class="shared-services" id="leadership"><p>The shared services office answered questions about the contract.</p></div>
       <p>President <a href="javascript:void(0)">Zelenskyy</a> said 80 drones were shot down.</p>
       <p><a href="javascript:openGallery()">Photos show the damaged building in Kharkiv after the strike.</a></p>
       <h3>Telegram</h3><p>${BODY[1]}</p>`,
    );
    const outcome = parseHtml(html, 'f');
    expect(draftOf(outcome).text).toBe(
      [
        BODY[0],
        'An ad hoc committee of five members will review the procurement of 76 drones.',
        'The shared services office answered questions about the contract.',
        'President Zelenskyy said 80 drones were shot down.',
        'Photos show the damaged building in Kharkiv after the strike.',
        'Telegram',
        BODY[1],
      ].join('\n\n'),
    );
    expect(outcome.ok && outcome.warnings).toEqual([]);
  });
});

describe('parseHtml: pages full of furniture', () => {
  it('removes blocks marked by whole class tokens and names them in the warnings', () => {
    const html = page(
      '<title>Strike</title>',
      `<p>${BODY[0]}</p>
       <div class="ad-slot-2"><p>Buy the new phone today, limited offer for readers.</p></div>
       <section class="related-articles"><h3>More coverage</h3><p><a href="/a">Earlier strike on the port hit grain silos</a></p></section>
       <p>${BODY[1]}</p>
       <div id="newsletter-signup"><p>Get our morning briefing in your inbox every day.</p></div>
       <p>${BODY[2]}</p>`,
    );
    const outcome = parseHtml(html, 'f');
    expect(draftOf(outcome).text).toBe(BODY.join('\n\n'));
    expect(outcome.ok && outcome.warnings.join('; ')).toMatch(
      /removed 3 page blocks marked as share bars, ads or teasers: "Buy the new phone.*", "More coverage Earlier.*", "Get our morning/,
    );
  });
});

describe('parseHtml: fragments', () => {
  it('reads markup that has no html, head or body element', () => {
    const html = '<title>Copied story</title><meta property="og:site_name" content="Wire"><h2>Port fire</h2><p>A fire broke out at the terminal.</p><p>Workers were evacuated.</p>';
    expect(draftOf(parseHtml(html, 'f'))).toMatchObject({ title: 'Copied story', source: 'Wire', text: 'Port fire\n\nA fire broke out at the terminal.\n\nWorkers were evacuated.' });
  });
});
