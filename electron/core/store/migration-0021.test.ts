import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../testing/tmp';
import { insertAnnotation } from './annotations';
import { insertArticle } from './articles';
import { loadMigrations, openStore } from './db';
import { disagreementId } from './disagreement-refresh';
import { getDisagreement, listDisagreements } from './disagreements';

const tmp = useTmpDir();

describe('migration 0021', () => {
  it('keeps every disagreement and its resolution under the same id, now computed from the key', () => {
    const file = join(tmp(), 'old.db');
    const old = openStore(file, { migrations: loadMigrations().slice(0, 20) });
    const text = 'Air defence shot down 62 drones. The ministry said 76 drones.';
    const article = insertArticle(old, { title: 'Drones', source: 'Wire', url: null, author: null, publishedAt: '2024-11-26', language: 'en', text });
    const spans = ['62 drones', '76 drones'].map((quote) => {
      const start = text.indexOf(quote);
      return insertAnnotation(old, { articleId: article.id, label: 'figure', start, end: start + quote.length, quote, attrs: { value: Number(quote.slice(0, 2)), unit: 'дрон', counts: 'intercepted', qualifier: 'exact' } }).id;
    });
    // What the code of 0020 wrote, the id stored beside its key; nothing left dirty.
    const id = disagreementId('article', article.id, 'intercepted', 'дрон');
    old.prepare(`INSERT INTO figure_disagreements (scope, scope_id, counts, unit, id, kind, span_ids) VALUES ('article', ?, 'intercepted', 'дрон', ?, 'conflict', ?)`).run(article.id, id, JSON.stringify(spans));
    old.prepare(
      `INSERT INTO figure_resolutions (id, scope, scope_id, counts, unit, decision, value, note, span_ids, author, created_at, updated_at)
       VALUES (?, 'article', ?, 'intercepted', 'дрон', 'value', 76, 'the ministry counts', ?, 'ana', '2024-11-27T00:00:00Z', '2024-11-27T00:00:00Z')`,
    ).run(id, article.id, JSON.stringify(spans));
    old.prepare('DELETE FROM figure_dirty').run();
    old.prepare('DELETE FROM figure_facts_dirty').run();
    old.close();

    const db = openStore(file);
    expect(db.prepare('SELECT id, kind, span_ids FROM figure_disagreements').all()).toEqual([{ id, kind: 'conflict', span_ids: JSON.stringify(spans) }]);
    expect(getDisagreement(db, id)).toMatchObject({ id, kind: 'conflict', resolution: { decision: 'value', value: 76 } });
    expect(listDisagreements(db, { unresolved: true }).total).toBe(0);
    expect(() => db.prepare(`INSERT INTO figure_disagreements (scope, scope_id, counts, unit, id, kind, span_ids) VALUES ('article', 'a', 'c', 'u', 'x', 'conflict', '[]')`).run()).toThrow(/generated/);
    db.close();

    const plain = new Database(file);
    expect(plain.pragma('integrity_check', { simple: true })).toBe('ok');
    plain.exec('REINDEX; VACUUM');
    expect(plain.prepare('SELECT id FROM figure_disagreements').pluck().all()).toEqual([id]);
    plain.close();
  });
});
