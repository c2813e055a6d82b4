import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../testing/tmp';
import { insertArticle } from './articles';
import { deleteAnnotation, insertAnnotation, updateAnnotation } from './annotations';
import { loadMigrations, openStore, schemaVersion, type Db } from './db';
import { insertEntity } from './entities';

const tmp = useTmpDir();

const counts = (db: Db, id: string) => db.prepare('SELECT mentions, articles FROM entity_counts WHERE entity_id = ?').get(id);
const links = (db: Db) => db.prepare('SELECT annotation_id, entity_id, role FROM entity_links ORDER BY annotation_id').all();

describe('migration 0008 (entity registry)', () => {
  it('upgrades a library made before it, and keeps links and counts from annotations through every kind of write', () => {
    const file = join(tmp(), 'old.db');
    const migrations = loadMigrations();
    const old = openStore(file, { migrations: migrations.slice(0, 7) });
    const article = insertArticle(old, { title: 'a', source: null, url: null, author: null, publishedAt: null, language: null, text: 'Zelensky met Zelensky in Kyiv.' });
    old.close();

    const db = openStore(file);
    expect(schemaVersion(db)).toBe(migrations.length);
    const z = insertEntity(db, { kind: 'actor', name: 'Zelensky' });
    const kyiv = insertEntity(db, { kind: 'place', name: 'Kyiv' });
    const other = insertArticle(db, { title: 'b', source: null, url: null, author: null, publishedAt: null, language: null, text: 'Zelensky.' });
    const a1 = insertAnnotation(db, { id: 'a1', articleId: article.id, label: 'actor', start: 0, end: 8, quote: 'Zelensky', attrs: { entityId: z.id } });
    insertAnnotation(db, { id: 'a2', articleId: article.id, label: 'actor', start: 13, end: 21, quote: 'Zelensky', attrs: { entityId: z.id } });
    insertAnnotation(db, { id: 'a3', articleId: other.id, label: 'actor', start: 0, end: 8, quote: 'Zelensky', attrs: { entityId: z.id } });
    insertAnnotation(db, { id: 'e1', articleId: article.id, label: 'event', start: 0, end: 29, quote: '…', attrs: { locationEntityId: kyiv.id } });
    // A claim's attributes never link, whatever they hold.
    insertAnnotation(db, { id: 'c1', articleId: article.id, label: 'claim', start: 0, end: 8, quote: 'Zelensky', attrs: { entityId: z.id } });
    expect(links(db)).toEqual([
      { annotation_id: 'a1', entity_id: z.id, role: 'actor' },
      { annotation_id: 'a2', entity_id: z.id, role: 'actor' },
      { annotation_id: 'a3', entity_id: z.id, role: 'actor' },
      { annotation_id: 'e1', entity_id: kyiv.id, role: 'location' },
    ]);
    expect(counts(db, z.id)).toEqual({ mentions: 3, articles: 2 });

    deleteAnnotation(db, 'a2');
    expect(counts(db, z.id)).toEqual({ mentions: 2, articles: 2 });
    updateAnnotation(db, a1.id, { label: 'claim' });
    expect(counts(db, z.id)).toEqual({ mentions: 1, articles: 1 });
    updateAnnotation(db, a1.id, { label: 'actor' });
    expect(counts(db, z.id)).toEqual({ mentions: 2, articles: 2 });
    // Deleting an article takes its annotations' links by cascade, and the counts follow.
    db.prepare('DELETE FROM articles WHERE id = ?').run(other.id);
    expect(counts(db, z.id)).toEqual({ mentions: 1, articles: 1 });
    expect(links(db)).toHaveLength(2);
  });

  it('holds one name per kind once folded', () => {
    const db = openStore(join(tmp(), 'n.db'));
    insertEntity(db, { kind: 'actor', name: 'Erdoğan' });
    expect(() => insertEntity(db, { kind: 'actor', name: 'ERDOGAN' })).toThrow(/already a name of the actor "Erdoğan"/);
    expect(() => insertEntity(db, { kind: 'actor', name: 'Recep', aliases: ['erdogan'] })).toThrow(/already a name/);
    expect(() => insertEntity(db, { kind: 'actor', name: 'Tayyip', aliases: ['Tayyıp', 'TAYYIP'] })).toThrow(/same name as "Tayyip"/);
    expect(insertEntity(db, { kind: 'place', name: 'Erdogan' }).kind).toBe('place');
    db.close();
  });
});
