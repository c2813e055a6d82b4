import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../testing/tmp';
import { insertArticle } from './articles';
import { openStore } from './db';
import { cleanSnippet, toFtsQuery } from './search';
import { segmentForIndex } from './segment';

const tmp = useTmpDir();

describe('toFtsQuery', () => {
  it.each([
    ['drones', '"drones"'],
    ['Shot DOWN', '"Shot" AND "DOWN"'],
    ['"shot down"', '"shot down"'],
    ['"shot down', '"shot down"'],
    ['shot" down', '"shot" AND "down"'],
    ['"', null],
    ['""', null],
    ['dron*', '"dron"*'],
    ['*', null],
    ['**drones', '"drones"'],
    ['NEAR(', '"NEAR"'],
    ['NEAR(drones shot, 5)', '"NEAR drones" AND "shot" AND "5"'],
    ['drones AND', '"drones" AND "AND"'],
    ['AND OR NOT', '"AND" AND "OR" AND "NOT"'],
    ['-drones', '"drones"'],
    ['drones -shot', '"drones" AND "shot"'],
    ['title:kyiv', '"title kyiv"'],
    ['^start', '"start"'],
    ['{a b}: c', '"a" AND "b" AND "c"'],
    ['()', null],
    ['Kursk-Vostochny', '"Kursk Vostochny"'],
    ['Київ', '"Київ"'],
  ])('%j becomes %j', (input, fts) => {
    expect(toFtsQuery(input)).toBe(fts);
  });

  it('cuts Chinese, Japanese and Thai into the character pairs the index holds', () => {
    expect(toFtsQuery('无人机')).toBe('"无人 人机"');
    expect(toFtsQuery('ドローン')).toBe('"ドロ ロー ーン"');
    expect(toFtsQuery('"俄罗斯 无人机"')).toBe('"俄罗 罗斯 无人 人机"');
    // Thai vowel signs stay with their letters.
    expect(toFtsQuery('ทัพ')).toBe('"ทัพ"');
    expect(toFtsQuery('Kyiv无人机')).toBe('"Kyiv 无人 人机"');
  });

  it('searches one such character as the start of a pair', () => {
    expect(toFtsQuery('机')).toBe('"机"*');
    expect(toFtsQuery('机*')).toBe('"机"*');
  });

  it('composes what was typed decomposed, as the stored text is', () => {
    expect(toFtsQuery('Cafe\u0301')).toBe('"Café"');
  });

  it('never gives FTS5 a query it refuses, whatever is typed', () => {
    const db = openStore(join(tmp(), 'q.db'));
    insertArticle(db, { title: 'T', source: null, url: null, author: null, publishedAt: null, language: null, text: 'Drones were shot down near Kyiv.' });
    const hostile = ['"', '"""', '*', 'a*b', 'NEAR(', 'NEAR/2', 'AND', 'OR OR', 'NOT x', '-', '--x', '(', ')', '{', '}:', '^', ':', 'col:', '+', 'x"y"z', '\u0000', '🙂', 'x'.repeat(1000)];
    for (const input of hostile) {
      const fts = toFtsQuery(input);
      if (fts !== null) expect(() => db.prepare('SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?').get(fts), input).not.toThrow();
    }
    db.close();
  });
});

describe('cleanSnippet', () => {
  it('gives back the text a run of character pairs stands for, hit markers where the hit was', () => {
    const indexed = segmentForIndex('Kyiv: 俄罗斯无人机被击落。') as string;
    expect(indexed).toBe('Kyiv: 俄罗\u200b罗斯\u200b斯无\u200b无人\u200b人机\u200b机被\u200b被击\u200b击落\u200b落。');
    expect(cleanSnippet(indexed)).toBe('Kyiv: 俄罗斯无人机被击落。');
    // What FTS5 gives for a hit on the pairs 无人 人机.
    const hit = indexed.replace('无人\u200b人机', '\ue000无人\u200b人机\ue001');
    expect(cleanSnippet(hit)).toBe('Kyiv: 俄罗斯\ue000无人机\ue001被击落。');
    expect(cleanSnippet('plain')).toBe('plain');
  });

  it('keeps Thai letters and their vowel signs together', () => {
    const thai = 'กองทัพอากาศ';
    expect(cleanSnippet(segmentForIndex(thai) as string)).toBe(thai);
  });
});
