import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../testing/tmp';
import { insertArticle } from './articles';
import { insertAnnotation } from './annotations';
import { openStore } from './db';
import { listDisagreements } from './disagreements';

const tmp = useTmpDir();

describe('listDisagreements', () => {
  it('narrows to one article’s disagreements by scopeId, as the reader’s summary asks', () => {
    const db = openStore(join(tmp(), 'lib.db'));
    const ids: string[] = [];
    for (const [title, a, b] of [['North', 62, 76], ['South', 10, 14]] as const) {
      const text = `Air defence shot down ${a} drones. The ministry said ${b} drones.`;
      const article = insertArticle(db, { title, source: 'Wire', url: null, author: null, publishedAt: '2024-11-26', language: 'en', text });
      ids.push(article.id);
      for (const quote of [`${a} drones`, `${b} drones`]) {
        const start = text.indexOf(quote);
        insertAnnotation(db, { articleId: article.id, label: 'figure', start, end: start + quote.length, quote, attrs: { value: Number(quote.split(' ')[0]), unit: 'drone', counts: 'intercepted', qualifier: 'exact' } });
      }
    }
    expect(listDisagreements(db).total).toBe(2);
    const south = listDisagreements(db, { scope: 'article', scopeId: ids[1] });
    expect(south.total).toBe(1);
    expect(south.items[0]?.values.map((v) => v.value)).toEqual([10, 14]);
    expect(listDisagreements(db, { scope: 'article', scopeId: 'no-such-article' }).total).toBe(0);
    db.close();
  });
});
