import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../testing/tmp';
import { insertArticle } from './articles';
import { insertAnnotation } from './annotations';
import { loadMigrations, openStore, schemaVersion } from './db';
import { listDisagreements } from './disagreements';

const tmp = useTmpDir();

describe('migration 0012', () => {
  it('upgrades a library made before it: its figures are compared on the first read', () => {
    const file = join(tmp(), 'old.db');
    const old = openStore(file, { migrations: loadMigrations().slice(0, 11) });
    const text = 'Air defence shot down 62 drones. The ministry said 76 drones.';
    const article = insertArticle(old, { title: 'Drones', source: 'Wire', url: null, author: null, publishedAt: '2024-11-26', language: 'en', text });
    for (const quote of ['62 drones', '76 drones']) {
      const start = text.indexOf(quote);
      insertAnnotation(old, { articleId: article.id, label: 'figure', start, end: start + quote.length, quote, attrs: { value: Number(quote.slice(0, 2)), unit: 'drone', counts: 'intercepted', qualifier: 'exact' } });
    }
    old.close();

    const db = openStore(file);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(12);
    expect((db.prepare('SELECT count(*) FROM figure_dirty').pluck().get() as number)).toBe(1);
    const { total, items } = listDisagreements(db);
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({ kind: 'conflict', scope: 'article', scopeId: article.id, counts: 'intercepted', unit: 'drone', resolution: null });
    expect(items[0]?.values.map((v) => v.value)).toEqual([62, 76]);
    expect((db.prepare('SELECT count(*) FROM figure_dirty').pluck().get() as number)).toBe(0);
    expect(() => db.prepare(`INSERT INTO figure_resolutions (id, scope, scope_id, counts, unit, decision, created_at, updated_at) VALUES ('x', 'article', 'a', 'c', 'u', 'value', '', '')`).run()).toThrow(/CHECK/);
    db.close();
  });
});
