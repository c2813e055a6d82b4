import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../testing/tmp';
import { insertArticle } from './articles';
import { insertAnnotation } from './annotations';
import { loadMigrations, openStore, schemaVersion } from './db';
import { listEvents } from './events';

const tmp = useTmpDir();

describe('migration 0009', () => {
  it('upgrades a library made before it: its events read as records with no roles, and the date sort runs on the new index', () => {
    const file = join(tmp(), 'old.db');
    const migrations = loadMigrations();
    const old = openStore(file, { migrations: migrations.slice(0, 8) });
    const text = 'Shelling hit the depot on Friday.';
    const article = insertArticle(old, { title: 'Depot', source: 'Wire', url: null, author: null, publishedAt: null, language: 'en', text });
    insertAnnotation(old, { articleId: article.id, label: 'event', start: 0, end: 8, quote: 'Shelling', attrs: { date: '2025-06', location: 'depot' } });
    old.close();

    const db = openStore(file);
    // Later migrations run too; this one is in.
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(9);
    expect(listEvents(db, {}).items).toMatchObject([{ quote: 'Shelling', date: '2025-06', datePrecision: 'month', actor: [], incidentId: null, location: 'depot' }]);
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT n.rowid FROM annotations n WHERE n.label = 'event' AND n.status = 'ok' AND n.conflict_of IS NULL ORDER BY json_extract(n.attrs, '$.date') DESC, n.rowid DESC LIMIT 10 OFFSET 10`)
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toBe('SEARCH n USING COVERING INDEX annotations_event_date (label=? AND status=? AND conflict_of=?)');
    expect(() => db.prepare(`INSERT INTO event_roles (event_id, role, span_id, article_id) VALUES ('e', 'victim', 's', ?)`).run(article.id)).toThrow(/CHECK/);
    db.close();
  });
});
