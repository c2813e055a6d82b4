import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { isImportable, looksLikeHtml, MAX_FILE_BYTES, parseBratPair, parseFile, parsePasted } from './index';

const utf8 = (s: string) => Buffer.from(s, 'utf8');

describe('parseFile', () => {
  it('refuses an empty file', () => {
    expect(parseFile('a.txt', new Uint8Array())).toEqual({ ok: false, reason: 'empty file' });
  });

  it('refuses a file over the size limit and states the limit', () => {
    const outcome = parseFile('big.txt', Buffer.alloc(MAX_FILE_BYTES + 1, 0x61));
    expect(outcome).toEqual({ ok: false, reason: `too large: ${(MAX_FILE_BYTES + 1).toLocaleString('en')} bytes (50.0 MB); the limit is 50 MB` });
  });

  it('refuses an unsupported type and lists what is supported', () => {
    const outcome = parseFile('report.pdf', utf8('%PDF-1.7'));
    expect(outcome).toEqual({ ok: false, reason: expect.stringMatching(/^unsupported file type "\.pdf"; Spanwise reads \.txt, .*\.jsonl/) });
    expect(parseFile('README', utf8('x'))).toMatchObject({ ok: false, reason: expect.stringContaining('"(no extension)"') });
  });

  it('refuses binary data', () => {
    expect(parseFile('photo.txt', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]))).toEqual({ ok: false, reason: 'binary data, not text' });
  });

  it('says which legacy encoding it used', () => {
    const outcome = parseFile('ru.txt', iconv.encode('Заголовок\n\nМинистерство обороны сообщило о 76 сбитых беспилотниках.', 'windows-1251'));
    expect(outcome.ok && outcome.warnings).toEqual(['not valid UTF-8; decoded as windows-1251']);
    expect(outcome.ok && outcome.drafts[0]).toMatchObject({ title: 'Заголовок', text: 'Заголовок\n\nМинистерство обороны сообщило о 76 сбитых беспилотниках.' });
  });

  it('decodes a legacy HTML page by the charset it declares', () => {
    const html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><title>Новости</title></head><body><p>Силы ПВО сбили 76 беспилотников.</p></body></html>';
    const outcome = parseFile('page.htm', iconv.encode(html, 'windows-1251'));
    expect(outcome.ok && outcome.drafts[0]).toMatchObject({ title: 'Новости', text: 'Силы ПВО сбили 76 беспилотников.' });
    expect(outcome.ok && outcome.warnings).toEqual(['not valid UTF-8; decoded as windows-1251']);
  });

  it('reads UTF-16 with a BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('Title\n\nBody text.', 'utf-16le', { addBOM: false })]);
    expect(parseFile('u16.txt', bytes)).toMatchObject({ ok: true, warnings: [], drafts: [{ title: 'Title', text: 'Title\n\nBody text.' }] });
  });

  it('chooses the parser by extension, case-insensitively', () => {
    expect(parseFile('A.MD', utf8('# Heading\n\nBody.'))).toMatchObject({ ok: true, drafts: [{ title: 'Heading' }] });
    expect(parseFile('a.markdown', utf8('*x* body'))).toMatchObject({ ok: true, drafts: [{ text: 'x body' }] });
    expect(parseFile('a.JSON', utf8('{"text":"From JSON."}'))).toMatchObject({ ok: true, drafts: [{ text: 'From JSON.' }] });
    expect(parseFile('a.ndjson', utf8('{"text":"From NDJSON."}\n'))).toMatchObject({ ok: true, drafts: [{ text: 'From NDJSON.' }] });
    expect(parseFile('a.htm', utf8('<p>From <b>HTML</b>.</p>'))).toMatchObject({ ok: true, drafts: [{ text: 'From HTML.' }] });
    expect(['a.txt', 'a.text', 'a.md', 'a.html', 'a.jsonl'].every(isImportable)).toBe(true);
    expect(['a.ann', 'annotation.conf', 'a.pdf', 'a.docx'].some(isImportable)).toBe(false);
  });

  it('reads pasted-style plain text one paragraph per line, dropping boilerplate lines but keeping a post signature', () => {
    const text = [
      'Moscow pledges retaliation after missile strikes',
      'Ukraine used the missiles in strikes on two days last week.',
      'Around 80 drones were shot down. pic.twitter.com/AbCdEf123',
      '— Some Official (@official) November 26, 2024',
      'ALSO READ: Unrelated story',
      'Kyiv later said 76 drones were downed.',
    ].join('\r\n');
    const outcome = parseFile('paste.txt', utf8(text));
    expect(outcome.ok && outcome.drafts[0]?.text).toBe(
      'Moscow pledges retaliation after missile strikes\n\nUkraine used the missiles in strikes on two days last week.\n\nAround 80 drones were shot down.\n\n— Some Official (@official) November 26, 2024\n\nKyiv later said 76 drones were downed.',
    );
    expect(outcome.ok && outcome.warnings[0]).toMatch(/^removed 2 boilerplate items: "pic\.twitter\.com\/AbCdEf123", "ALSO READ: Unrelated story"$/);
  });

  it('refuses a text file that is only whitespace', () => {
    expect(parseFile('blank.txt', utf8(' \n\t\n '))).toEqual({ ok: false, reason: 'no text in file' });
  });
});

describe('parseBratPair', () => {
  it('names the annotation file when it is the one that cannot be read', () => {
    expect(parseBratPair('doc.txt', utf8('Some text.'), Buffer.from([0, 1, 2, 3]))).toEqual({ ok: false, reason: 'annotation file (.ann): binary data, not text' });
  });
});

describe('parsePasted', () => {
  it('tells a copied web page from plain text', () => {
    const html = '<div class="story"><h1>Port fire</h1><p>A fire broke out at the terminal.</p><p>Workers were evacuated.</p></div>';
    expect(looksLikeHtml(html)).toBe(true);
    expect(parsePasted('Pasted text', html)).toMatchObject({ ok: true, drafts: [{ text: expect.stringContaining('A fire broke out at the terminal.\n\nWorkers were evacuated.') }] });
    const prose = 'The tag <p> marks a paragraph, and x < y > z is maths.\nSecond line.';
    expect(looksLikeHtml(prose)).toBe(false);
    expect(parsePasted('Pasted text', prose)).toMatchObject({ ok: true, drafts: [{ title: 'Pasted text', text: `${prose.replace('\n', '\n\n')}` }] });
  });

  it('reads the Windows clipboard HTML format', () => {
    const cf = 'Version:0.9\r\nStartHTML:0000000105\r\nEndHTML:0000000200\r\nStartFragment:0000000141\r\nEndFragment:0000000164\r\n<html><body><!--StartFragment--><p>Clipboard paragraph.</p><!--EndFragment--></body></html>';
    expect(parsePasted('clip', cf)).toMatchObject({ ok: true, drafts: [{ text: 'Clipboard paragraph.' }] });
  });

  it('lets a known extension in the name decide, and refuses empty content', () => {
    expect(parsePasted('dropped.md', '# Title\n\n<p>kept as markdown</p>')).toMatchObject({ ok: true, drafts: [{ title: 'Title' }] });
    expect(parsePasted('Pasted', '  \n ')).toEqual({ ok: false, reason: 'empty: nothing was pasted' });
  });
});
