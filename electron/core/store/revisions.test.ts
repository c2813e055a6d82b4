import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../testing/tmp';
import { insertArticle } from './articles';
import { deleteAnnotation, getAnnotation, insertAnnotation, updateAnnotation } from './annotations';
import { loadMigrations, openStore, schemaVersion } from './db';
import { historyOf, resolveId, revisionOf, tombstoneOf } from './revisions';

const TEXT = 'The ministry said 64 drones were shot down over Kyiv.';

describe('annotation revisions (migration 5)', () => {
  const tmp = useTmpDir();

  it('upgrades a library of schema 4 in place: its annotations keep their rows and start a history', () => {
    const file = join(tmp(), 'old.db');
    const old = openStore(file, { migrations: loadMigrations().filter((m) => m.version < 5) });
    expect(schemaVersion(old)).toBe(4);
    const article = insertArticle(old, { title: 'T', source: null, url: null, author: null, publishedAt: null, language: 'en', text: TEXT }, { id: 'art' });
    insertAnnotation(old, { id: 'n1', articleId: article.id, label: 'figure', start: 18, end: 27, quote: '64 drones', attrs: { value: 64 } });
    const before = getAnnotation(old, 'n1');
    old.close();

    const db = openStore(file);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(5);
    expect(getAnnotation(db, 'n1')).toEqual(before);
    expect(historyOf(db, 'n1')).toEqual(new Set());
    const first = revisionOf(before as NonNullable<typeof before>);
    updateAnnotation(db, 'n1', { note: 'checked' });
    expect(historyOf(db, 'n1')).toEqual(new Set([first]));
    db.close();
  });

  it('counts only content as a revision: key order and empty attributes do not make a new one', () => {
    const base = { label: 'figure' as const, start: 1, end: 5, note: '' };
    expect(revisionOf({ ...base, attrs: { value: 64, unit: 'drones' } })).toBe(revisionOf({ ...base, attrs: { unit: 'drones', value: 64, qualifier: null } }));
    expect(revisionOf({ ...base, attrs: {} })).not.toBe(revisionOf({ ...base, note: 'x', attrs: {} }));
    expect(revisionOf({ ...base, attrs: {} })).not.toBe(revisionOf({ ...base, end: 6, attrs: {} }));
  });

  it('keeps history as the past only: an undo back to a version takes it out again', () => {
    const db = openStore(join(tmp(), 'a.db'));
    const article = insertArticle(db, { title: 'T', source: null, url: null, author: null, publishedAt: null, language: 'en', text: TEXT });
    const a = insertAnnotation(db, { articleId: article.id, label: 'event', start: 0, end: 12, quote: TEXT.slice(0, 12) });
    const r0 = revisionOf(a);
    const r1 = revisionOf(updateAnnotation(db, a.id, { note: 'one' }));
    updateAnnotation(db, a.id, { note: '' });
    expect(historyOf(db, a.id)).toEqual(new Set([r1]));
    updateAnnotation(db, a.id, { note: 'one' });
    expect(historyOf(db, a.id)).toEqual(new Set([r0]));
  });

  it('leaves a tombstone with its history for a deleted annotation, and none when its article goes', () => {
    const db = openStore(join(tmp(), 'a.db'));
    const article = insertArticle(db, { title: 'T', source: null, url: null, author: null, publishedAt: null, language: 'en', text: TEXT }, { id: 'art' });
    const a = insertAnnotation(db, { id: 'gone', articleId: article.id, label: 'event', start: 0, end: 12, quote: TEXT.slice(0, 12) });
    insertAnnotation(db, { id: 'kept', articleId: article.id, label: 'actor', start: 4, end: 12, quote: 'ministry' });
    updateAnnotation(db, 'kept', { note: 'edited' });
    const deleted = deleteAnnotation(db, a.id);
    expect(tombstoneOf(db, ['gone'])).toEqual({ id: 'gone', articleId: 'art', revision: revisionOf(deleted) });
    // Restoring it (undo) clears the tombstone.
    insertAnnotation(db, deleted);
    expect(tombstoneOf(db, ['gone'])).toBeNull();
    updateAnnotation(db, 'gone', { note: 'edited before it went' });
    deleteAnnotation(db, 'gone');
    expect(historyOf(db, 'gone').size).toBeGreaterThan(0);
    db.prepare('DELETE FROM articles WHERE id = ?').run('art');
    expect(db.prepare('SELECT count(*) FROM annotation_tombstones').pluck().get()).toBe(0);
    // Neither the live annotation's history nor the one its tombstone held is left behind.
    expect(db.prepare('SELECT count(*) FROM annotation_revisions').pluck().get()).toBe(0);
  });

  it('migration 7 removes the history earlier schemas left behind, and keeps what is still held', () => {
    const file = join(tmp(), 'old.db');
    const old = openStore(file, { migrations: loadMigrations().filter((m) => m.version < 7) });
    const article = insertArticle(old, { title: 'T', source: null, url: null, author: null, publishedAt: null, language: 'en', text: TEXT }, { id: 'art' });
    const other = insertArticle(old, { title: 'U', source: null, url: null, author: null, publishedAt: null, language: 'en', text: `${TEXT} Again.` }, { id: 'other' });
    for (const [id, articleId] of [['left', article.id], ['buried', other.id], ['live', other.id]] as const) {
      insertAnnotation(old, { id, articleId, label: 'event', start: 0, end: 12, quote: TEXT.slice(0, 12) });
      updateAnnotation(old, id, { note: 'edited' });
    }
    deleteAnnotation(old, 'left');
    deleteAnnotation(old, 'buried');
    old.prepare('DELETE FROM articles WHERE id = ?').run('art');
    expect(historyOf(old, 'left').size).toBeGreaterThan(0);
    old.close();

    const db = openStore(file);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(7);
    expect(historyOf(db, 'left').size).toBe(0);
    expect(historyOf(db, 'buried').size).toBeGreaterThan(0);
    expect(historyOf(db, 'live').size).toBeGreaterThan(0);
    db.close();
  });

  it('resolves a conflict in favour of the copy by letting it answer to the deleted id', () => {
    const db = openStore(join(tmp(), 'a.db'));
    const article = insertArticle(db, { title: 'T', source: null, url: null, author: null, publishedAt: null, language: 'en', text: TEXT });
    const local = insertAnnotation(db, { id: 'x', articleId: article.id, label: 'figure', start: 18, end: 27, quote: '64 drones', note: 'mine' });
    const copy = insertAnnotation(db, { id: 'c', articleId: article.id, label: 'figure', start: 18, end: 27, quote: '64 drones', note: 'theirs', conflictOf: 'x' });
    const other = insertAnnotation(db, { id: 'c2', articleId: article.id, label: 'claim', start: 18, end: 27, quote: '64 drones', conflictOf: 'x' });
    deleteAnnotation(db, local.id);
    expect(resolveId(db, ['x'])).toBe(copy.id);
    expect(historyOf(db, copy.id).has(revisionOf(local))).toBe(true);
    expect(getAnnotation(db, copy.id)?.conflictOf).toBeNull();
    expect(getAnnotation(db, other.id)?.conflictOf).toBe(copy.id);
    expect(tombstoneOf(db, ['x'])).toBeNull();
  });

  it('finds a corrected article by its original text through the prefix index', () => {
    const db = openStore(join(tmp(), 'a.db'));
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM articles WHERE original_text IS NOT NULL AND substr(original_text, 1, 64) = substr(@t, 1, 64) AND original_text = @t")
      .all({ t: TEXT }) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/articles_original_prefix/);
  });
});
