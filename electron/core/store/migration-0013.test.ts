import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../testing/tmp';
import { insertArticle } from './articles';
import { insertAnnotation } from './annotations';
import { loadMigrations, openStore, schemaVersion } from './db';
import { listEvents } from './events';

const tmp = useTmpDir();

describe('migration 0013', () => {
  it('upgrades a library made before it: its live events become rows of the Events table, sorted by their source', () => {
    const file = join(tmp(), 'old.db');
    const old = openStore(file, { migrations: loadMigrations().slice(0, 12) });
    const text = 'Shelling hit the depot. Shelling again.';
    const ids: string[] = [];
    for (const [i, source] of ['Wire', null, 'Agency'].entries()) {
      const article = insertArticle(old, { title: `Report ${i}`, source, url: null, author: null, publishedAt: null, language: 'en', text: `${text} ${i}` });
      ids.push(insertAnnotation(old, { articleId: article.id, label: 'event', start: 0, end: 8, quote: 'Shelling', attrs: { date: `2025-0${i + 1}` } }).id);
      insertAnnotation(old, { articleId: article.id, label: 'event', start: 24, end: 32, quote: 'Shelling', status: 'orphaned' });
    }
    old.close();

    const db = openStore(file);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(13);
    expect(db.prepare('SELECT count(*) FROM event_rows').pluck().get()).toBe(3);
    expect(listEvents(db, { sort: 'source', descending: false }).items.map((r) => r.source)).toEqual([null, 'Agency', 'Wire']);
    expect(listEvents(db, { sort: 'date' }).items.map((r) => r.id)).toEqual([...ids].reverse());
    db.close();
  });
});
