import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../testing/tmp';
import { insertArticle } from './articles';
import { loadMigrations, openStore, schemaVersion } from './db';
import { listRemovedParts, recordRemovedParts } from './removed-parts';

const tmp = useTmpDir();

describe('migration 0011', () => {
  it('upgrades a library made before it: its articles have nothing listed as removed, and new removals are kept and go with their article', () => {
    const file = join(tmp(), 'old.db');
    const old = openStore(file, { migrations: loadMigrations().slice(0, 10) });
    const article = insertArticle(old, { title: 'Depot', source: null, url: null, author: null, publishedAt: null, language: 'en', text: 'Shelling hit the depot on Friday.' });
    old.close();

    const db = openStore(file);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(11);
    expect(listRemovedParts(db, article.id)).toEqual([]);
    recordRemovedParts(db, article.id, [{ kind: 'teaser', text: 'ALSO READ: other', at: 33, before: '\n\n', after: '', located: true }]);
    expect(listRemovedParts(db, article.id)).toEqual([{ seq: 0, kind: 'teaser', text: 'ALSO READ: other', at: 33, before: '\n\n', after: '', located: true }]);
    expect(() => db.prepare(`INSERT INTO article_removed_parts (article_id, seq, kind, text, at) VALUES (?, 1, 'navigation', 'x', 0)`).run(article.id)).toThrow(/CHECK/);
    db.prepare('DELETE FROM articles WHERE id = ?').run(article.id);
    expect(db.prepare('SELECT count(*) FROM article_removed_parts').pluck().get()).toBe(0);
    db.close();
  });
});
