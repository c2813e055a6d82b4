import { describe, expect, it } from 'vitest';
import { parseMarkdown } from './md';
import type { ImportDraft, ParseOutcome } from './types';

function draftOf(outcome: ParseOutcome): ImportDraft {
  if (!outcome.ok) throw new Error(`expected a draft, got: ${outcome.reason}`);
  expect(outcome.drafts).toHaveLength(1);
  return outcome.drafts[0] as ImportDraft;
}

describe('parseMarkdown', () => {
  it('reads front matter for the metadata', () => {
    const md = [
      '---',
      'title: "Grain terminal fire: 300 evacuated"',
      'source: Coastal Ledger',
      'url: https://example.org/ledger/fire',
      'author: [Mara Lindqvist, Tomas Ek]',
      'date: 2025-03-14',
      'language: en_GB',
      '---',
      '',
      'A fire broke out early on Friday.',
    ].join('\n');
    const draft = draftOf(parseMarkdown(md, 'fallback'));
    expect(draft).toMatchObject({
      title: 'Grain terminal fire: 300 evacuated',
      source: 'Coastal Ledger',
      url: 'https://example.org/ledger/fire',
      author: 'Mara Lindqvist, Tomas Ek',
      publishedAt: '2025-03-14',
      language: 'en-GB',
      text: 'A fire broke out early on Friday.',
    });
  });

  it('takes the first heading as the title when the front matter has none', () => {
    const draft = draftOf(parseMarkdown('Intro line.\n\n## Talks *stall* in Geneva\n\nBody text.', 'fallback'));
    expect(draft.title).toBe('Talks stall in Geneva');
    expect(draft.text).toBe('Intro line.\n\nTalks stall in Geneva\n\nBody text.');
  });

  it('turns markup into plain text: emphasis, links, images, entities, breaks, code, quotes, tables', () => {
    const md = [
      '# Budget vote',
      '',
      'The **finance** minister said the [vote](https://example.org "v") was _delayed_ ![chart](c.png) by a day &mdash; AT&T &amp; others\nobjected.',
      'Hard break here  ',
      'next line.',
      '',
      '> Quoted statement from the speaker.',
      '',
      '```',
      'raw   code  line',
      '```',
      '',
      '| Party | Seats |',
      '|-------|-------|',
      '| Blue  | 40    |',
      '',
      '---',
      '',
      'Use `a < b` in code.',
    ].join('\n');
    expect(draftOf(parseMarkdown(md, 'x')).text).toBe(
      [
        'Budget vote',
        'The finance minister said the vote was delayed by a day — AT&T & others objected. Hard break here\nnext line.',
        'Quoted statement from the speaker.',
        'raw   code  line',
        'Party\tSeats\nBlue\t40',
        'Use a < b in code.',
      ].join('\n\n'),
    );
  });

  it('puts a tight list one item per line and a loose list one item per paragraph', () => {
    const md = '- first\n- second\n  - nested\n\nBetween.\n\n1. alpha\n\n2. beta\n';
    expect(draftOf(parseMarkdown(md, 'x')).text).toBe('first\nsecond\nnested\n\nBetween.\n\nalpha\n\nbeta');
  });

  it('reduces raw HTML to its text and never keeps script or style content', () => {
    const md = [
      'Before <span onclick="steal()">inline</span> <script>alert("inline")</script> after.',
      '',
      '<div class="box"><p>Block <b>HTML</b> text</p><style>p{color:red}</style></div>',
      '',
      '<script>',
      'document.title = "owned";',
      '</script>',
      '',
      '<!-- an editor comment -->',
      '',
      '<a href="javascript:alert(1)">Click me</a> and <img src="http://tracker.example/p.gif" onerror="x()"> end.',
    ].join('\n');
    const text = draftOf(parseMarkdown(md, 'x')).text;
    // A javascript: link keeps its words; its target is never kept, let alone followed.
    expect(text).toBe('Before inline after.\n\nBlock HTML text\n\nClick me and end.');
  });

  it('drops teaser lines and names them in a warning', () => {
    const outcome = parseMarkdown('Story text.\n\nALSO READ: Another story\n\nMore story.', 'x');
    expect(draftOf(outcome).text).toBe('Story text.\n\nMore story.');
    expect(outcome.ok && outcome.warnings).toEqual(['removed 1 boilerplate item: "ALSO READ: Another story"']);
  });

  it('reads a file whose front matter is broken, and says the fields were ignored', () => {
    const outcome = parseMarkdown('---\ntitle: [unclosed\n---\nBody survives.', 'name');
    // A sentence is not a headline (import/txt.ts headlineOf): the file name is the title.
    expect(draftOf(outcome)).toMatchObject({ title: 'name', text: 'Body survives.', source: null });
    expect(outcome.ok && outcome.warnings[0]).toMatch(/^front matter is not valid YAML/);
  });

  it('refuses a file with front matter and no body', () => {
    expect(parseMarkdown('---\ntitle: Only metadata\n---\n', 'x')).toEqual({ ok: false, reason: 'no text in file' });
  });

  it('handles CRLF files and keeps code points such as emoji intact', () => {
    const draft = draftOf(parseMarkdown('---\r\ntitle: T\r\n---\r\nFirst 📢 line\r\nsame paragraph.\r\n\r\nSecond.', 'x'));
    expect(draft.text).toBe('First 📢 line same paragraph.\n\nSecond.');
  });

  it('reads a day-first front matter date when the order is beyond doubt, and leaves an ambiguous one out, saying so', () => {
    expect(draftOf(parseMarkdown('---\ndate: 26/11/2024\n---\n\nBody text here.', 'x')).publishedAt).toBe('2024-11-26');
    const outcome = parseMarkdown('---\ndate: 01/02/2024\n---\n\nBody text here.', 'x');
    expect(draftOf(outcome).publishedAt).toBeNull();
    expect(outcome.ok && outcome.warnings).toEqual(['published date left empty: "01/02/2024" is ambiguous: 1 February or January 2']);
  });
});
