import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../testing/tmp';
import { insertArticle } from './articles';
import { insertAnnotation } from './annotations';
import { loadMigrations, openStore } from './db';
import { disagreementId } from './disagreement-refresh';
import { listDisagreements } from './disagreements';

const tmp = useTmpDir();

describe('migration 0014', () => {
  it('keeps a library’s disagreements and resolutions, under ids that are their keys', () => {
    const file = join(tmp(), 'old.db');
    const old = openStore(file, { migrations: loadMigrations().slice(0, 13) });
    const text = 'Air defence shot down 62 drones. The ministry said 76 drones.';
    const article = insertArticle(old, { title: 'Drones', source: 'Wire', url: null, author: null, publishedAt: '2024-11-26', language: 'en', text });
    const spans = ['62 drones', '76 drones'].map((quote) => {
      const start = text.indexOf(quote);
      return insertAnnotation(old, { articleId: article.id, label: 'figure', start, end: start + quote.length, quote, attrs: { value: Number(quote.slice(0, 2)), unit: 'drone', counts: 'intercepted', qualifier: 'exact' } }).id;
    });
    // What 0012's code wrote: the disagreement under a hash of its key, and a resolution of it.
    const oldId = `fd-${createHash('sha256').update(JSON.stringify(['article', article.id, 'intercepted', 'drone'])).digest('hex').slice(0, 40)}`;
    old.prepare(`INSERT INTO figure_disagreements (id, scope, scope_id, counts, unit, kind, span_ids) VALUES (?, 'article', ?, 'intercepted', 'drone', 'conflict', ?)`).run(oldId, article.id, JSON.stringify(spans));
    old.prepare('DELETE FROM figure_dirty').run();
    old.prepare(
      `INSERT INTO figure_resolutions (id, scope, scope_id, counts, unit, decision, value, note, span_ids, author, created_at, updated_at)
       VALUES (?, 'article', ?, 'intercepted', 'drone', 'value', 76, 'the ministry counts', ?, 'ana', '2024-11-27T00:00:00Z', '2024-11-27T00:00:00Z')`,
    ).run(oldId, article.id, JSON.stringify(spans));
    old.close();

    const db = openStore(file);
    const id = disagreementId('article', article.id, 'intercepted', 'drone');
    expect(db.prepare('SELECT count(*) FROM figure_dirty').pluck().get()).toBe(0);
    const { items } = listDisagreements(db);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id, kind: 'conflict', scope: 'article', scopeId: article.id, resolution: { decision: 'value', value: 76, note: 'the ministry counts' } });
    expect(db.prepare('SELECT id FROM figure_resolutions').pluck().all()).toEqual([id]);
    db.close();
  });
});
