import { describe, expect, it } from 'vitest';
import { headlineOf, parseTxt } from './txt';

const LEAD = 'Russia launched 188 drones at Ukraine overnight, the air force said on Tuesday, and around 80 of them were shot down.';

describe('parseTxt titles', () => {
  it('takes a headline on the first line as the title and keeps it in the text', () => {
    const { draft } = parseTxt(`Ukraine downs 76 drones in overnight attack\n\n${LEAD}\n`, 'report.txt');
    expect(draft.title).toBe('Ukraine downs 76 drones in overnight attack');
    expect(draft.text.startsWith('Ukraine downs 76 drones in overnight attack\n\n')).toBe(true);
  });

  it('uses the file name when the text starts with its first sentence', () => {
    expect(parseTxt(`${LEAD}\n\nMore follows.`, 'report').draft.title).toBe('report');
  });

  it('detects the language, since a text file cannot say it', () => {
    expect(parseTxt(`Headline\n\n${LEAD}`, 'r').draft.language).toBe('en');
    expect(parseTxt('Short note', 'r').draft.language).toBeNull();
  });
});

describe('headlineOf', () => {
  const yes = [
    'Ukraine downs 76 drones in overnight attack',
    '“We will respond,” says minister',
    'Is the ceasefire holding?',
    '188 drones launched at Ukraine',
    'Росія атакувала Україну 188 дронами',
  ];
  const no = [
    LEAD,
    'the fire spread to the harbour',
    'https://example.org/news/123',
    'Officials said:',
    'The attack began at dawn, officials said —',
    'He said the attack had ended.”',
    '2024-11-26 04:00',
    'A '.repeat(30).trim(),
  ];
  for (const line of yes) it(`reads "${line}" as a headline`, () => expect(headlineOf(`${line}\n\n${LEAD}`)).toBe(line));
  for (const line of no) it(`does not read "${line.slice(0, 40)}" as one`, () => expect(headlineOf(`${line}\n\n${LEAD}`)).toBeNull());
});
