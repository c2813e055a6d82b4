import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../testing/tmp';
import { insertArticle } from './articles';
import { openStore } from './db';
import { toFtsQuery } from './search';
import { segmentForIndex, unsegment } from './segment';
import { listArticles } from './list';

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

  it('finds a quoted phrase of Chinese words with a space between them', () => {
    const db = openStore(join(tmp(), 'p.db'));
    insertArticle(db, { title: 'T', source: null, url: null, author: null, publishedAt: null, language: 'zh', text: '报道称俄罗斯 无人机被击落。' });
    expect(listArticles(db, { query: '"俄罗斯 无人机"', sort: 'relevance', descending: true, limit: 10, offset: 0 }).total).toBe(1);
    db.close();
  });

  it('cuts Chinese, Japanese and Thai into the character pairs the index holds', () => {
    expect(toFtsQuery('无人机')).toBe('"无人 人机"');
    expect(toFtsQuery('ドローン')).toBe('"ドロ ロー ーン"');
    // The first word ends at the space, where the index holds its last character alone.
    expect(toFtsQuery('"俄罗斯 无人机"')).toBe('"俄罗 罗斯 斯 无人 人机"');
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

describe('unsegment', () => {
  it('gives back the text a run of character pairs stands for, hit markers where the hit was', () => {
    const indexed = segmentForIndex('Kyiv: 俄罗斯无人机被击落。') as string;
    expect(indexed).toBe('Kyiv: \u200b俄罗\u200b罗斯\u200b斯无\u200b无人\u200b人机\u200b机被\u200b被击\u200b击落\u200b落\u200b。');
    expect(unsegment(indexed)).toBe('Kyiv: 俄罗斯无人机被击落。');
    // What FTS5 gives for a hit on the pairs 无人 人机.
    const hit = indexed.replace('无人\u200b人机', '\ue000无人\u200b人机\ue001');
    expect(unsegment(hit)).toBe('Kyiv: 俄罗斯\ue000无人机\ue001被击落。');
    expect(unsegment('plain')).toBe('plain');
  });

  it('keeps Thai letters and their vowel signs together', () => {
    const thai = 'กองทัพอากาศ';
    expect(unsegment(segmentForIndex(thai) as string)).toBe(thai);
  });
});

describe('Chinese and Japanese next to digits and Latin letters', () => {
  const ARTICLE = '新华社2024年11月26日电，iPhone手机销量上升。Kestrel报道：无人机3架被击落。';

  it.each(['2024年11月26日', '11月', '26日', '2024年', 'iPhone手机', '手机', 'iPhone', '新华社2024', '电', '"11月26日电"', '3架', 'Kestrel报道'])('finds %j', (query) => {
    const db = openStore(join(tmp(), 'cjk.db'));
    insertArticle(db, { title: 'T', source: null, url: null, author: null, publishedAt: null, language: 'zh', text: ARTICLE });
    expect(listArticles(db, { query, sort: 'relevance', descending: true, limit: 10, offset: 0 }).total, query).toBe(1);
    db.close();
  });

  it.each(['2025年', '12月', 'iPad手机', '手表', '11月27日'])('does not find %j', (query) => {
    const db = openStore(join(tmp(), 'cjk.db'));
    insertArticle(db, { title: 'T', source: null, url: null, author: null, publishedAt: null, language: 'zh', text: ARTICLE });
    expect(listArticles(db, { query, sort: 'relevance', descending: true, limit: 10, offset: 0 }).total, query).toBe(0);
    db.close();
  });

  it('shows the snippet as written, the hit marked', () => {
    const db = openStore(join(tmp(), 'cjk.db'));
    insertArticle(db, { title: 'T', source: null, url: null, author: null, publishedAt: null, language: 'zh', text: ARTICLE });
    const [item] = listArticles(db, { query: 'iPhone手机', sort: 'relevance', descending: true, limit: 10, offset: 0 }).items;
    const shown = item?.snippet?.replace(/[\ue000\ue001]/g, '').replace(/…$/, '') ?? '';
    expect(shown.length).toBeGreaterThan(20);
    expect(ARTICLE.startsWith(shown)).toBe(true);
    expect(item?.snippet).toContain('\ue000iPhone手机\ue001销量');
    db.close();
  });
});

describe('unsegment', () => {
  it('gives back exactly the text that was segmented, whatever stands around the runs', () => {
    const texts = [
      '新华社2024年11月26日电，iPhone手机',
      '年',
      'a年b',
      '无\u200b人',
      'A\u200b无人\u200bB',
      '\u200b无\u200b',
      'क्無人',
      'กองทัพ2024อากาศ',
      'ドローン80機',
      'x\u0301年',
      '\u0e31',
      'ก \u0e31ก',
    ];
    for (const text of texts) expect(unsegment(segmentForIndex(text) as string), JSON.stringify(text)).toBe(text);
  });

  it('gives back random mixes of scripts, digits, zero-width spaces and marks', () => {
    const alphabet = ['无', '人', '机', 'ド', 'ー', 'ก', '\u0e31', 'a', 'Z', '7', ' ', '，', '\u200b', '\u0301', '\u094d', 'é'];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      const indexed = segmentForIndex(text);
      expect(indexed === null ? text : unsegment(indexed), JSON.stringify(text)).toBe(text);
    }
  });
});
