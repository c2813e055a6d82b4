import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { referenceDisagreements } from '../testing/disagreements-reference';
import { useTmpDir } from '../testing/tmp';
import { insertAnnotation } from './annotations';
import { insertArticle } from './articles';
import { loadMigrations, openStore } from './db';
import { refreshDisagreements } from './disagreement-refresh';
import { listDisagreements } from './disagreements';

const tmp = useTmpDir();

describe('migration 0020', () => {
  it('upgrades a library made before it: every figure is read once into its facts, and the disagreements stay what they were', () => {
    const file = join(tmp(), 'old.db');
    const old = openStore(file, { migrations: loadMigrations().slice(0, 19) });
    const text = 'Air defence shot down 62 drones. The ministry said 76 drones, around 80 by another count.';
    const article = insertArticle(old, { title: 'Drones', source: 'Wire', url: null, author: null, publishedAt: '2024-11-26', language: 'en', text });
    for (const [quote, value, qualifier, counts] of [['62 drones', 62, 'exact', 'Intercepted'], ['76 drones', 76, 'exact', 'intercepted '], ['around 80', 80, 'approximate', 'Убито'], ['76 drones', 76, 'exact', 'убито']] as const) {
      const start = text.indexOf(quote);
      insertAnnotation(old, { articleId: article.id, label: 'figure', start, end: start + quote.length, quote, attrs: { value, unit: 'drone', counts, qualifier } });
    }
    // The code of the time would have found these (the current code needs the new tables).
    const before = referenceDisagreements(old).map((d) => [d.id, d.kind]);
    expect(before.map(([, kind]) => kind)).toEqual(['conflict', 'variance']);
    old.close();

    const db = openStore(file);
    expect(db.prepare('SELECT article_id FROM figure_facts_dirty').pluck().all()).toEqual([article.id]);
    expect(db.prepare('SELECT count(*) FROM figure_facts').pluck().get()).toBe(0);
    refreshDisagreements(db);
    expect(db.prepare('SELECT count(*) FROM figure_facts_dirty').pluck().get()).toBe(0);
    expect(db.prepare('SELECT counts FROM figure_facts ORDER BY seq').pluck().all()).toEqual(['intercepted', 'intercepted', 'убито', 'убито']);
    expect(listDisagreements(db).items.map((d) => [d.id, d.kind])).toEqual(before);
    expect(db.prepare('SELECT id, scope, scope_id, counts, unit, kind, span_ids FROM figure_disagreements ORDER BY id').all()).toEqual(referenceDisagreements(db));
    db.close();

    // Another SQLite tool, without the app's own functions, can still check, reindex and vacuum it.
    const plain = new Database(file);
    expect(plain.pragma('integrity_check', { simple: true })).toBe('ok');
    plain.exec('REINDEX; VACUUM');
    expect(plain.prepare('SELECT count(*) FROM figure_facts').pluck().get()).toBe(4);
    plain.close();
  });
});
